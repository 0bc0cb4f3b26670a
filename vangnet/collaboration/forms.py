"""The period of the graph, checked at the edge."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.collaboration.traces import Period

LONGEST_DAYS = 5 * 366


def default_period() -> Period:
    """The twelve months up to and including today."""
    today = timezone.localdate()
    return Period(today - timedelta(days=364), today)


class PeriodForm(forms.Form):
    start = forms.DateField(
        label=gettext_lazy("From"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("Up to and including"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if isinstance(start, date) and isinstance(end, date):
            if end < start:
                self.add_error("end", _("The end cannot lie before the start."))
            elif (end - start).days + 1 > LONGEST_DAYS:
                self.add_error("end", _("Choose a period of at most five years."))
            elif start.year < 2000:
                self.add_error("start", _("Choose a start in 2000 or later."))
        return data

    def period(self) -> Period:
        return Period(self.cleaned_data["start"], self.cleaned_data["end"])
