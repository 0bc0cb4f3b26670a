"""'My plan': the plan in plain words for the older person and their carer, on screen and as PDF."""

from dataclasses import dataclass
from datetime import date

from django.utils.dateformat import format as format_date
from django.utils.translation import gettext as _
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from vangnet.care.models import ActionStatus, Conversation, Plan
from vangnet.clients.models import Client


@dataclass(frozen=True)
class Contact:
    name: str
    organisation: str
    phone: str


@dataclass(frozen=True)
class Step:
    what: str
    who: str
    when: date | None


@dataclass(frozen=True)
class MyPlan:
    client: Client
    contact: Contact | None
    what_matters: str
    goals: list[str]
    steps: list[Step]
    evaluate_on: date | None
    night: str
    agreed_on: date | None


def night_arrangement(client: Client) -> str:
    """Whom to call at night and at weekends: the network's arrangement, else the GP practice's."""
    if client.network.night_and_weekend:
        return client.network.night_and_weekend
    if client.gp_practice is not None and client.gp_practice.out_of_hours:
        return client.gp_practice.out_of_hours
    return ""


def my_plan(client: Client) -> MyPlan:
    contact_row = client.current_contact_person()
    contact = None
    if contact_row is not None:
        person = contact_row.person
        contact = Contact(
            name=person.name,
            organisation=person.organisation.name,
            phone=person.work_phone or person.organisation.phone,
        )
    plan = Plan.objects.filter(client=client).first()
    conversation = Conversation.objects.filter(client=client).first()
    goals: list[str] = []
    steps: list[Step] = []
    if plan is not None:
        goals = [g.text for g in plan.goals.filter(is_active=True)]
        steps = [
            Step(what=a.description, who=a.owner_label(), when=a.due_on)
            for a in plan.actions.filter(status=ActionStatus.OPEN)
            .select_related("owner_person__organisation", "owner_carer")
            .order_by("due_on", "pk")
        ]
    return MyPlan(
        client=client,
        contact=contact,
        what_matters=conversation.what_matters if conversation else "",
        goals=goals,
        steps=steps,
        evaluate_on=plan.evaluate_on if plan else None,
        night=night_arrangement(client),
        agreed_on=plan.agreed_on if plan else None,
    )


def _latin1(text: str) -> str:
    # The built-in PDF fonts cover Latin-1, which holds every Dutch letter.
    replacements = {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."}
    for old, new in replacements.items():
        text = text.replace(old, new)
    return text.encode("latin-1", "replace").decode("latin-1")


def _day(value: date) -> str:
    return format_date(value, "j F Y")


def my_plan_pdf(content: MyPlan) -> bytes:
    """Large type, one column, headings as questions the older person would ask."""
    pdf = FPDF(format="A4")
    pdf.set_auto_page_break(auto=True, margin=18)
    pdf.set_margins(20, 18, 20)
    pdf.add_page()

    def heading(text: str) -> None:
        pdf.ln(4)
        pdf.set_font("Helvetica", "B", 17)
        pdf.multi_cell(0, 9, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    def line(text: str, bold: bool = False) -> None:
        pdf.set_font("Helvetica", "B" if bold else "", 14)
        pdf.multi_cell(0, 7.5, _latin1(text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)

    pdf.set_font("Helvetica", "B", 24)
    pdf.multi_cell(
        0,
        12,
        _latin1(_("My plan: %(name)s") % {"name": content.client.full_name}),
        new_x=XPos.LMARGIN,
        new_y=YPos.NEXT,
    )
    heading(_("Who is my contact person?"))
    if content.contact:
        line(content.contact.name, bold=True)
        line(content.contact.organisation)
        if content.contact.phone:
            line(_("Phone: %(phone)s") % {"phone": content.contact.phone})
    else:
        line(_("You do not have a contact person yet."))
    if content.what_matters:
        heading(_("What matters to me"))
        line(content.what_matters)
    heading(_("My goals"))
    for goal in content.goals or [_("No goals written down yet.")]:
        line(f"- {goal}")
    heading(_("What will happen"))
    if not content.steps:
        line(_("Nothing is planned yet."))
    for step in content.steps:
        line(step.what, bold=True)
        line(_("Who: %(who)s") % {"who": step.who})
        line(
            _("When: before %(day)s") % {"day": _day(step.when)}
            if step.when
            else _("When: no date yet")
        )
        pdf.ln(2)
    if content.evaluate_on:
        heading(_("When do we look back together?"))
        line(_day(content.evaluate_on))
    heading(_("Whom do I call at night or at the weekend?"))
    line(content.night or _("Call your GP practice and listen to the message."))
    line(_("In a life-threatening emergency, always call 112."), bold=True)
    if content.agreed_on:
        pdf.ln(4)
        line(_("You agreed with this plan on %(day)s.") % {"day": _day(content.agreed_on)})
    return bytes(pdf.output())
