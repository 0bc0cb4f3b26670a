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
