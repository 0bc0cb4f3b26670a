from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReferralsConfig(AppConfig):
    name = "vangnet.referrals"
    label = "referrals"
    verbose_name = _("Referrals")

    def ready(self) -> None:
        from vangnet.clients.access import relationship_source_register
        from vangnet.clients.dossier import dossier_section_register
        from vangnet.directory.response_notes import response_source_register
        from vangnet.referrals.dossier import SECTION
        from vangnet.referrals.response_figures import response_notes_for
        from vangnet.referrals.visibility import open_referral_client_ids

        relationship_source_register(open_referral_client_ids)
        dossier_section_register(SECTION)
        response_source_register(response_notes_for)
