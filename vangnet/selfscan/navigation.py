from django.utils.translation import gettext_lazy as _

# The menu entry for the members of a network.
SELFSCAN_LABEL = _("Self-scan of the network")
