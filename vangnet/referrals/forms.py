from collections import defaultdict
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vangnet.core.formfields import choice, model_choice
from vangnet.core.params import BIGINT_MAX
from vangnet.directory.models import Network, Organisation, Person, Service
from vangnet.referrals.actions import Target
from vangnet.referrals.models import (
    CATEGORY_EXAMPLES,
    Category,
    ContactPreference,
    FollowUpOutcome,
    ReferralSettings,
    Theme,
)

POINT_OF_CONTACT = "contact"
AGREEMENT_NEEDED = _(
    "A warm referral needs the older person's agreement. Ask first whether they agree that "
    "you pass on their details."
)
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def network_services(network: Network) -> list[Service]:
    """Services on the social map of the network's partners and of its point of contact."""
    rules = ReferralSettings.for_network(network)
    partners = Organisation.objects.filter(network_parties__network=network).values("pk")
    services = Service.objects.filter(organisation__in=partners)
    if rules.contact_organisation_id:
        services = services | Service.objects.filter(organisation_id=rules.contact_organisation_id)
    return list(
        services.distinct()
        .select_related("organisation", "contact")
        .order_by("organisation__name", "name", "pk")
    )


class TargetField(forms.ChoiceField):
    """The network's one point of contact first, then every service grouped by organisation."""

    def __init__(self, network: Network, **kwargs: Any) -> None:
        self.rules = ReferralSettings.for_network(network)
        self.services = {f"service-{s.pk}": s for s in network_services(network)}
        grouped: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for key, service in self.services.items():
            grouped[service.organisation.name].append((key, service.name))
        choices: list[Any] = []
        if self.rules.contact_organisation is not None:
            who = self.rules.contact_organisation.name
            if self.rules.contact_person is not None:
                who = f"{who} ({self.rules.contact_person.name})"
            choices.append((POINT_OF_CONTACT, _("The point of contact: %(who)s") % {"who": who}))
        choices += [(name, options) for name, options in grouped.items()]
        super().__init__(choices=choices, **kwargs)

    def target(self, value: str) -> Target:
        if value == POINT_OF_CONTACT:
            found = Target.point_of_contact_of(self.rules)
            if found is not None:
                return found
        return Target.for_service(self.services[value])


class ReferralForm(forms.Form):
    """Refer in one minute: to whom, why in one line, what kind, agreed, how to reach them."""

    to = forms.ChoiceField(label=_("To whom"))
    reason = forms.CharField(
        label=_("Reason, in one line"),
        max_length=200,
        help_text=_("For example: lonely since her husband died; would like more company."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    categories = forms.MultipleChoiceField(
        label=_("Kind of question"),
        choices=Category.choices,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Tick every area that applies: complaints often come in several."),
        error_messages={"required": _("Choose at least one kind of question.")},
    )
    agreed = forms.BooleanField(
        label=_(
            "The older person agrees that I pass on their name, address, phone number and this "
            "reason, and that the social worker lets me know how it goes."
        ),
        error_messages={"required": AGREEMENT_NEEDED},
    )
    contact_preference = forms.ChoiceField(
        label=_("How do they like to be contacted?"),
        choices=ContactPreference.choices,
        initial=ContactPreference.PHONE,
        widget=forms.RadioSelect,
    )
    contact_note = forms.CharField(
        label=_("About reaching them (optional)"),
        max_length=200,
        required=False,
        help_text=_("For example: best in the morning; hard of hearing."),
    )
    representative_name = forms.CharField(
        label=_("Name of the representative (only if they agreed on the older person's behalf)"),
        max_length=150,
        required=False,
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"] = TargetField(network, label=_("To whom"))
        self.fields["to"].initial = POINT_OF_CONTACT
        # Show what each kind of question covers, in the label the screen reader reads too.
        choice(self, "categories").choices = [
            (value, f"{label}: {CATEGORY_EXAMPLES[Category(value)]}")
            for value, label in Category.choices
        ]

    @property
    def has_targets(self) -> bool:
        return bool(choice(self, "to").choices)

    def target(self) -> Target:
        field = self.fields["to"]
        assert isinstance(field, TargetField)
        return field.target(self.cleaned_data["to"])


class StepForm(forms.Form):
    """Every step form carries the version the person saw, so a stale click is refused."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, max_value=BIGINT_MAX)


class FirstContactForm(StepForm):
    contacted_on = forms.DateField(label=_("Date of the first contact"), widget=DATE_INPUT)
    feedback = forms.CharField(
        label=_("Feedback for the referrer: what was agreed? (optional)"),
        help_text=_("In plain words, without medical details."),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contacted_on"].initial = timezone.localdate()


class ContactForm(StepForm):
    """A later conversation: the follow-up is asked about three months after the last one."""

    contacted_on = forms.DateField(label=_("Date of the conversation"), widget=DATE_INPUT)
    note = forms.CharField(
        label=_("Note (optional)"),
        help_text=_("In plain words, without medical details."),
        max_length=300,
        required=False,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["contacted_on"].initial = timezone.localdate()


class StartForm(StepForm):
    themes = forms.MultipleChoiceField(
        label=_("Which activity or support? (optional)"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note (optional)"), max_length=300, required=False)


class CompleteForm(StepForm):
    feedback = forms.CharField(
        label=_("Feedback for the referrer: what was agreed, and what did they start?"),
        help_text=_("In plain words, without medical details."),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    themes = forms.MultipleChoiceField(
        label=_("Which activity or support?"),
        choices=Theme.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )


class DeclineForm(StepForm):
    note = forms.CharField(
        label=_("What did the older person say? (optional)"), max_length=300, required=False
    )


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Why? In one line"), max_length=200)


class RedirectForm(StepForm):
    to = forms.ChoiceField(label=_("Send on to"))
    reason = forms.CharField(label=_("Why does this fit better? In one line"), max_length=200)
    agreed = forms.BooleanField(
        label=_("The older person agrees that the referral goes to this organisation."),
        error_messages={
            "required": _(
                "The older person must agree that the referral goes to the other organisation."
            )
        },
    )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["to"] = TargetField(network, label=_("Send on to"))

    def target(self) -> Target:
        field = self.fields["to"]
        assert isinstance(field, TargetField)
        return field.target(self.cleaned_data["to"])


class FollowUpForm(StepForm):
    outcome = forms.ChoiceField(
        label=_("How is the older person doing now?"),
        choices=FollowUpOutcome.choices,
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("In one line (optional)"), max_length=300, required=False)


class FindForm(forms.Form):
    q = forms.CharField(
        label=_("Surname, street or postcode of the older person"), max_length=100, required=False
    )


class SettingsForm(forms.ModelForm[ReferralSettings]):
    class Meta:
        widgets = {"first_contact_rule": forms.RadioSelect}
        model = ReferralSettings
        fields = (
            "contact_organisation",
            "contact_person",
            "first_contact_rule",
            "first_contact_working_days",
            "follow_up_days",
        )

    def __init__(self, *args: Any, network: Network, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        partners = Organisation.objects.filter(network_parties__network=network)
        if not partners.exists():
            partners = Organisation.objects.all()
        model_choice(self, "contact_organisation").queryset = partners.order_by("name")
        model_choice(self, "contact_person").queryset = (
            Person.objects.filter(organisation__in=partners)
            .select_related("organisation")
            .order_by("organisation__name", "name")
        )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        organisation = data.get("contact_organisation")
        person = data.get("contact_person")
        if person is not None and (
            organisation is None or person.organisation_id != organisation.pk
        ):
            self.add_error("contact_person", _("Choose someone who works at the point of contact."))
        return data
