from django.urls import path

from vangnet.accounts import views

app_name = "accounts"
urlpatterns = [
    path("", views.account, name="account"),
    path("login/", views.login_view, name="login"),
    path("login/code/", views.verify, name="verify"),
    path("logout/", views.logout_view, name="logout"),
    path("two-factor/setup/", views.setup, name="setup"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("two-factor/recovery-codes/new/", views.recovery_codes_new, name="recovery_codes_new"),
    path("confirm/", views.reauth, name="reauth"),
    path("password/", views.password_change, name="password_change"),
    path("password/forgotten/", views.password_reset, name="password_reset"),
    path("password/forgotten/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
]
