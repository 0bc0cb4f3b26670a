from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from vangnet.care.models import (
    AgendaReason,
    AgreedBy,
    Conversation,
    FindingSource,
    Goal,
    GoalOutcome,
    Invitation,
    LifeDomain,
    Meeting,
    OwnerKind,
    PlanAction,
    Quarter,
    StepStatus,
    domains_missing,
)
from vangnet.clients.models import InformalCarer
from vangnet.consent.models import ConsentMethod
from vangnet.core.formfields import choice, labels_from, model_choice
from vangnet.directory.models import (
    Discipline,
    Domain,
    Organisation,
    OrganisationType,
    PathwayStep,
    Person,
)

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME_INPUT = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
SCORE_INPUT = forms.NumberInput(attrs={"min": 0, "max": 10, "inputmode": "numeric"})


def person_label(person: Person) -> str:
    return f"{person.name}, {person.get_discipline_display()}, {person.organisation.name}"


def _people(queryset: QuerySet[Person]) -> QuerySet[Person]:
    return queryset.select_related("organisation").order_by("name")


class PersonChoiceField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)


class PeopleChoiceField(forms.ModelMultipleChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return person_label(obj)


class StepForm(forms.Form):
    step = forms.TypedChoiceField(label=_("Step"), coerce=int, choices=PathwayStep.choices)
    status = forms.ChoiceField(
        label=_("What happened?"), choices=StepStatus.choices, widget=forms.RadioSelect
    )
    occurred_on = forms.DateField(label=_("Date"), widget=DATE_INPUT)
    by_person = PersonChoiceField(
        label=_("Who did it?"),
        queryset=Person.objects.none(),
        required=False,
        help_text=_("Leave empty if you did it yourself."),
    )
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=300,
        help_text=_("For example: why the step is done again."),
    )

    def __init__(self, *args: Any, team: QuerySet[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "by_person").queryset = _people(team)


SCORE_FIELDS = (
    "score_bodily",
    "score_mental",
    "score_meaning",
    "score_quality",
    "score_participation",
    "score_daily",
)


class ConversationForm(forms.ModelForm[Conversation]):
    goals_to_plan = forms.BooleanField(
        label=_("Put these goals in the plan"), required=False, initial=True
    )

    class Meta:
        model = Conversation
        fields = (
            "held_on",
            "carer_present",
            "what_matters",
            "goals",
            *SCORE_FIELDS,
            "carer_says",
            "carer_needs",
        )
        widgets = {
            "held_on": DATE_INPUT,
            "what_matters": forms.Textarea(attrs={"rows": 4}),
            "goals": forms.Textarea(attrs={"rows": 3}),
            "carer_says": forms.Textarea(attrs={"rows": 3}),
            "carer_needs": forms.Textarea(attrs={"rows": 3}),
            **dict.fromkeys(SCORE_FIELDS, SCORE_INPUT),
        }

    def score_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in SCORE_FIELDS]


