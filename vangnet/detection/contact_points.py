"""The coordination point and the worry form, for the poster for older people and carers."""

from django.urls import reverse
from django.utils.translation import gettext as _

from vangnet.detection.models import CoordinationPoint
from vangnet.directory.contact_points import ContactPoint
from vangnet.directory.models import Network


def worry_contact_points(network: Network) -> list[ContactPoint]:
    """Whom to call with a worry about someone: the network's desk, and the form online."""
    point = CoordinationPoint.objects.filter(network=network).first()
    form = reverse("detection:report")
    question = _("Are you worried about someone?")
    if point is None or not point.phone:
        return [
            ContactPoint(
                question=question,
                name=_("Tell the neighbourhood network"),
                web_path=form,
                web_label=_("Fill in the worry form:"),
            )
        ]
    return [
        ContactPoint(
            question=question,
            name=_("Call the coordination point of the neighbourhood network"),
            phone=point.phone,
            hours=point.hours,
            web_path=form,
            web_label=_("Or fill in the worry form:"),
        )
    ]
