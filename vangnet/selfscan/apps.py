from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SelfscanConfig(AppConfig):
    """The network's self-scan: members rate the five working elements of their collaboration."""

    name = "vangnet.selfscan"
    label = "selfscan"
    verbose_name = _("Self-scan of the network")
