from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DetectionConfig(AppConfig):
    name = "vangnet.detection"
    label = "detection"
    verbose_name = _("Early detection and signals")

    def ready(self) -> None:
        from vangnet.clients.access import relationship_source_register
        from vangnet.clients.dossier import dossier_section_register
        from vangnet.detection.access import signal_client_ids
        from vangnet.detection.contact_points import worry_contact_points
        from vangnet.detection.dossier import SECTION
        from vangnet.directory.contact_points import contact_point_source_register

        relationship_source_register(signal_client_ids)
        contact_point_source_register(worry_contact_points)
        dossier_section_register(SECTION)
