"""Forms for signals, triage, the coordination point and the registry of activities.

Every text field has a maximum length, so no field can carry more than it should.
"""

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.clients.forms import DATE_INPUT, ClientForm
from vangnet.clients.models import validate_birth_date
from vangnet.consent.models import ConsentMethod, GivenBy
from vangnet.core.formfields import choice, labels_from, model_choice
from vangnet.detection.models import (
    DESCRIPTION_MAX,
    PUBLIC_REPORTER_KINDS,
    AgeBand,
    CloseReason,
    CoordinationPoint,
    EarlyDetectionActivity,
    PersonKnows,
    SignalCategory,
    Urgency,
)
from vangnet.directory.models import Area, Network, Organisation, Person
from vangnet.directory.validators import normalise_postcode, validate_postcode

HONEYPOT_FIELD = "website"


def _network_field(networks: QuerySet[Network], label: Any) -> forms.ModelChoiceField[Network]:
    return forms.ModelChoiceField(queryset=networks, label=label, empty_label=None)


class _Subject(forms.Form):
    """About whom: shared by the public form and a professional's form for someone new."""

    subject_name = forms.CharField(
        label=_("Name"),
        max_length=150,
        help_text=_(
            "Do you not know the name? Describe the person, for example: the lady on the corner."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    subject_street = forms.CharField(
        label=_("Street and house number"),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    subject_postcode = forms.CharField(
        label=_("Postcode (if you know it)"),
        max_length=7,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "size": 8}),
    )
    subject_town = forms.CharField(
        label=_("Town or village"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )

    def clean_subject_postcode(self) -> str:
        value = self.cleaned_data.get("subject_postcode", "").strip()
        if value:
            validate_postcode(value)
            return normalise_postcode(value)
        return ""


class _Worry(forms.Form):
    categories = forms.MultipleChoiceField(
        label=_("What worries you? Choose all that apply."),
        choices=SignalCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    description = forms.CharField(
        label=_("Tell us in your own words"),
        max_length=DESCRIPTION_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5, "maxlength": DESCRIPTION_MAX}),
        help_text=_("What did you see or hear? Since when?"),
    )
    person_knows = forms.ChoiceField(
        label=_("Does the older person know that you pass on this worry?"),
        choices=PersonKnows.choices,
        widget=forms.RadioSelect,
        initial=PersonKnows.UNSURE,
    )
    urgency = forms.ChoiceField(
        label=_("How urgent is it?"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        initial=Urgency.NORMAL,
        help_text=_("Is someone in danger right now? Call 112."),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("categories") and not (data.get("description") or "").strip():
            raise ValidationError(
                _("Choose what worries you, or tell us in your own words."), code="empty"
            )
        return data


class WorryForm(_Subject, _Worry):
    """The public form: anyone, no account, built for a phone."""

    subject_age_band = forms.ChoiceField(
        label=_("About how old is the person?"),
        choices=[("", _("I do not know")), *AgeBand.choices],
        widget=forms.RadioSelect,
        required=False,
    )
    reporter_kind = forms.ChoiceField(
        label=_("How do you know the person?"),
        choices=PUBLIC_REPORTER_KINDS,
        widget=forms.RadioSelect,
        required=False,
    )
    reporter_name = forms.CharField(
        label=_("Your name"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    reporter_contact = forms.CharField(
        label=_("Your phone number or email address"),
        max_length=150,
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "tel"}),
        help_text=_("Not required, but it helps if we have a question."),
    )
    # A trap for robots: people never see it, so whatever is typed here came from a robot.
    website = forms.CharField(
        label=_("Leave this field empty"),
        max_length=200,
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    SUBJECT_FIELDS = (
        "subject_name",
        "subject_street",
        "subject_postcode",
        "subject_town",
        "subject_age_band",
    )
    WORRY_FIELDS = ("categories", "description", "urgency", "person_knows")
    REPORTER_FIELDS = ("reporter_kind", "reporter_name", "reporter_contact")

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(networks) > 1:
            self.fields["network"] = _network_field(
                networks, _("In which area does the older person live?")
            )

    @property
    def is_robot(self) -> bool:
        return bool(self.data.get(HONEYPOT_FIELD, "").strip())

    def group(self, names: tuple[str, ...]) -> list[forms.BoundField]:
        return [self[name] for name in names if name in self.fields]

    def subject_fields(self) -> list[forms.BoundField]:
        return self.group(("network", *self.SUBJECT_FIELDS))

    def worry_fields(self) -> list[forms.BoundField]:
        return self.group(self.WORRY_FIELDS)

    def reporter_fields(self) -> list[forms.BoundField]:
        return self.group(self.REPORTER_FIELDS)

    def signal_data(self) -> dict[str, Any]:
        names = (*self.SUBJECT_FIELDS, *self.WORRY_FIELDS, *self.REPORTER_FIELDS)
        return {name: self.cleaned_data[name] for name in names}


class ClientSignalForm(_Worry):
    """A professional's signal about an older person they already reach through the door."""

    description = forms.CharField(
        label=_("Short description"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "maxlength": 1000}),
    )
    urgency = forms.ChoiceField(
        label=_("Urgency"),
        choices=Urgency.choices,
        widget=forms.RadioSelect,
        initial=Urgency.NORMAL,
    )

    WORRY_FIELDS = ("categories", "urgency", "description", "person_knows")
    SUBJECT_FIELDS: tuple[str, ...] = ()

    def worry_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.WORRY_FIELDS]

    def subject_fields(self) -> list[forms.BoundField]:
        names = ("network", *self.SUBJECT_FIELDS)
        return [self[name] for name in names if name in self.fields]

    def signal_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in self.WORRY_FIELDS}


class NewPersonSignalForm(_Subject, ClientSignalForm):
    """Quick entry: a professional's signal about someone Vangnet may not know yet."""

    subject_birth_date = forms.DateField(
        label=_("Date of birth"),
        required=False,
        widget=DATE_INPUT,
        validators=[validate_birth_date],
    )
    subject_age_band = forms.ChoiceField(
        label=_("Or a rough age"),
        choices=[("", _("Not known")), *AgeBand.choices],
        required=False,
    )

    SUBJECT_FIELDS = (
        "subject_name",
        "subject_street",
        "subject_postcode",
        "subject_town",
        "subject_birth_date",
        "subject_age_band",
    )

    def __init__(self, *args: Any, networks: QuerySet[Network], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if len(networks) > 1:
            self.fields["network"] = _network_field(networks, _("Network"))

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if not data.get("subject_birth_date") and not data.get("subject_age_band"):
            self.add_error("subject_age_band", _("Give a date of birth or choose a rough age."))
        return data

    def signal_data(self) -> dict[str, Any]:
        return {
            **super().signal_data(),
            **{name: self.cleaned_data[name] for name in self.SUBJECT_FIELDS},
        }


class StatusForm(forms.Form):
    code = forms.CharField(
        label=_("Your code"),
        max_length=20,
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
        help_text=_("The code you got after sending your worry, for example ABCDE-FGHJK."),
    )


class UrgencyForm(forms.Form):
    urgency = forms.ChoiceField(
        label=_("Urgency"), choices=Urgency.choices, widget=forms.RadioSelect
    )


class LinkForm(forms.Form):
    candidate = forms.IntegerField(min_value=1, max_value=50, widget=forms.HiddenInput)


class RouteForm(forms.Form):
    """Choose who acts: the options are built by the view from what the rules allow."""

    target = forms.ChoiceField(label=_("Pass on to"), widget=forms.RadioSelect)

    def __init__(self, *args: Any, options: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice(self, "target").choices = options


def professionals_for(network: Network) -> QuerySet[Person]:
    """People who can receive a signal: an active account, preferably in the network."""
    people = Person.objects.filter(user__isnull=False, user__is_active=True).select_related(
        "organisation"
    )
    parties = network.parties.values_list("organisation_id", flat=True)
    if network.parties.exists():
        people = people.filter(organisation_id__in=parties)
    return people.order_by("name")


class PersonChoiceField(forms.ModelChoiceField[Person]):
    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name}, {obj.get_discipline_display()}, {obj.organisation.name}"


class FirstContactForm(forms.Form):
    person = PersonChoiceField(queryset=Person.objects.none(), label=_("First contact person"))

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "person").queryset = professionals_for(network)


class CloseForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why is the signal closed?"), choices=CloseReason.choices, widget=forms.RadioSelect
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class RegisterForm(ClientForm):
    """Register the older person of a signal: their details, and how they agreed."""

    agreed = forms.BooleanField(
        label=_("The older person agrees that the network records these details."),
        help_text=_("Without this agreement nobody can be registered."),
    )
    given_by = forms.ChoiceField(
        label=_("Who agreed?"), choices=GivenBy.choices, widget=forms.RadioSelect
    )
    representative_name = forms.CharField(
        label=_("Name of the representative"), required=False, max_length=150
    )
    method = forms.ChoiceField(
        label=_("How was it agreed?"), choices=ConsentMethod.choices, widget=forms.RadioSelect
    )

    class Meta(ClientForm.Meta):
        fields = ClientForm.Meta.fields

    AGREEMENT_FIELDS: tuple[str, ...] = ("agreed", "given_by", "representative_name", "method")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("given_by") == GivenBy.REPRESENTATIVE and not data.get("representative_name"):
            self.add_error("representative_name", _("Fill in the name of the representative."))
        return data

    def identity_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in ClientForm.Meta.fields]

    def agreement_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.AGREEMENT_FIELDS]

    def client_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ClientForm.Meta.fields}


