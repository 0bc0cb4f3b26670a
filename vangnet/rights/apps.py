from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RightsConfig(AppConfig):
    """The older person's rights under the AVG that span every wing: access and erasure."""

    name = "vangnet.rights"
    label = "rights"
    verbose_name = _("Rights of the older person")
