"""Fill Dutch translations into the catalogs.

Usage: ``python tools/po_fill.py [APP] < translations.json``. Reads a JSON
object {msgid: Dutch text} on standard input and writes each translation into
the Dutch catalog of APP (default: every app) wherever it has the msgid,
then prints what is still missing. Run ``make messages`` after it.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    app = sys.argv[1] if len(sys.argv) > 1 else "*"
    translations: dict[str, str] = json.load(sys.stdin)
    missing: list[str] = []
    for path in sorted(ROOT.glob(f"vangnet/{app}/locale/nl/LC_MESSAGES/django.po")):
        catalog = polib.pofile(str(path))
        for entry in catalog:
            if entry.msgid in translations:
                text = translations[entry.msgid]
                if entry.msgid_plural:
                    singular, _, plural = text.partition("||")
                    entry.msgstr_plural = {0: singular, 1: plural or singular}
                else:
                    entry.msgstr = text
                if "fuzzy" in entry.flags:
                    entry.flags.remove("fuzzy")
        catalog.save()
        missing += [f"{path.parts[-5]}: {e.msgid}" for e in catalog.untranslated_entries()]
        missing += [f"{path.parts[-5]} (fuzzy): {e.msgid}" for e in catalog.fuzzy_entries()]
    print("\n".join(missing) if missing else "Every string has a Dutch translation.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
