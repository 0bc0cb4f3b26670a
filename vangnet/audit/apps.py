from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "vangnet.audit"
    label = "audit"
    verbose_name = _("Access log")

    def ready(self) -> None:
        from vangnet.audit import checks  # noqa: F401 (registers the system checks)
