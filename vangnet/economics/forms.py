"""The forms of the four phases. Amounts accept a Dutch comma; shares are typed as percentages."""

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.forms import BaseModelFormSet, modelformset_factory
from django.utils.translation import gettext_lazy as _

from vangnet.core.formfields import choice, model_choice
from vangnet.directory.models import Network, Organisation
from vangnet.economics.models import (
    BenefitLine,
    BusinessCase,
    CaseParty,
    CostLine,
    QualitativeBenefit,
)
from vangnet.economics.unitcosts import unit_costs

PLAIN_NUMBER = re.compile(r"[0-9]{1,15}(\.[0-9]{1,6})?")
HUNDRED = Decimal(100)


def _plain(text: str) -> str:
    """A typed amount in plain form: "1.234,50" and "1234,5" become "1234.50" and "1234.5"."""
    text = text.strip().replace("\u00a0", "").replace(" ", "").removeprefix("€").removesuffix("%")
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    return text


class AmountField(forms.DecimalField):
    """A number of plain ASCII digits, with a comma or a point for the decimals; never negative."""

    default_error_messages = {"invalid": _("Type a number, for example 12,50.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", Decimal(0))
        super().__init__(**kwargs)
        self.widget = forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"})

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = _plain(str(value))
        if not PLAIN_NUMBER.fullmatch(text):
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            return Decimal(text)
        except InvalidOperation as exc:
            raise ValidationError(self.error_messages["invalid"], code="invalid") from exc

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)


class PercentField(AmountField):
    """A share from 0 to 1, typed and shown as a percentage from 0 to 100."""

    default_error_messages = {"invalid": _("Type a percentage from 0 to 100, for example 25.")}

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("max_value", Decimal(1))
        kwargs.setdefault("decimal_places", 4)
        kwargs.setdefault("max_digits", 5)
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        if isinstance(value, Decimal):
            return format(value * HUNDRED, "f").rstrip("0").rstrip(".").replace(".", ",") or "0"
        return value

    def to_python(self, value: Any) -> Any:
        number = super().to_python(value)
        if number is None:
            return None
        if number > HUNDRED:
            raise ValidationError(_("A percentage is at most 100."), code="max_value")
        return number / HUNDRED


class InstanceChoiceField(forms.ChoiceField):
    """A choice among rows read once for the whole screen, so no form on it queries again."""

    def __init__(
        self, *, objects: Sequence[Model], label: Any, required: bool = True, **kwargs: Any
    ) -> None:
        self.objects = {str(obj.pk): obj for obj in objects}
        choices = [("", "---------")] + [(key, str(obj)) for key, obj in self.objects.items()]
        super().__init__(choices=choices, label=label, required=required, **kwargs)

    def prepare_value(self, value: Any) -> Any:
        return str(value.pk) if isinstance(value, Model) else value

    def to_python(self, value: Any) -> Model | None:
        text = super().to_python(value)
        if not text:
            return None
        found = self.objects.get(text)
        if found is None:
            raise ValidationError(
                self.error_messages["invalid_choice"],
                code="invalid_choice",
                params={"value": text[:40]},
            )
        return found

    def validate(self, value: Any) -> None:
        forms.Field.validate(self, value)


def _rows_of(
    model: type[Model], name: str, objects: Sequence[Model], **kwargs: Any
) -> InstanceChoiceField:
    field = model._meta.get_field(name)
    return InstanceChoiceField(
        objects=objects,
        label=getattr(field, "verbose_name", name),
        help_text=getattr(field, "help_text", ""),
        **kwargs,
    )


def _amount(model_field: Any, **extra: Any) -> AmountField:
    return AmountField(
        label=model_field.verbose_name,
        max_digits=model_field.max_digits,
        decimal_places=model_field.decimal_places,
        required=not model_field.blank and not model_field.null,
        help_text=model_field.help_text,
        **extra,
    )


def _percent(model_field: Any, label: Any) -> PercentField:
    return PercentField(label=label, help_text=model_field.help_text)


class CaseCreateForm(forms.ModelForm[BusinessCase]):
    class Meta:
        model = BusinessCase
        fields = ("network", "title", "period_start", "period_end", "horizon_years")
        widgets = {
            "period_start": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "period_end": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "network").queryset = Network.objects.order_by("name")
        self.fields["horizon_years"].widget.attrs["inputmode"] = "numeric"


