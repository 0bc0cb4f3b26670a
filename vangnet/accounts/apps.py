from django.apps import AppConfig
from django.contrib.admin import apps as admin_apps
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "vangnet.accounts"
    label = "accounts"
    verbose_name = _("Accounts")
    default = True

    def ready(self) -> None:
        from vangnet.accounts import checks  # noqa: F401 (registers the system checks)


class AdminConfig(admin_apps.AdminConfig):
    """The Django admin, behind the two-step login (listed in INSTALLED_APPS instead of it)."""

    default = False
    default_site = "vangnet.accounts.admin_site.VangnetAdminSite"
