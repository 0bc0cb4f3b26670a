from django.utils.translation import gettext_lazy as _

# The coordinator's menu entry for the network's collaboration graph.
COLLABORATION_LABEL = _("Who works with whom")
