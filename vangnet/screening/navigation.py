from django.utils.translation import gettext_lazy as _

# The coordinator's menu entry for the follow-up that risk profiles propose.
SCREENING_FOLLOW_UP_LABEL = _("Screening follow-up")
