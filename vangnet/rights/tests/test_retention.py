from datetime import date, timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from vangnet.accounts.models import User
from vangnet.audit.models import AccessLogEntry, AuditEvent
from vangnet.clients.models import CareTeamMember, Client
from vangnet.clients.tests.factories import client_shared_with
from vangnet.rights.erasure import retention_due

pytestmark = pytest.mark.django_db


def _end_care(client: Client, ended: date) -> None:
    CareTeamMember.objects.filter(client=client).update(
        since=ended - timedelta(days=400), until=ended
    )


def test_only_clients_whose_care_ended_long_ago_are_due(bob: User, settings: object) -> None:
    today = timezone.localdate()
    old = client_shared_with(bob)
    _end_care(old, today - timedelta(days=3 * 365))
    recent = client_shared_with(bob)
    _end_care(recent, today - timedelta(days=200))
    active = client_shared_with(bob)
    assert retention_due() == [old]
    assert active not in retention_due() and recent not in retention_due()


def test_the_command_erases_with_apply_and_logs_it(bob: User) -> None:
    old = client_shared_with(bob)
    _end_care(old, timezone.localdate() - timedelta(days=5 * 365))
    call_command("retention")
    assert Client.objects.filter(pk=old.pk).exists()
    call_command("retention", "--apply")
    assert not Client.objects.filter(pk=old.pk).exists()
    row = AccessLogEntry.objects.get(client_id=old.pk, event=AuditEvent.DELETE)
    assert row.access_point == "cli" and "retention" in row.reason
