from django.utils.translation import gettext_lazy as _

REFERRALS_LABEL = _("Referrals")
