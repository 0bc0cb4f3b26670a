from django.utils.translation import gettext_lazy as _

# The coordinator's menu entry for the network's figures.
FIGURES_LABEL = _("Figures")
