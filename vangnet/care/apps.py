from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CareConfig(AppConfig):
    name = "vangnet.care"
    label = "care"
    verbose_name = _("Pathway and plan")

    def ready(self) -> None:
        from vangnet.care.dossier import SECTION
        from vangnet.clients.dossier import dossier_section_register

        dossier_section_register(SECTION)
