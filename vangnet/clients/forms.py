from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from vangnet.clients.models import (
    CareTeamMember,
    Client,
    InformalCarer,
    LegalRepresentative,
)
from vangnet.consent.models import (
    Consent,
    ConsentMethod,
    DataCategory,
    GivenBy,
    Purpose,
    RecipientScope,
)
from vangnet.directory.models import Network, Organisation, OrganisationType, Person

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
        self.fields["gp_practice"].queryset = Organisation.objects.filter(  # type: ignore[attr-defined]
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
        label=_("Who agreed?"), choices=GivenBy.choices, widget=forms.RadioSelect
    )
    representative_name = forms.CharField(
        label=_("Name of the representative"), required=False, max_length=150
    )
    method = forms.ChoiceField(
        label=_("How was it agreed?"), choices=ConsentMethod.choices, widget=forms.RadioSelect
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
        self.fields["person"].queryset = Person.objects.select_related(  # type: ignore[attr-defined]
            "organisation"
        ).order_by("name")
        self.fields["person"].label_from_instance = (  # type: ignore[attr-defined]
            lambda p: f"{p.name}, {p.get_discipline_display()}, {p.organisation.name}"
        )


class ContactPersonForm(forms.Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Contact person"))

    def __init__(self, *args: Any, team: list[Person], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["person"].queryset = Person.objects.filter(  # type: ignore[attr-defined]
            pk__in=[p.pk for p in team]
        )


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
            "scope": forms.RadioSelect,
            "given_by": forms.RadioSelect,
            "method": forms.RadioSelect,
            "given_on": DATE_INPUT,
            "valid_until": DATE_INPUT,
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient_person"].queryset = Person.objects.select_related(  # type: ignore[attr-defined]
            "organisation"
        )
        self.fields["scope"].choices = RecipientScope.choices  # type: ignore[attr-defined]


class RevokeForm(forms.Form):
    note = forms.CharField(label=_("Note (optional)"), required=False, max_length=300)


class EraseForm(forms.Form):
    confirm_name = forms.CharField(label=_("Type the full name of the older person to confirm"))
    reason = forms.CharField(label=_("Reason"), max_length=300)


class EmergencyForm(forms.Form):
    family_name = forms.CharField(label=_("Surname"), max_length=150)
    date_of_birth = forms.DateField(label=_("Date of birth"), widget=DATE_INPUT)
    reason = forms.CharField(
        label=_("Why do you need emergency access?"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=500,
        help_text=_("Your coordinator reviews every emergency access."),
    )
