"""The who-does-what matrix's link to the graph, and its mark on organisations without traces."""

from datetime import timedelta

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from vangnet.accounts.models import User
from vangnet.collaboration.access import access_network_graph
from vangnet.collaboration.traces import Level, Period, network_traces
from vangnet.directory.matrix_notes import MatrixNotes, matrix_source_register
from vangnet.directory.models import Network, StepAssignment

QUIET_DAYS = 365


def quiet_organisations(network: Network) -> set[int]:
    """Organisations listed for a pathway step with no trace at all in the last year."""
    today = timezone.localdate()
    period = Period(today - timedelta(days=QUIET_DAYS - 1), today)
    traces = network_traces(network, period, Level.ORGANISATIONS)
    active = {key for pair in traces.counts for key in pair}
    listed = set(
        StepAssignment.objects.filter(network=network).values_list("organisation_id", flat=True)
    )
    return listed - active


def matrix_notes_for(network: Network, user: User) -> MatrixNotes:
    try:
        access_network_graph(user, network.slug, Level.ORGANISATIONS)
    except Http404:
        return MatrixNotes()
    remark = _("No referrals, signals, MDOs or shared care teams with others in the past year.")
    return MatrixNotes(
        links=[(_("Who works with whom"), reverse("collaboration:graph", args=[network.slug]))],
        remarks=dict.fromkeys(quiet_organisations(network), remark),
    )


def register() -> None:
    matrix_source_register(matrix_notes_for)
