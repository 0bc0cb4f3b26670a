from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasefindingConfig(AppConfig):
    name = "vangnet.casefinding"
    label = "casefinding"
    verbose_name = _("Case-finding")
