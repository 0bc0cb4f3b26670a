"""The right of access (AVG article 15): everything Vangnet holds about one older person.

The core of the record comes from the clients app; every wing that keeps data
about a client contributes a section through ``EXPORT_SECTIONS`` below.
"""

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from vangnet.care.export import care_export
from vangnet.clients.history import access_history_rows
from vangnet.clients.models import Client
from vangnet.detection.export import signals_export
from vangnet.referrals.export import referrals_export
from vangnet.screening.export import screening_export


def _plain(value: Any) -> Any:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def _local_minute(stamp: str) -> str:
    """An exported moment (ISO, stored in UTC) as the older person reads it: Dutch time."""
    return f"{timezone.localtime(datetime.fromisoformat(stamp)):%Y-%m-%d %H:%M}"


def _row(obj: Any, fields: list[str]) -> dict[str, Any]:
    return {name: _plain(getattr(obj, name)) for name in fields}


def client_export(client: Client) -> dict[str, Any]:
    """Everything Vangnet holds about one older person, as plain data."""
    data: dict[str, Any] = {
        "exported_at": timezone.now().isoformat(),
        "client": _row(
            client,
            [
                "given_name",
                "family_name",
                "date_of_birth",
                "street",
                "postcode",
                "city",
                "phone",
                "bsn",
                "living_situation",
                "registered_at",
            ],
        ),
        "network": client.network.name,
        "neighbourhood": client.neighbourhood.name if client.neighbourhood else None,
        "gp_practice": client.gp_practice.name if client.gp_practice else None,
        "carers": [
            _row(c, ["name", "relation", "phone", "email", "is_primary", "note"])
            for c in client.carers.all()
        ],
        "representative": (
            _row(client.representative, ["name", "kind", "phone", "email"])
            if hasattr(client, "representative")
            else None
        ),
        "care_team": [
            {
                "person": m.person.name,
                "organisation": m.person.organisation.name,
                "role": m.role,
                "since": _plain(m.since),
                "until": _plain(m.until),
            }
            for m in client.care_team.select_related("person__organisation")
        ],
        "contact_people": [
            {"person": c.person.name, "since": _plain(c.since), "until": _plain(c.until)}
            for c in client.contact_people.select_related("person")
        ],
        "consents": [
            {
                "with_whom": c.recipient_label(),
                "what": c.categories,
                "purposes": c.purposes,
                "given_by": c.given_by,
                "method": c.method,
                "given_on": _plain(c.given_on),
                "valid_until": _plain(c.valid_until),
                "revoked_at": _plain(c.revoked_at),
            }
            for c in client.consents.select_related("recipient_organisation", "recipient_person")
        ],
        "access_log": [
            {k: _plain(v) for k, v in row.items()} for row in access_history_rows(client.pk)
        ],
    }
    for section, builder in EXPORT_SECTIONS:
        data[section] = builder(client)
    return data


# Each wing's part of the export: (section name, builder) for the data it keeps about a client.
EXPORT_SECTIONS: list[tuple[str, Callable[[Client], Any]]] = [
    ("referrals", referrals_export),
    ("screening", screening_export),
    ("care", care_export),
    ("signals", signals_export),
]


def _latin1(text: str) -> str:
    return text.encode("latin-1", "replace").decode("latin-1")


def export_pdf(data: dict[str, Any]) -> bytes:
    """A readable PDF of the export, in plain Dutch headings."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 16)
    client = data["client"]
    pdf.multi_cell(
        0,
        9,
        _latin1(
            _("Your data in Vangnet: %(name)s")
            % {"name": f"{client['given_name']} {client['family_name']}"}
        ),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0,
        6,
        _latin1(_("Made on %(date)s.") % {"date": data["exported_at"][:10]}),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )

    def section(title: str, lines: list[str]) -> None:
        pdf.ln(3)
        pdf.set_font("Helvetica", "B", 12)
        pdf.multi_cell(0, 7, _latin1(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
        pdf.set_font("Helvetica", "", 10)
        for line in lines or [_("(nothing)")]:
            pdf.multi_cell(0, 5.5, _latin1(line), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    section(_("Your details"), [f"{k}: {v}" for k, v in client.items() if v not in ("", None)])
    section(
        _("Informal carers"),
        [f"{c['name']} ({c['relation']}) {c['phone']}" for c in data["carers"]],
    )
    section(
        _("Care team"),
        [
            f"{m['person']}, {m['organisation']}, {m['role']}: {m['since']} - {m['until'] or ''}"
            for m in data["care_team"]
        ],
    )
    section(
        _("Consents"),
        [
            f"{c['with_whom']}: {', '.join(c['what'])} / {', '.join(c['purposes'])}; "
            f"{c['given_on']}"
            + (f" ({_('revoked')} {c['revoked_at'][:10]})" if c["revoked_at"] else "")
            for c in data["consents"]
        ],
    )
    for name, content in data.items():
        if name in {
            "client",
            "carers",
            "care_team",
            "consents",
            "access_log",
            "exported_at",
            "network",
            "neighbourhood",
            "gp_practice",
            "representative",
            "contact_people",
        }:
            continue
        section(name, [str(item) for item in (content if isinstance(content, list) else [content])])
    section(
        _("Who looked at your data"),
        [
            f"{_local_minute(r['when'])}  {r['organisation']}  {r['role']}  {r['what']}"
            for r in data["access_log"]
        ],
    )
    return bytes(pdf.output())
