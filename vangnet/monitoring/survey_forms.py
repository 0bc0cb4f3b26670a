"""The survey's forms: the public one with the code, and the professional's two."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.directory.models import Network
from vangnet.monitoring.survey import CODE_LENGTH, DONT_KNOW, STATEMENTS, normalised

SCALE = [
    ("1", _("Not at all true")),
    ("2", _("Not true")),
    ("3", _("Partly true")),
    ("4", _("True")),
    ("5", _("Completely true")),
    (str(DONT_KNOW), _("I don't know")),
]


class ScoresForm(forms.Form):
    """One optional radio group per statement; a skipped statement stays empty."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, label in STATEMENTS:
            self.fields[key] = forms.TypedChoiceField(
                label=label,
                choices=SCALE,
                coerce=int,
                required=False,
                empty_value=None,
                widget=forms.RadioSelect,
                error_messages={"invalid_choice": _("Choose one of the answers.")},
            )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not self.errors and all(cleaned.get(key) is None for key, _label in STATEMENTS):
            raise forms.ValidationError(_("Answer at least one statement."))
        return cleaned

    def scores(self) -> dict[str, int | None]:
        return {key: self.cleaned_data.get(key) for key, _label in STATEMENTS}


class AnswerForm(ScoresForm):
    """The older person's form: the code from the slip, then the statements."""

    field_order = ["code"]

    code = forms.CharField(
        label=_("Code from the slip"),
        max_length=20,
        help_text=_("Eight letters and digits, for example ABCD-2345."),
        error_messages={"required": _("Type the code from the slip.")},
    )

    def clean_code(self) -> str:
        code = normalised(self.cleaned_data["code"])
        if len(code) != CODE_LENGTH or not code.isascii() or not code.isalnum():
            raise forms.ValidationError(_("A code has eight letters and digits."))
        return code


class NetworkForm(forms.Form):
    """For a professional: the network the survey counts for."""

    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.none(),
        empty_label=None,
        error_messages={"invalid_choice": _("Choose one of your networks.")},
    )

    def __init__(self, *args: Any, networks: list[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["network"]
        assert isinstance(field, forms.ModelChoiceField)
        field.queryset = Network.objects.filter(pk__in=[n.pk for n in networks]).order_by("name")


class PaperForm(NetworkForm, ScoresForm):
    """A paper form typed in by a professional: the network, then the statements."""

    field_order = ["network"]
