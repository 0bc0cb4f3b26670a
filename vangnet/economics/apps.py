from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EconomicsConfig(AppConfig):
    """Costs and benefits per party: the network's conversation and calculation tool."""

    name = "vangnet.economics"
    label = "economics"
    verbose_name = _("Costs and benefits")