class RegisterWithContactForm(RegisterForm):
    contact_person = PersonChoiceField(
        queryset=Person.objects.none(),
        label=_("First contact person"),
        help_text=_("They get a message and become the older person's contact person."),
    )

    AGREEMENT_FIELDS = ("agreed", "given_by", "representative_name", "method", "contact_person")

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "contact_person").queryset = professionals_for(network)
        self.fields["agreed"].label = _(
            "The older person agrees that the network records these details and that the "
            "contact person below gets in touch."
        )


class CoordinationPointForm(forms.ModelForm[CoordinationPoint]):
    class Meta:
        model = CoordinationPoint
        fields = ("phone", "email", "hours", "staff", "sla_urgent_hours", "sla_normal_working_days")
        widgets = {
            "phone": forms.TextInput(attrs={"type": "tel"}),
            "staff": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "staff").queryset = (
            Person.objects.filter(user__isnull=False, user__groups__name="coordinator")
            .select_related("organisation")
            .distinct()
            .order_by("name")
        )


def network_area_choices(network: Network) -> QuerySet[Area]:
    """The network's own areas and every area they lie within."""
    own = list(network.areas.all())
    ids: set[int] = set()
    for area in own:
        ids.update(area.self_and_ancestor_ids())
    return Area.objects.filter(pk__in=ids).order_by("code")


def _area_with_level(area: Area) -> str:
    return f"{area.name} ({area.get_level_display().lower()})"


def _person_with_organisation(person: Person) -> str:
    return f"{person.name}, {person.organisation.name}"


class ActivityForm(forms.ModelForm[EarlyDetectionActivity]):
    class Meta:
        model = EarlyDetectionActivity
        fields = (
            "name",
            "kind",
            "organisation",
            "age_from",
            "age_to",
            "areas",
            "criteria",
            "instrument",
            "instrument_note",
            "frequency",
            "frequency_note",
            "starts_on",
            "ends_on",
            "contact_person",
        )
        widgets = {
            "areas": forms.CheckboxSelectMultiple,
            "starts_on": DATE_INPUT,
            "ends_on": DATE_INPUT,
            "criteria": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "areas").queryset = network_area_choices(network)
        labels_from(model_choice(self, "areas"), _area_with_level)
        model_choice(self, "organisation").queryset = Organisation.objects.order_by("name")
        model_choice(self, "contact_person").queryset = Person.objects.select_related(
            "organisation"
        ).order_by("name")
        labels_from(model_choice(self, "contact_person"), _person_with_organisation)
        if not self.instance.pk:
            self.fields["starts_on"].initial = timezone.localdate()