class ConversationForm(forms.ModelForm[BusinessCase]):
    class Meta:
        model = BusinessCase
        fields = ("starting_situation", "shared_ambition")
        widgets = {
            "starting_situation": forms.Textarea(attrs={"rows": 4}),
            "shared_ambition": forms.Textarea(attrs={"rows": 3}),
        }


class PartyForm(forms.ModelForm[CaseParty]):
    class Meta:
        model = CaseParty
        fields = ("name", "kind", "organisation", "wants", "notes")
        widgets = {
            "wants": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args: Any, organisations: Sequence[Organisation], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"] = _rows_of(
            CaseParty, "organisation", organisations, required=False
        )


class BasePartyFormSet(BaseModelFormSet[CaseParty, PartyForm]):
    def clean(self) -> None:
        super().clean()
        names: set[str] = set()
        for form in self.forms:
            if not hasattr(form, "cleaned_data") or form.cleaned_data.get("DELETE"):
                continue
            name = (form.cleaned_data.get("name") or "").strip().casefold()
            if name and name in names:
                form.add_error("name", _("Another party at the table has this name."))
            names.add(name)


PartyFormSet = modelformset_factory(
    CaseParty, form=PartyForm, formset=BasePartyFormSet, extra=1, can_delete=True, max_num=40
)


class CaseSettingsForm(forms.ModelForm[BusinessCase]):
    discount_rate = PercentField(
        label=_("discount rate (%)"),
        help_text=_("Money later is worth less than money now. The Dutch standard is 2.25%."),
        max_value=Decimal("0.2"),
    )

    class Meta:
        model = BusinessCase
        fields = ("horizon_years", "discount_rate", "count_threshold")


class RateForm(forms.ModelForm[CaseParty]):
    class Meta:
        model = CaseParty
        fields = ("hourly_rate",)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["hourly_rate"] = _amount(CaseParty._meta.get_field("hourly_rate"))
        self.fields["hourly_rate"].label = _("hourly rate of %(party)s (€)") % {
            "party": self.instance.name
        }


RateFormSet = modelformset_factory(CaseParty, form=RateForm, extra=0, max_num=40)


