from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CollaborationConfig(AppConfig):
    """Who works with whom: the network's collaboration graph from its own traces."""

    name = "vangnet.collaboration"
    label = "collaboration"
    verbose_name = _("Who works with whom")

    def ready(self) -> None:
        from vangnet.collaboration.matrix import register

        register()
