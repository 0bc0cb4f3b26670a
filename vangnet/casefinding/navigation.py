from django.utils.translation import gettext_lazy as _

# The GP practice's menu entry for finding frail older people in its own records.
CASEFINDING_LABEL = _("Case-finding")
