"""The self-scan's forms: opening a round, answering it, and the network's statements."""

from datetime import date, timedelta
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.selfscan.elements import ELEMENT_ORDER, Element
from vangnet.selfscan.models import RoundStatement, Statement

SCALE = [
    ("1", _("1 - strongly disagree")),
    ("2", _("2 - disagree")),
    ("3", _("3 - neutral")),
    ("4", _("4 - agree")),
    ("5", _("5 - strongly agree")),
]
REMARK_LENGTH = 1000
STATEMENT_LENGTH = 300


class RoundOpenForm(forms.Form):
    title = forms.CharField(
        label=_("name of the round"),
        max_length=100,
        help_text=_("For example: spring 2027."),
    )
    closes_on = forms.DateField(
        label=_("last day to answer"),
        widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["closes_on"].initial = timezone.localdate() + timedelta(days=21)

    def clean_closes_on(self) -> date:
        day: date = self.cleaned_data["closes_on"]
        today = timezone.localdate()
        if day < today:
            raise forms.ValidationError(_("The last day to answer cannot be in the past."))
        if day > today + timedelta(days=366):
            raise forms.ValidationError(_("A round lasts at most a year."))
        return day


def _score_field(name: str) -> str:
    return f"score_{name}"


def _remark_field(element: str) -> str:
    return f"remark_{element}"


class AnswerForm(forms.Form):
    """One radio group per statement of the round, and one remark per element."""

    def __init__(self, *args: Any, statements: list[RoundStatement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statements = statements
        for statement in statements:
            self.fields[_score_field(str(statement.pk))] = forms.ChoiceField(
                label=statement.text,
                choices=SCALE,
                widget=forms.RadioSelect,
                error_messages={"required": _("Choose a score for this statement.")},
            )
        for element in Element:
            self.fields[_remark_field(element.value)] = forms.CharField(
                label=_("Remark on %(element)s (optional)") % {"element": element.label},
                required=False,
                max_length=REMARK_LENGTH,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def sections(self) -> list[dict[str, Any]]:
        """Per element: its label, its statement fields, and its remark field."""
        result = []
        for element in Element:
            fields = [
                self[_score_field(str(s.pk))] for s in self.statements if s.element == element
            ]
            if fields:
                result.append(
                    {
                        "label": element.label,
                        "fields": fields,
                        "remark": self[_remark_field(element.value)],
                    }
                )
        return result

    def scores(self) -> dict[int, int]:
        return {s.pk: int(self.cleaned_data[_score_field(str(s.pk))]) for s in self.statements}

    def remarks(self) -> dict[str, str]:
        return {e: self.cleaned_data.get(_remark_field(e)) or "" for e in Element.values}


class StatementsForm(forms.Form):
    """The network's own statements: change the words, stop asking one, add new ones."""

    def __init__(self, *args: Any, statements: list[Statement], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.statements = statements
        counters: dict[str, int] = {}
        for statement in statements:
            counters[statement.element] = counters.get(statement.element, 0) + 1
            number = f"{ELEMENT_ORDER[statement.element]}.{counters[statement.element]}"
            self.fields[f"text_{statement.pk}"] = forms.CharField(
                label=_("Statement %(number)s") % {"number": number},
                max_length=STATEMENT_LENGTH,
                initial=statement.text,
            )
            self.fields[f"in_use_{statement.pk}"] = forms.BooleanField(
                label=_("Ask statement %(number)s in new rounds") % {"number": number},
                required=False,
                initial=statement.in_use,
            )
        for element in Element:
            self.fields[f"new_{element.value}"] = forms.CharField(
                label=_("New statement for %(element)s (optional)") % {"element": element.label},
                max_length=STATEMENT_LENGTH,
                required=False,
            )

    def sections(self) -> list[dict[str, Any]]:
        result = []
        for element in Element:
            rows = [
                {"text": self[f"text_{s.pk}"], "in_use": self[f"in_use_{s.pk}"]}
                for s in self.statements
                if s.element == element
            ]
            result.append({"label": element.label, "rows": rows, "new": self[f"new_{element}"]})
        return result

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for element in Element:
            asked = [
                s for s in self.statements if s.element == element and cleaned.get(f"in_use_{s.pk}")
            ]
            if not asked and not (cleaned.get(f"new_{element.value}") or "").strip():
                self.add_error(
                    None,
                    _("Keep at least one statement in use for %(element)s.")
                    % {"element": element.label},
                )
        return cleaned

    def changes(self) -> dict[int, tuple[str, bool]]:
        return {
            s.pk: (
                self.cleaned_data[f"text_{s.pk}"].strip(),
                bool(self.cleaned_data[f"in_use_{s.pk}"]),
            )
            for s in self.statements
        }

    def added(self) -> list[tuple[str, str]]:
        return [
            (e, text.strip())
            for e in Element.values
            if (text := self.cleaned_data.get(f"new_{e}") or "").strip()
        ]
