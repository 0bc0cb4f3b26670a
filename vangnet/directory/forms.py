"""Forms for the social map. Errors come out in Dutch through the usual catalogs."""

from collections.abc import Iterable, Iterator
from typing import Any, cast

from django import forms
from django.forms.models import ModelChoiceIterator
from django.utils.translation import gettext_lazy as _

from vangnet.accounts.models import User
from vangnet.directory.models import (
    Area,
    Discipline,
    Need,
    Network,
    NetworkParty,
    Organisation,
    Person,
    Service,
    StepAssignment,
    Weekday,
)
from vangnet.directory.search import area_choices

# Django 6.1's label for "nothing chosen yet" has no Dutch translation of its own yet.
BLANK_LABEL = _("- Select an option -")


class VangnetFormMixin:
    """Styling hooks used by vangnet.css, and a translated "nothing chosen" option."""

    error_css_class = "field-error"
    required_css_class = "required"
    fields: dict[str, forms.Field]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            relabel_blank_choice(field)


def relabel_blank_choice(field: forms.Field) -> None:
    if isinstance(field, forms.ModelChoiceField):
        if field.empty_label is not None:
            field.empty_label = BLANK_LABEL
        return
    if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.MultipleChoiceField):
        choices = list(cast(Iterable[tuple[Any, Any]], field.choices))
        if choices and choices[0][0] == "":
            field.choices = [("", BLANK_LABEL), *choices[1:]]


class AreaTreeIterator(ModelChoiceIterator[Area]):
    """Areas in tree order, labelled "Municipality › District › Neighbourhood"."""

    def __iter__(self) -> Iterator[tuple[Any, Any]]:
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        yield from area_choices()


class AreaChoiceField(forms.ModelMultipleChoiceField[Area]):
    """Areas as checkboxes, each labelled with its place in the municipality."""

    widget = forms.CheckboxSelectMultiple
    iterator = AreaTreeIterator

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("queryset", Area.objects.all())
        super().__init__(**kwargs)


