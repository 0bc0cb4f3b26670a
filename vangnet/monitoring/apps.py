from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    """The neighbourhood's figures: what the network reached, per area and per quarter."""

    name = "vangnet.monitoring"
    label = "monitoring"
    verbose_name = _("Figures")
