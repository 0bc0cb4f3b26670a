"""The social map's entries in the main menu (labels translated in this app's catalog)."""

from django.utils.translation import gettext_lazy as _

NETWORKS_LABEL = _("Networks")
