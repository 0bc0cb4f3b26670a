"""The system check notices a contribution that is not wired into the roof."""

import pytest
from django.core.checks import run_checks

from vangnet.clients import access, dossier
from vangnet.core import scheduling
from vangnet.detection.access import signal_client_ids
from vangnet.referrals.jobs import escalate_overdue
from vangnet.rights import export
from vangnet.workplace import demo
from vangnet.workplace.checks import contributions_wired


def _messages() -> list[str]:
    return [message.msg for message in contributions_wired(None)]


def test_everything_is_wired_now() -> None:
    assert _messages() == []
    assert not [m for m in run_checks(databases=[]) if m.id == "workplace.E001"]


def test_it_notices_a_demo_builder_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(demo, "BUILDERS", demo.BUILDERS[:-1])
    assert _messages() == ["vangnet.casefinding.demo is not in vangnet/workplace/demo.py."]


def test_it_notices_a_daily_job_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    jobs = [job for job in scheduling.DAILY_JOBS if job is not escalate_overdue]
    monkeypatch.setattr(scheduling, "DAILY_JOBS", jobs)
    assert _messages() == ["escalate_overdue is not in vangnet/workplace/jobs.py."]


def test_it_notices_an_export_section_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    sections = [s for s in export.EXPORT_SECTIONS if s[0] != "signals"]
    monkeypatch.setattr(export, "EXPORT_SECTIONS", sections)
    assert _messages() == ["vangnet.detection.export is not in vangnet/rights/export.py."]


def test_it_notices_a_relationship_source_not_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    sources = [s for s in access.RELATIONSHIP_SOURCES if s is not signal_client_ids]
    monkeypatch.setattr(access, "RELATIONSHIP_SOURCES", sources)
    assert _messages() == [
        "vangnet.detection.access.signal_client_ids is not in the care relationship sources."
    ]


def test_it_notices_a_dossier_section_not_registered(monkeypatch: pytest.MonkeyPatch) -> None:
    sections = [s for s in dossier.DOSSIER_SECTIONS if s.key != "screening"]
    monkeypatch.setattr(dossier, "DOSSIER_SECTIONS", sections)
    assert _messages() == ["vangnet.screening.dossier is not in the dossier sections."]


def test_every_wing_with_a_dossier_part_is_in_the_dossier() -> None:
    modules = {section.build.__module__ for section in dossier.DOSSIER_SECTIONS}
    assert {
        "vangnet.care.dossier",
        "vangnet.clients.dossier",
        "vangnet.detection.dossier",
        "vangnet.referrals.dossier",
        "vangnet.screening.dossier",
    } <= modules