class PersonChoiceField(forms.ModelChoiceField[Person]):
    """People labelled with their discipline and organisation, so namesakes differ."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs["queryset"] = Person.objects.select_related("organisation").order_by("name")
        super().__init__(**kwargs)

    def label_from_instance(self, obj: Person) -> str:
        return f"{obj.name} · {obj.get_discipline_display()} · {obj.organisation.name}"


def _user_choice_field(label: str, help_text: str = "") -> forms.ModelChoiceField[User]:
    return forms.ModelChoiceField(
        queryset=User.objects.filter(is_active=True).order_by("full_name"),
        required=False,
        label=label,
        help_text=help_text,
        empty_label=BLANK_LABEL,
    )


def _limit_organisations(
    field: forms.Field, allowed: list[int] | None, current: int | None
) -> None:
    """Narrow an organisation choice to the ones a professional may add to."""
    if allowed is None:
        return
    ids = set(allowed)
    if current is not None:
        ids.add(current)
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = Organisation.objects.filter(pk__in=ids)


class OrganisationForm(VangnetFormMixin, forms.ModelForm[Organisation]):
    areas = AreaChoiceField(label=_("Areas served"), required=False)

    class Meta:
        model = Organisation
        fields = (
            "name",
            "type",
            "domain",
            "agb_code",
            "street",
            "postcode",
            "city",
            "phone",
            "email",
            "website",
            "office_hours",
            "out_of_hours",
            "description",
            "areas",
            "owner",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args: Any, coordinator: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if coordinator:
            self.fields["owner"] = _user_choice_field(
                str(_("Owner")), str(_("Who keeps this entry current."))
            )
        else:
            del self.fields["owner"]


class PersonForm(VangnetFormMixin, forms.ModelForm[Person]):
    working_days = forms.MultipleChoiceField(
        label=_("Working days"),
        choices=Weekday.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = Person
        fields = (
            "name",
            "discipline",
            "organisation",
            "work_phone",
            "work_email",
            "working_days",
            "private_phone",
            "private_email",
            "show_private_contact",
            "user",
            "owner",
        )

    def __init__(
        self,
        *args: Any,
        coordinator: bool = False,
        allowed_organisations: list[int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _limit_organisations(
            self.fields["organisation"], allowed_organisations, self.instance.organisation_id
        )
        if coordinator:
            self.fields["owner"] = _user_choice_field(
                str(_("Owner")), str(_("Who keeps this entry current."))
            )
            self.fields["user"] = _user_choice_field(
                str(_("Account")),
                str(_("The login of this person; they may then change their own entry.")),
            )
        else:
            del self.fields["owner"]
            del self.fields["user"]


class ServiceForm(VangnetFormMixin, forms.ModelForm[Service]):
    needs = forms.MultipleChoiceField(
        label=_("Helps with"),
        choices=Need.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("People searching for one of these needs will find this service."),
    )
    areas = AreaChoiceField(
        label=_("Areas served"),
        required=False,
        help_text=_("Leave empty when the service is offered wherever the organisation works."),
    )

    class Meta:
        model = Service
        fields = (
            "organisation",
            "name",
            "description",
            "audience",
            "how_to_access",
            "referral_required",
            "cost_type",
            "cost_note",
            "waiting_days",
            "needs",
            "contact",
            "phone",
            "email",
            "url",
            "schedule",
            "areas",
            "owner",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}
        field_classes = {"contact": PersonChoiceField}

    def __init__(
        self,
        *args: Any,
        coordinator: bool = False,
        allowed_organisations: list[int] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        _limit_organisations(
            self.fields["organisation"], allowed_organisations, self.instance.organisation_id
        )
        if coordinator:
            self.fields["owner"] = _user_choice_field(
                str(_("Owner")), str(_("Who keeps this entry current."))
            )
        else:
            del self.fields["owner"]


class NetworkForm(VangnetFormMixin, forms.ModelForm[Network]):
    areas = AreaChoiceField(label=_("Areas served"))

    class Meta:
        model = Network
        fields = ("name", "slug", "description", "areas", "coordinator", "night_and_weekend")
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"coordinator": PersonChoiceField}


class NetworkPartyForm(VangnetFormMixin, forms.ModelForm[NetworkParty]):
    class Meta:
        model = NetworkParty
        fields = ("organisation", "tier", "linking_pin", "activities")
        field_classes = {"linking_pin": PersonChoiceField}

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.network = network

    def clean_organisation(self) -> Organisation:
        organisation: Organisation = self.cleaned_data["organisation"]
        taken = NetworkParty.objects.filter(network=self.network, organisation=organisation)
        if self.instance.pk:
            taken = taken.exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("This organisation already has a place in the network."))
        return organisation


class StepAssignmentForm(VangnetFormMixin, forms.ModelForm[StepAssignment]):
    class Meta:
        model = StepAssignment
        fields = (
            "step",
            "organisation",
            "discipline",
            "person",
            "responsibility",
            "when",
            "office_hours",
            "evenings",
            "nights_weekends",
            "phone",
        )
        field_classes = {"person": PersonChoiceField}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        person: Person | None = data.get("person")
        organisation: Organisation | None = data.get("organisation")
        if (
            person is not None
            and organisation is not None
            and person.organisation_id != organisation.pk
        ):
            self.add_error("person", _("This person does not work at the chosen organisation."))
        return data


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search for a name, discipline, service or need"),
        required=False,
        max_length=200,
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off"}),
    )
    discipline = forms.ChoiceField(label=_("Discipline"), required=False)
    need = forms.ChoiceField(label=_("Need"), required=False)
    area = forms.TypedChoiceField(label=_("Area"), required=False, coerce=int, empty_value=None)
    network = forms.ModelChoiceField(
        label=_("Network"),
        queryset=Network.objects.order_by("name"),
        required=False,
        empty_label=_("All networks"),
        to_field_name="slug",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        any_choice = ("", _("Any"))
        discipline = self.fields["discipline"]
        need = self.fields["need"]
        area = self.fields["area"]
        assert isinstance(discipline, forms.ChoiceField)
        assert isinstance(need, forms.ChoiceField)
        assert isinstance(area, forms.ChoiceField)
        discipline.choices = [any_choice, *Discipline.choices]
        need.choices = [any_choice, *Need.choices]
        area.choices = [any_choice, *area_choices()]

    def selected_area(self) -> Area | None:
        pk = self.cleaned_data.get("area")
        return Area.objects.filter(pk=pk).first() if pk else None
