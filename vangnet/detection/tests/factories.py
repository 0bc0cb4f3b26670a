"""Test data for signals and early-detection activities."""

from datetime import date, datetime

import factory
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.clients.tests.factories import person_for
from vangnet.detection.models import (
    ActivityKind,
    EarlyDetectionActivity,
    Frequency,
    Signal,
    SignalCategory,
    Source,
    Urgency,
    new_reference,
)
from vangnet.detection.sla import default_terms, due_at
from vangnet.directory.models import Area, Discipline, Network
from vangnet.directory.tests.factories import NetworkFactory, OrganisationFactory


class SignalFactory(factory.django.DjangoModelFactory[Signal]):
    class Meta:
        model = Signal

    reference = factory.LazyFunction(new_reference)
    network = factory.SubFactory(NetworkFactory)
    source = Source.PUBLIC
    reporter_kind = "neighbour"
    subject_name = "Mevrouw Zonneveld"
    subject_street = "Kastanjelaan 8"
    subject_postcode = "9999 AB"
    categories = factory.LazyFunction(lambda: [SignalCategory.LONELINESS])
    description = "Ze komt haar huis niet meer uit."
    urgency = Urgency.NORMAL
    reporter_name = "Henk Buurman"
    reporter_contact = "0611122233"
    received_at = factory.LazyFunction(timezone.now)
    due_at = factory.LazyAttribute(
        lambda o: due_at(o.received_at, o.urgency == Urgency.URGENT, default_terms())
    )


class ActivityFactory(factory.django.DjangoModelFactory[EarlyDetectionActivity]):
    class Meta:
        model = EarlyDetectionActivity
        skip_postgeneration_save = True

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Activiteit {n}")
    kind = ActivityKind.HOUSE_VISITS
    organisation = factory.SubFactory(OrganisationFactory)
    age_from = 75
    age_to = None
    frequency = Frequency.YEARLY
    starts_on = date(2025, 1, 1)
    ends_on = None

    @factory.post_generation  # type: ignore[untyped-decorator]
    def areas(self, create: bool, extracted: list[Area] | None, **kwargs: object) -> None:
        if create and extracted:
            self.areas.set(extracted)


def make_desk(user: User, network: Network | None = None) -> Network:
    """A network whose coordination point ``user`` (a coordinator) staffs."""
    target: Network = network or NetworkFactory.create()
    target.coordinator = person_for(user, Discipline.NETWORK_COORDINATOR)
    target.save(update_fields=["coordinator"])
    return target


def aware(year: int, month: int, day: int, hour: int = 12, minute: int = 0) -> datetime:
    """A moment in Dutch local time."""
    return timezone.make_aware(datetime(year, month, day, hour, minute))
