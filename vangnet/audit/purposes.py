"""Why data is processed: the purposes a consent names and an access-log row records.

The consent app offers these purposes to choose from; the access log stores their
codes, and its pages show them in words with ``purpose_label``.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Purpose(models.TextChoices):
    EARLY_DETECTION = "early_detection", _("Early detection")
    REFERRAL = "referral", _("Referral")
    MDO = "mdo", _("Multidisciplinary meeting (MDO)")
    CARE_PLAN = "care_plan", _("Care and support plan")


# Purposes the system records by itself; nobody gives consent for these.
SYSTEM_PURPOSES = {
    "break_glass": pgettext_lazy("purpose", "Emergency access"),
    "retention": pgettext_lazy("purpose", "Removing data after the retention period"),
}


def purpose_label(code: str) -> str:
    """The purpose in words, in the current language; an unknown code as it is."""
    labels = {**dict(Purpose.choices), **SYSTEM_PURPOSES}
    return str(labels.get(code, code))