class CostLineForm(forms.ModelForm[CostLine]):
    class Meta:
        model = CostLine
        fields = (
            "party",
            "category",
            "description",
            "count_per_year",
            "minutes_each",
            "extra_money",
            "timing",
            "override_reason",
        )

    def __init__(self, *args: Any, parties: Sequence[CaseParty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"] = _rows_of(CostLine, "party", parties)
        for name in ("count_per_year", "minutes_each", "extra_money"):
            self.fields[name] = _amount(CostLine._meta.get_field(name))

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        measured = self.instance.measured_per_year if self.instance.pk else None
        count = data.get("count_per_year")
        if (
            measured is not None
            and count is not None
            and count != measured
            and not (data.get("override_reason") or "").strip()
        ):
            self.add_error(
                "override_reason",
                _("You changed the number Vangnet counted. Say why, for the others at the table."),
            )
        return data


CostLineFormSet = modelformset_factory(
    CostLine, form=CostLineForm, extra=1, can_delete=True, max_num=300
)


class BenefitLineForm(forms.ModelForm[BenefitLine]):
    class Meta:
        model = BenefitLine
        fields = (
            "unit_key",
            "party",
            "quantity_per_year",
            "deadweight",
            "attribution",
            "drop_off",
            "quantity_low",
            "quantity_high",
            "assumption",
        )
        widgets = {"unit_key": forms.Select}

    def __init__(self, *args: Any, parties: Sequence[CaseParty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["unit_key"] = forms.ChoiceField(label=_("avoided event"))
        choice(self, "unit_key").choices = [("", "---------")] + [
            (key, f"{unit.name} ({unit.unit})") for key, unit in unit_costs().items()
        ]
        self.fields["party"] = _rows_of(BenefitLine, "party", parties)
        for name in ("quantity_per_year", "quantity_low", "quantity_high"):
            self.fields[name] = _amount(BenefitLine._meta.get_field(name))
        self.fields["deadweight"] = _percent(
            BenefitLine._meta.get_field("deadweight"), _("would have happened anyway (%)")
        )
        self.fields["attribution"] = _percent(
            BenefitLine._meta.get_field("attribution"), _("share credited to the network (%)")
        )
        self.fields["drop_off"] = _percent(
            BenefitLine._meta.get_field("drop_off"), _("yearly decline (%)")
        )


BenefitLineFormSet = modelformset_factory(
    BenefitLine, form=BenefitLineForm, extra=1, can_delete=True, max_num=200
)


class QualitativeForm(forms.ModelForm[QualitativeBenefit]):
    rating = forms.TypedChoiceField(
        label=_("how much (1 to 5)"),
        coerce=int,
        choices=[
            ("", "---------"),
            ("1", _("1: a little")),
            ("2", "2"),
            ("3", "3"),
            ("4", "4"),
            ("5", _("5: very much")),
        ],
    )

    class Meta:
        model = QualitativeBenefit
        fields = ("description", "party", "rating", "evidence")

    def __init__(self, *args: Any, parties: Sequence[CaseParty], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["party"] = _rows_of(QualitativeBenefit, "party", parties)


QualitativeFormSet = modelformset_factory(
    QualitativeBenefit, form=QualitativeForm, extra=1, can_delete=True, max_num=100
)


class UnitCostForm(forms.Form):
    """The shipped unit costs, each with room for the network's own amount and its reason."""

    def __init__(self, *args: Any, current: dict[str, tuple[Decimal, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, unit in unit_costs().items():
            own = current.get(key)
            self.fields[f"own_{key}"] = AmountField(
                label=_("own amount for %(name)s (€)") % {"name": unit.name},
                required=False,
                max_digits=10,
                decimal_places=2,
                initial=own[0] if own else None,
            )
            self.fields[f"reason_{key}"] = forms.CharField(
                label=_("why, for %(name)s") % {"name": unit.name},
                required=False,
                max_length=300,
                initial=own[1] if own else "",
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for key in unit_costs():
            amount = data.get(f"own_{key}")
            reason = (data.get(f"reason_{key}") or "").strip()
            if amount is not None and not reason:
                self.add_error(f"reason_{key}", _("Say why your network uses its own amount."))
        return data

    def overrides(self) -> dict[str, tuple[Decimal, str]]:
        return {
            key: (amount, self.cleaned_data[f"reason_{key}"].strip())
            for key in unit_costs()
            if (amount := self.cleaned_data.get(f"own_{key}")) is not None
        }

    def rows(self) -> list[tuple[str, forms.BoundField, forms.BoundField]]:
        return [(key, self[f"own_{key}"], self[f"reason_{key}"]) for key in unit_costs()]


class DecisionForm(forms.ModelForm[CaseParty]):
    class Meta:
        model = CaseParty
        fields = (
            "takes_part",
            "contribution_money",
            "contribution_hours",
            "agreed_transfer",
            "conditions",
        )
        widgets = {"conditions": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("contribution_money", "contribution_hours"):
            self.fields[name] = _amount(CaseParty._meta.get_field(name))
        self.fields["agreed_transfer"] = SignedAmountField(
            label=CaseParty._meta.get_field("agreed_transfer").verbose_name,
            help_text=CaseParty._meta.get_field("agreed_transfer").help_text,
            required=False,
            max_digits=14,
            decimal_places=2,
        )


class SignedAmountField(AmountField):
    """An amount that may be negative: a minus sign in front means paying."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("min_value", None)
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> Any:
        if value in self.empty_values:
            return None
        text = str(value).strip()
        negative = text.startswith(("-", "−"))
        number = super().to_python(text.lstrip("-−").strip())
        return -number if (negative and number is not None) else number


DecisionFormSet = modelformset_factory(CaseParty, form=DecisionForm, extra=0, max_num=40)


class AgreementForm(forms.ModelForm[BusinessCase]):
    class Meta:
        model = BusinessCase
        fields = ("agreed_on", "agreement_note")
        widgets = {
            "agreed_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
            "agreement_note": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["agreed_on"].required = True


class CopyForm(forms.Form):
    title = forms.CharField(label=_("name of the copy"), max_length=200)
