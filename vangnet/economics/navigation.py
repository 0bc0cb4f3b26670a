from django.utils.translation import gettext_lazy as _

# The coordinator's menu entry for the business cases of a network.
COSTS_AND_BENEFITS_LABEL = _("Costs and benefits")
