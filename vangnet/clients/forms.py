import re
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _
from stdnum.nl import bsn as bsn_number

from vangnet.clients.emergency import EmergencyIdentity, parse_house_number
from vangnet.clients.models import (
    CareTeamMember,
    Client,
    EmergencyAccessPolicy,
    IdentifyBy,
    InformalCarer,
    LegalRepresentative,
    validate_birth_date,
)
from vangnet.consent.actions import ConsentTerms
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.core.formfields import choice, labels_from, model_choice
from vangnet.core.widgets import RadioSelect
from vangnet.directory.models import Discipline, Network, Organisation, OrganisationType, Person
from vangnet.directory.validators import normalise_postcode

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class ClientForm(forms.ModelForm[Client]):
    class Meta:
        model = Client
        fields: tuple[str, ...] = (
            "given_name",
            "family_name",
            "date_of_birth",
            "street",
            "postcode",
            "city",
            "phone",
            "living_situation",
            "gp_practice",
            "bsn",
        )
        widgets = {
            "date_of_birth": DATE_INPUT,
            "given_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "family_name": forms.TextInput(attrs={"autocomplete": "off"}),
            "phone": forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
            "bsn": forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "gp_practice").queryset = Organisation.objects.filter(
            type=OrganisationType.GP_PRACTICE
        )

    def clean_bsn(self) -> str:
        # Spaces and dots people type are dropped; other characters stay, so "²" is refused.
        return "".join(ch for ch in self.cleaned_data.get("bsn", "") if ch not in " .-")


class RegistrationForm(ClientForm):
    network = forms.ModelChoiceField(queryset=Network.objects.all(), label=_("Network"))
    agreed = forms.BooleanField(
        label=_("The older person agrees that I record these details."),
        help_text=_("Without this agreement you cannot register anyone."),
    )
    given_by = forms.ChoiceField(
        label=_("Who agreed?"), choices=GivenBy.choices, widget=RadioSelect
    )
    representative_name = forms.CharField(
        label=_("Name of the representative"), required=False, max_length=150
    )
    method = forms.ChoiceField(
        label=_("How was it agreed?"), choices=ConsentMethod.choices, widget=RadioSelect
    )

    class Meta(ClientForm.Meta):
        fields = ("network", *ClientForm.Meta.fields)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        networks = Network.objects.all()
        if len(networks) == 1:
            self.fields["network"].initial = networks[0].pk

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("given_by") == GivenBy.REPRESENTATIVE and not data.get("representative_name"):
            self.add_error("representative_name", _("Fill in the name of the representative."))
        return data

    AGREEMENT_FIELDS = ("agreed", "given_by", "representative_name", "method")

    def identity_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.fields if name not in self.AGREEMENT_FIELDS]

    def agreement_fields(self) -> list[forms.BoundField]:
        return [self[name] for name in self.AGREEMENT_FIELDS]

    def client_data(self) -> dict[str, Any]:
        return {name: self.cleaned_data[name] for name in ClientForm.Meta.fields}


class CarerForm(forms.ModelForm[InformalCarer]):
    class Meta:
        model = InformalCarer
        fields = ("name", "relation", "phone", "email", "is_primary", "note")
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}


class RepresentativeForm(forms.ModelForm[LegalRepresentative]):
    class Meta:
        model = LegalRepresentative
        fields = ("name", "kind", "phone", "email")
        widgets = {"phone": forms.TextInput(attrs={"type": "tel"})}


class CareTeamForm(forms.ModelForm[CareTeamMember]):
    is_contact_person = forms.BooleanField(
        label=_("This is the new contact person"), required=False
    )

    class Meta:
        model = CareTeamMember
        fields = ("person", "role", "since", "until")
        widgets = {"since": DATE_INPUT, "until": DATE_INPUT}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "person").queryset = Person.objects.select_related(
            "organisation"
        ).order_by("name")
        labels_from(model_choice(self, "person"), _person_with_place)


def _person_with_place(person: Person) -> str:
    return f"{person.name}, {person.get_discipline_display()}, {person.organisation.name}"


class ContactPersonForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Contact person"))

    def __init__(self, *args: Any, team: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "person").queryset = Person.objects.filter(pk__in=[p.pk for p in team])