class AnalysisForm(forms.Form):
    done_on = forms.DateField(label=_("Date of the analysis"), widget=DATE_INPUT)
    summary = forms.CharField(
        label=_("Summary (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class FindingForm(forms.Form):
    """What was found in one domain; an empty text means nothing to note in this domain."""

    text = forms.CharField(
        label=_("What was found"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    quarters = forms.MultipleChoiceField(
        label=_("Where in the butterfly model"),
        choices=Quarter.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    source = forms.ChoiceField(
        label=_("Source"), choices=FindingSource.choices, initial=FindingSource.CONVERSATION
    )
    further_assessment = forms.BooleanField(label=_("Further assessment needed"), required=False)
    assessment_by_person = PersonChoiceField(
        label=_("By whom"), queryset=Person.objects.none(), required=False
    )
    assessment_by_discipline = forms.ChoiceField(
        label=_("Or by a discipline"),
        choices=[("", "---------"), *Discipline.choices],
        required=False,
    )

    def __init__(self, data: Any = None, *, domain: LifeDomain, people: QuerySet[Person]) -> None:
        super().__init__(data, prefix=domain.value)
        self.domain = domain
        self.legend = domain.label
        model_choice(self, "assessment_by_person").queryset = people

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("text", "").strip():
            if data.get("further_assessment") or data.get("quarters"):
                self.add_error("text", _("Describe what was found, or leave this domain empty."))
            return data
        if data.get("further_assessment") and not (
            data.get("assessment_by_person") or data.get("assessment_by_discipline")
        ):
            self.add_error(
                "assessment_by_person",
                _("Say who does the further assessment: a person or a discipline."),
            )
        return data

    def finding(self) -> dict[str, Any] | None:
        """The finding to keep, or None when this domain was left empty."""
        data = self.cleaned_data
        if not data.get("text", "").strip():
            return None
        further = bool(data.get("further_assessment"))
        return {
            "domain": self.domain.value,
            "text": data["text"].strip(),
            "quarters": list(data.get("quarters") or []),
            "source": data["source"],
            "further_assessment": further,
            "assessment_by_person": data.get("assessment_by_person") if further else None,
            "assessment_by_discipline": data.get("assessment_by_discipline", "") if further else "",
        }


def finding_forms(data: Any, people: QuerySet[Person]) -> list[FindingForm]:
    return [FindingForm(data, domain=domain, people=people) for domain in LifeDomain]


class GoalForm(forms.ModelForm[Goal]):
    class Meta:
        model = Goal
        fields = ("text", "domain", "is_active")
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ActionForm(forms.ModelForm[PlanAction]):
    class Meta:
        model = PlanAction
        fields = (
            "description",
            "goal",
            "owner_kind",
            "owner_person",
            "owner_carer",
            "owner_name",
            "due_on",
        )
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "owner_kind": forms.RadioSelect,
            "due_on": DATE_INPUT,
        }

    def __init__(
        self,
        *args: Any,
        goals: QuerySet[Goal],
        team: QuerySet[Person],
        carers: QuerySet[InformalCarer],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "goal").queryset = goals
        choice(self, "owner_kind").choices = OwnerKind.choices
        person = model_choice(self, "owner_person")
        person.queryset = _people(team)
        labels_from(person, person_label)
        person.help_text = _("Only people in the care team can be chosen.")
        model_choice(self, "owner_carer").queryset = carers
        self.fields["due_on"].help_text = _("The date by which it should be done.")

    def action_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data.get(name) or self._empty(name) for name in self.Meta.fields}

    @staticmethod
    def _empty(name: str) -> Any:
        return "" if name in {"owner_name", "description", "owner_kind"} else None


class DecisionForm(ActionForm):
    new_goal = forms.CharField(
        label=_("Or a new goal, in the person's own words"),
        required=False,
        max_length=500,
    )


class AgreementForm(forms.Form):
    agreed_on = forms.DateField(label=_("Agreed on"), widget=DATE_INPUT)
    agreed_by = forms.ChoiceField(
        label=_("Who agreed?"), choices=AgreedBy.choices, widget=forms.RadioSelect
    )
    agreed_how = forms.ChoiceField(
        label=_("How?"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)
    evaluate_on = forms.DateField(
        label=_("Evaluate on"),
        widget=DATE_INPUT,
        help_text=_("The date the contact person and the older person look back together."),
    )


class EvaluationForm(forms.Form):
    held_on = forms.DateField(label=_("Date of the evaluation"), widget=DATE_INPUT)
    next_on = forms.DateField(
        label=_("Next evaluation"),
        widget=DATE_INPUT,
        required=False,
        help_text=_("Leave empty only when no goals remain."),
    )
    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        held, following = data.get("held_on"), data.get("next_on")
        if held and following and following <= held:
            self.add_error("next_on", _("The next evaluation must be after this one."))
        return data


class GoalReviewForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Result"), choices=GoalOutcome.choices, widget=forms.RadioSelect
    )
    own_view = forms.CharField(
        label=_("What does the older person say about it?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, data: Any = None, *, goal: Goal) -> None:
        super().__init__(data, prefix=f"goal-{goal.pk}")
        self.goal = goal
        self.legend = goal.text


class MeetingForm(forms.ModelForm[Meeting]):
    participants = PeopleChoiceField(
        label=_("Participants"),
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Choose people from both the medical and the social domain. For the social "
            "domain only social work, welfare, the older people's adviser and the Wmo "
            "officer count."
        ),
    )

    class Meta:
        model = Meeting
        fields = ("network", "practice", "starts_at", "place", "participants")
        widgets = {"starts_at": DATETIME_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Participants open the meeting in Vangnet, so they need an account.
        model_choice(self, "participants").queryset = _people(
            Person.objects.filter(user__isnull=False, user__is_active=True)
        )
        model_choice(self, "practice").queryset = Organisation.objects.filter(
            type=OrganisationType.GP_PRACTICE
        )
        starts_at = self.fields["starts_at"]
        assert isinstance(starts_at, forms.DateTimeField)
        starts_at.input_formats = ["%Y-%m-%dT%H:%M"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        people = list(data.get("participants") or [])
        missing = domains_missing(people)
        if people and missing:
            labels = dict(Domain.choices)
            self.add_error(
                "participants",
                _("Also invite someone from the %(domain)s domain.")
                % {"domain": str(labels[missing[0]]).lower()},
            )
        return data

    def meeting_data(self) -> dict[str, Any]:
        return {
            name: self.cleaned_data[name] for name in ("network", "practice", "starts_at", "place")
        }


class AgendaAddForm(forms.Form):
    meeting = forms.ModelChoiceField(label=_("Meeting"), queryset=Meeting.objects.none())
    reason = forms.ChoiceField(label=_("Why on the agenda?"), choices=AgendaReason.choices)
    invited = forms.ChoiceField(
        label=_("Does the older person or their carer want to come?"),
        choices=Invitation.choices,
        widget=forms.RadioSelect,
        initial=Invitation.NOBODY,
    )

    def __init__(self, *args: Any, meetings: QuerySet[Meeting], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "meeting").queryset = meetings


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes about this older person"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    invited = forms.ChoiceField(
        label=_("The older person or carer"), choices=Invitation.choices, widget=forms.RadioSelect
    )
    plan_agreed = forms.BooleanField(label=_("The plan was made in this meeting"), required=False)
