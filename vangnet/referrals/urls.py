from django.urls import path

from vangnet.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.find, name="find"),
    path("figures/", views.figures, name="figures"),
    path("settings/<slug:slug>/", views.settings_edit, name="settings"),
    path("client/<int:client_id>/", views.client_referrals, name="client"),
    path("client/<int:client_id>/new/", views.refer, name="refer"),
    path(
        "client/<int:client_id>/<int:referral_id>/step/",
        views.referral_step,
        name="step",
    ),
]
