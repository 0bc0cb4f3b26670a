from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuideConfig(AppConfig):
    """Help in plain Dutch: "how does this work?" on each screen, and a printable guide per role."""

    name = "vangnet.guide"
    label = "guide"
    verbose_name = _("Help")
