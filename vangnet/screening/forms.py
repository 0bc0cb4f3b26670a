"""Forms for administering an instrument, handling follow-up and setting a network's rule."""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vangnet.screening.catalogue import number_choices, offered_instruments, self_completable
from vangnet.screening.engine import Answer, Instrument, Item, ItemType
from vangnet.screening.models import AdministrationMode, ProfileRule, TaskStatus


class StartForm(forms.Form):
    instrument = forms.ChoiceField(
        label=gettext_lazy("Which questionnaire?"), widget=forms.RadioSelect
    )
    mode = forms.ChoiceField(
        label=gettext_lazy("Who fills it in?"),
        choices=[
            (AdministrationMode.PROFESSIONAL, gettext_lazy("I ask the questions and fill them in")),
            (
                AdministrationMode.SELF,
                gettext_lazy("The older person fills it in on this phone or tablet"),
            ),
        ],
        widget=forms.RadioSelect,
        initial=AdministrationMode.PROFESSIONAL,
    )

    def __init__(self, *args: Any, language: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["instrument"]
        assert isinstance(field, forms.ChoiceField)
        field.choices = [
            (instrument.code, instrument.title.get(language))
            for instrument in offered_instruments()
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        code, mode = data.get("instrument"), data.get("mode")
        if code and mode == AdministrationMode.SELF and not self_completable(code):
            self.add_error(
                "mode",
                _("A professional fills in the self-reliance scan; the older person does not.")
                if code == "zrm5"
                else _(
                    "A professional enters the INTERMED-E-SA total; the older person fills in "
                    "the form on paper."
                ),
            )
        return data


class AnswerForm(forms.Form):
    """One question: big radio buttons for choices and small ranges, a number field otherwise."""

    def __init__(
        self,
        *args: Any,
        instrument: Instrument,
        item: Item,
        number: int,
        language: str,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.item = item
        label = item.text.get(language)
        choose = _("Question %(number)s: choose one of the answers.") % {"number": number}
        field: forms.Field
        if item.type is ItemType.CHOICE:
            field = forms.ChoiceField(
                label=label,
                choices=[(option.code, option.display.get(language)) for option in item.options],
                widget=forms.RadioSelect,
                error_messages={"required": choose, "invalid_choice": choose},
            )
        else:
            low, high = item.minimum, item.maximum
            range_message = _("Question %(number)s: choose a number from %(low)s to %(high)s.") % {
                "number": number,
                "low": low,
                "high": high,
            }
            buttons = number_choices(instrument, item)
            if buttons is not None:
                field = forms.TypedChoiceField(
                    label=label,
                    choices=[(str(value), text) for value, text in buttons],
                    coerce=int,
                    widget=forms.RadioSelect,
                    error_messages={"required": range_message, "invalid_choice": range_message},
                )
            else:
                field = forms.IntegerField(
                    label=label,
                    min_value=low,
                    max_value=high,
                    widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
                    error_messages={
                        "required": range_message,
                        "invalid": range_message,
                        "min_value": range_message,
                        "max_value": range_message,
                    },
                )
        self.fields["answer"] = field

    @property
    def is_buttons(self) -> bool:
        return isinstance(self.fields["answer"].widget, forms.RadioSelect)

    def answer(self) -> Answer:
        value: Answer = self.cleaned_data["answer"]
        return value


class TaskResolveForm(forms.Form):
    status = forms.ChoiceField(
        label=gettext_lazy("Outcome"),
        choices=[
            (TaskStatus.DONE, gettext_lazy("Done")),
            (TaskStatus.NOT_NEEDED, gettext_lazy("Not needed")),
        ],
    )
    note = forms.CharField(label=gettext_lazy("Note (optional)"), max_length=300, required=False)


class ProfileRuleForm(forms.ModelForm[ProfileRule]):
    class Meta:
        model = ProfileRule
        fields = list(ProfileRule.PARAMETERS)
        widgets = {name: forms.NumberInput(attrs={"inputmode": "numeric"}) for name in fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        frail, complex_from = data.get("gfi_frail_from"), data.get("complex_gfi_from")
        if frail is not None and complex_from is not None and complex_from < frail:
            raise ValidationError(
                {
                    "complex_gfi_from": _(
                        "Complex care needs cannot start below the GFI score for frail."
                    )
                }
            )
        return data
