from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ScreeningConfig(AppConfig):
    name = "vangnet.screening"
    label = "screening"
    verbose_name = _("Screening")

    def ready(self) -> None:
        from vangnet.clients.dossier import dossier_section_register
        from vangnet.screening.dossier import SECTION

        dossier_section_register(SECTION)
