"""Dutch is the default language: every marked string must have a Dutch translation."""

from pathlib import Path

import polib
import pytest

PACKAGE = Path(__file__).resolve().parents[2]
NL_CATALOGS = sorted(PACKAGE.glob("*/locale/nl/LC_MESSAGES/django.po"))


def test_there_are_dutch_catalogs() -> None:
    assert NL_CATALOGS


@pytest.mark.parametrize("po_path", NL_CATALOGS, ids=lambda p: p.parts[-5])
def test_every_string_has_a_dutch_translation(po_path: Path) -> None:
    catalog = polib.pofile(str(po_path))
    missing = [e.msgid for e in catalog if not e.obsolete and (not e.translated() or e.fuzzy)]
    assert missing == []


@pytest.mark.parametrize("po_path", NL_CATALOGS, ids=lambda p: p.parts[-5])
def test_compiled_catalog_matches_the_source(po_path: Path) -> None:
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run make messages"
    source = {(e.msgctxt, e.msgid): e.msgstr for e in polib.pofile(str(po_path)) if e.translated()}
    compiled = {(e.msgctxt, e.msgid): e.msgstr for e in polib.mofile(str(mo_path)) if e.msgid}
    assert compiled == source


def test_a_string_reads_the_same_in_every_app() -> None:
    """Django merges the apps' catalogs and the first app wins, so two apps that
    translate one string differently make a label depend on the app order."""
    seen: dict[tuple[str | None, str], dict[str, str]] = {}
    for po_path in NL_CATALOGS:
        for entry in polib.pofile(str(po_path)):
            if entry.translated() and not entry.msgid_plural:
                key = (entry.msgctxt, entry.msgid)
                seen.setdefault(key, {})[po_path.parts[-5]] = entry.msgstr
    differing = {key[1]: per_app for key, per_app in seen.items() if len(set(per_app.values())) > 1}
    assert differing == {}
