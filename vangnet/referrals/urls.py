from django.urls import path

from vangnet.referrals import views

app_name = "referrals"
urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("new/", views.find, name="find"),
    path("figures/", views.figures, name="figures"),
    path("settings/<slug:slug>/", views.settings_edit, name="settings"),
    path("client/<id:client_id>/", views.client_referrals, name="client"),
    path("client/<id:client_id>/new/", views.refer, name="refer"),
    path(
        "client/<id:client_id>/<id:referral_id>/step/",
        views.referral_step,
        name="step",
    ),
]
