"""Test data for the social map."""

import factory
from django.utils import timezone

from vangnet.directory import models


class AreaFactory(factory.django.DjangoModelFactory[models.Area]):
    class Meta:
        model = models.Area
        django_get_or_create = ("code",)

    code = "GM0999"
    name = "Testgemeente"
    level = models.AreaLevel.MUNICIPALITY
    parent = None


def area_tree() -> tuple[models.Area, models.Area, models.Area]:
    """A municipality with one district and one neighbourhood."""
    municipality: models.Area = AreaFactory.create(code="GM0999", name="Testgemeente")
    district: models.Area = AreaFactory.create(
        code="WK099901", name="Centrum", level=models.AreaLevel.DISTRICT, parent=municipality
    )
    neighbourhood: models.Area = AreaFactory.create(
        code="BU09990101", name="Oude Kern", level=models.AreaLevel.NEIGHBOURHOOD, parent=district
    )
    return municipality, district, neighbourhood


class OrganisationFactory(factory.django.DjangoModelFactory[models.Organisation]):
    class Meta:
        model = models.Organisation

    name = factory.Sequence(lambda n: f"Organisatie {n}")
    type = models.OrganisationType.WELFARE
    domain = models.Domain.SOCIAL
    street = "Dorpsstraat 1"
    postcode = "9999 AA"
    city = "Testdorp"
    phone = "0201234567"
    office_hours = "ma-vr 9.00-17.00"
    last_confirmed_at = factory.LazyFunction(timezone.now)


class PersonFactory(factory.django.DjangoModelFactory[models.Person]):
    class Meta:
        model = models.Person

    name = factory.Sequence(lambda n: f"Persoon {n}")
    discipline = models.Discipline.SOCIAL_WORKER
    organisation = factory.SubFactory(OrganisationFactory)
    work_phone = "0201234500"
    work_email = factory.Sequence(lambda n: f"persoon{n}@example.org")
    working_days = factory.LazyFunction(lambda: ["mon", "tue", "thu"])


class ServiceFactory(factory.django.DjangoModelFactory[models.Service]):
    class Meta:
        model = models.Service

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Aanbod {n}")
    description = "Een luisterend oor en hulp bij het vinden van contact in de buurt."
    needs = factory.LazyFunction(lambda: [models.Need.LONELINESS])


class NetworkFactory(factory.django.DjangoModelFactory[models.Network]):
    class Meta:
        model = models.Network
        django_get_or_create = ("slug",)

    name = "Netwerk Testwijk"
    slug = "test"
    night_and_weekend = "Huisartsenpost: 0900-1234567"


class StepAssignmentFactory(factory.django.DjangoModelFactory[models.StepAssignment]):
    class Meta:
        model = models.StepAssignment

    network = factory.SubFactory(NetworkFactory)
    step = models.PathwayStep.SIGNALLING
    organisation = factory.SubFactory(OrganisationFactory)
    discipline = models.Discipline.POH_ELDERLY
    responsibility = models.Responsibility.LEAD
    when = "Bij elk huisbezoek aan iemand van 75 jaar of ouder"
    office_hours = "ma-vr 8.00-17.00"
    evenings = "Tot 20.00 via de praktijklijn"
    nights_weekends = "Huisartsenpost: 0900-1234567"
    phone = "020-1234567"


class NetworkPartyFactory(factory.django.DjangoModelFactory[models.NetworkParty]):
    class Meta:
        model = models.NetworkParty

    network = factory.SubFactory(NetworkFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    tier = models.Tier.CORE_TEAM