class ConsentForm(forms.ModelForm[Consent]):
    categories = forms.MultipleChoiceField(
        label=_("What may be shared?"),
        choices=DataCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    purposes = forms.MultipleChoiceField(
        label=_("For what?"), choices=Purpose.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = Consent
        fields = (
            "scope",
            "recipient_organisation",
            "recipient_discipline",
            "recipient_person",
            "categories",
            "purposes",
            "given_by",
            "representative_name",
            "method",
            "given_on",
            "valid_until",
        )
        widgets = {
            "scope": RadioSelect,
            "given_by": RadioSelect,
            "method": RadioSelect,
            "given_on": DATE_INPUT,
            "valid_until": DATE_INPUT,
        }
        labels = {
            "scope": _("With whom may it be shared?"),
            "recipient_organisation": _("Which organisation?"),
            "recipient_discipline": _("Which role?"),
            "recipient_person": _("Which person?"),
            "given_by": _("Who agreed?"),
            "representative_name": _("Name of the representative"),
            "method": _("How was it agreed?"),
        }

    # Which recipient field belongs to which choice of "with whom"; the page shows only that one.
    RECIPIENT_FIELDS = {
        RecipientScope.ORGANISATION: "recipient_organisation",
        RecipientScope.DISCIPLINE: "recipient_discipline",
        RecipientScope.PERSON: "recipient_person",
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice(self, "recipient_person").queryset = Person.objects.select_related(
            "organisation"
        )
        choice(self, "scope").choices = RecipientScope.choices

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        # Without JavaScript every recipient field is on the page; only the chosen one counts.
        chosen = self.RECIPIENT_FIELDS.get(data.get("scope", ""))
        for name in self.RECIPIENT_FIELDS.values():
            if name != chosen:
                data[name] = "" if name == "recipient_discipline" else None
        if data.get("given_by") != GivenBy.REPRESENTATIVE:
            data["representative_name"] = ""
        return data

    def terms(self) -> ConsentTerms:
        """What the older person agreed to, as the consent action takes it."""
        data = self.cleaned_data
        return ConsentTerms(**{name: data[name] for name in self.Meta.fields})


class RevokeForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)


BSN_SEPARATORS = str.maketrans("", "", " .-")
BSN_RE = re.compile(r"[0-9]{9}", re.ASCII)
POSTCODE_RE = re.compile(r"[1-9][0-9]{3} [A-Z]{2}", re.ASCII)


class EmergencyForm(forms.Form):
    """What identifies one older person for emergency access, by the rules of the networks.

    ``modes`` holds the ways of identifying (``IdentifyBy``) that the
    professional's networks use; with both, either set of details will do.
    """

    bsn = forms.CharField(
        label=_("BSN"),
        max_length=20,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    family_name = forms.CharField(
        label=_("Surname"),
        max_length=150,
        help_text=_("Exactly as registered, with prefixes such as van or de."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    date_of_birth = forms.DateField(
        label=_("Date of birth"), widget=DATE_INPUT, validators=[validate_birth_date]
    )
    postcode = forms.CharField(
        label=_("Postcode"),
        max_length=7,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    house_number = forms.CharField(
        label=_("House number"),
        max_length=10,
        help_text=_("With the addition, if there is one: for example 12a."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Why do you need emergency access?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=_("Your coordinator reviews every emergency access."),
    )

    BSN_FIELDS = ("bsn",)
    ADDRESS_FIELDS = ("family_name", "postcode", "house_number")

    def __init__(self, *args: Any, modes: set[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.by_bsn = IdentifyBy.BSN in modes
        self.by_address = IdentifyBy.ADDRESS in modes
        if not self.by_bsn:
            for name in self.BSN_FIELDS:
                del self.fields[name]
        if not self.by_address:
            for name in self.ADDRESS_FIELDS:
                del self.fields[name]
        if self.by_bsn and self.by_address:
            # Either set of details will do; clean() checks that one is complete.
            for name in (*self.BSN_FIELDS, *self.ADDRESS_FIELDS):
                self.fields[name].required = False
        order = ("bsn", "family_name", "date_of_birth", "postcode", "house_number", "reason")
        self.order_fields([name for name in order if name in self.fields])

    def clean_bsn(self) -> str:
        value = str(self.cleaned_data.get("bsn", "")).translate(BSN_SEPARATORS)
        if not value:
            return ""
        if not BSN_RE.fullmatch(value) or not bsn_number.is_valid(value):
            raise forms.ValidationError(
                _("This is not a valid BSN: it needs nine digits that pass the eleven-test."),
                code="bsn",
            )
        return value

    def clean_family_name(self) -> str:
        return " ".join(str(self.cleaned_data.get("family_name", "")).split())

    def clean_postcode(self) -> str:
        value = str(self.cleaned_data.get("postcode", ""))
        if not value:
            return ""
        value = normalise_postcode(value)
        if not POSTCODE_RE.fullmatch(value):
            raise forms.ValidationError(
                _("Enter a Dutch postcode: four digits and two letters, for example 1234 AB."),
                code="postcode",
            )
        return value

    def clean_house_number(self) -> tuple[str, str] | None:
        value = str(self.cleaned_data.get("house_number", ""))
        if not value:
            return None
        number = parse_house_number(value)
        if number is None:
            raise forms.ValidationError(
                _("Enter a house number, with the addition if there is one: for example 12a."),
                code="house_number",
            )
        return number

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.by_bsn and self.by_address and not self.errors:
            address = [data.get(name) for name in self.ADDRESS_FIELDS]
            if not data.get("bsn") and not all(address):
                raise forms.ValidationError(
                    _("Fill in the BSN, or the surname, postcode and house number."),
                    code="incomplete",
                )
        return data

    def identity(self) -> EmergencyIdentity:
        data = self.cleaned_data
        return EmergencyIdentity(
            date_of_birth=data["date_of_birth"],
            bsn=data.get("bsn") or "",
            family_name=data.get("family_name") or "",
            postcode=data.get("postcode") or "",
            house_number=data.get("house_number"),
        )


class EmergencyPolicyForm(forms.ModelForm[EmergencyAccessPolicy]):
    disciplines = forms.MultipleChoiceField(
        label=_("Which roles may use emergency access?"),
        choices=Discipline.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Only roles that may have to act at once, when no one with access is there."),
    )

    class Meta:
        model = EmergencyAccessPolicy
        fields = ("disciplines", "identify_by")
        widgets = {"identify_by": RadioSelect}
        help_texts = {
            "identify_by": _(
                "All details must match exactly one older person; otherwise nobody is found."
            )
        }
