from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.core.params import BIGINT_MAX


class ReviewForm(forms.Form):
    justified = forms.TypedChoiceField(
        label=_("Was this emergency access justified?"),
        choices=[("1", _("Yes, justified")), ("0", _("No, not justified"))],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=500)


class LogFilterForm(forms.Form):
    client = forms.IntegerField(
        label=_("Client number"), required=False, min_value=1, max_value=BIGINT_MAX
    )
    user = forms.CharField(label=_("User (name or email)"), required=False, max_length=100)
    break_glass = forms.BooleanField(label=_("Only emergency access"), required=False)
