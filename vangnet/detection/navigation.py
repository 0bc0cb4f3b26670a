from django.utils.translation import gettext_lazy as _

SIGNALS_LABEL = _("Signals")
REPORT_WORRY_LABEL = _("Report a worry")
