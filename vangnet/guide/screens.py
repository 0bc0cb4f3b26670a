"""The "how does this work?" text of each screen, in one place so they stay consistent.

Each text says in a few short sentences what the screen is for, what to do
first and what happens with the data. Templates show it with one line:
``{% include "includes/screen_help.html" with screen="clients.list" %}``.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class ScreenHelp:
    text: Promise
    # The role guide (a slug in ``guides.GUIDES``) that explains this screen best.
    guide: str


SCREEN_HELP: dict[str, ScreenHelp] = {
    "home.visitor": ScreenHelp(
        _(
            "Vangnet helps the neighbourhood network keep older people in view. Are you "
            "worried about an older person? Choose “I am worried about someone”; you "
            "do not need an account. Professionals of the network log in."
        ),
        "vrijwilliger",
    ),
    "home": ScreenHelp(
        _(
            "This page shows your work for today. Each card counts something that waits for "
            "you; choose a card to open the list. You only see cards for lists you may open."
        ),
        "coordinator",
    ),
    "clients.list": ScreenHelp(
        _(
            "Here are the older people you help and who agreed to share their details with "
            "you. Search by name, street or postcode and open a person. Each time you open "
            "someone's details, Vangnet writes it in the access log."
        ),
        "wijkverpleegkundige",
    ),
    "clients.dossier": ScreenHelp(
        _(
            "This page shows at a glance where this older person stands: the six steps, the "
            "plan, signals, referrals and screening. Start with the contact person and the "
            "current step at the top. Where a part is hidden from you, the page says whom to "
            "ask; the older person can see that you looked."
        ),
        "wijkverpleegkundige",
    ),
    "detection.signals": ScreenHelp(
        _(
            "A signal is a worry about an older person. Here you see the signals passed on to "
            "you and the ones you recorded. Pick up a signal that is yours, and close it with a "
            "reason when it is dealt with; the person who reported it hears that it was picked "
            "up."
        ),
        "sociaal-werker",
    ),
    "detection.queue": ScreenHelp(
        _(
            "This is the coordination point's work queue: every open signal of your networks, "
            "the most pressing first. Start with the signals whose term has run out. Assess "
            "each signal and pass it on to the person who should act; names stay hidden in "
            "this list."
        ),
        "coordinator",
    ),
    "detection.signal": ScreenHelp(
        _(
            "This is one signal and its history. Do the next step with the buttons: assess, "
            "link to a known person, pass on, pick up or close. Every step is written in the "
            "access log, and the reporter only hears whether it was picked up."
        ),
        "coordinator",
    ),
    "detection.report": ScreenHelp(
        _(
            "Are you worried about an older person? Fill in what you know; you do not need an "
            "account. The coordinator of the neighbourhood network reads it and passes it on "
            "only to someone who can help. With the code you get, you can see whether it was "
            "picked up."
        ),
        "vrijwilliger",
    ),
    "referrals.inbox": ScreenHelp(
        _(
            "Here are the referrals your organisation sent or received. Start with those past "
            "their term and the new ones. A receiving social worker accepts a referral, records "
            "the first contact and reports back; the referrer sees how it goes."
        ),
        "sociaal-werker",
    ),
    "referrals.referral": ScreenHelp(
        _(
            "This page shows the referrals of one older person and where each one stands. Do "
            "the next step on the referral itself, for example record the first contact. What "
            "you write in the feedback goes to the person who referred."
        ),
        "sociaal-werker",
    ),
    "referrals.refer": ScreenHelp(
        _(
            "A warm referral sends an older person to social work with very little data: one "
            "line of reason and the kind of question. Ask the older person first: without "
            "their agreement the referral is not sent. You hear when there was contact."
        ),
        "huisarts",
    ),
    "care.pathway": ScreenHelp(
        _(
            "The pathway shows the six steps around this older person: signal, conversation, "
            "analysis, plan in the MDO, contact person, carrying out and evaluating. Steps may "
            "be done again when life changes. Nothing is overwritten: every moment stays in "
            "the history."
        ),
        "wijkverpleegkundige",
    ),
    "care.plan": ScreenHelp(
        _(
            "The plan holds the goals in the older person's own words and the actions for each "
            "goal: what, who and when. Record that the older person agreed and when you look "
            "back together. Every change makes a new version that you can look back on."
        ),
        "wijkverpleegkundige",
    ),
    "care.evaluation": ScreenHelp(
        _(
            "On the evaluation date the contact person looks back on the plan with the older "
            "person. Per goal, record whether it was achieved and what the older person says "
            "about it. Choose the next evaluation date; goals that are done are closed."
        ),
        "wijkverpleegkundige",
    ),
    "care.meetings": ScreenHelp(
        _(
            "In a multidisciplinary meeting (MDO) medical and social professionals make the "
            "plan together, with the older person when they wish. Plan a meeting and put older "
            "people on the agenda. You only see the names of people who agreed to this."
        ),
        "coordinator",
    ),
    "care.meeting": ScreenHelp(
        _(
            "This is one MDO: the participants and the agenda. Write the minutes per older "
            "person and add decisions: each decision becomes an action in the plan, with an "
            "owner and a date. Without consent an item shows no name."
        ),
        "coordinator",
    ),
    "screening.tasks": ScreenHelp(
        _(
            "When a screening changes someone's risk profile, Vangnet proposes the follow-up "
            "that fits: robust, frail or complex care needs. Arrange it and mark it as done or "
            "not needed. You see a name only when the older person's consent allows it."
        ),
        "coordinator",
    ),
    "casefinding.index": ScreenHelp(
        _(
            "Upload an extract from the GP information system. Vangnet works out a frailty "
            "index for everyone aged 75 or over and lists them from most to least frail, so you "
            "know whom to approach first. Only your practice can see the list; delete it when "
            "you no longer need it."
        ),
        "huisarts",
    ),
    "directory.search": ScreenHelp(
        _(
            "Who does what is the social map of the neighbourhood: organisations, professionals "
            "and services. Type what the older person needs, for example a word such as "
            "“eenzaam”, or a name. This map holds no details of older people."
        ),
        "vrijwilliger",
    ),
    "directory.networks": ScreenHelp(
        _(
            "A network is the group of organisations that work together in a neighbourhood or "
            "village. Open a network to see its parties, its coordination point and who does "
            "what in each step. These pages hold no details of older people."
        ),
        "coordinator",
    ),
    "directory.network": ScreenHelp(
        _(
            "This page shows one network: its parties, its coordination point and what "
            "happens at night and at the weekend. Under who does what you see the role of each "
            "party in each step. The coordinator keeps this page up to date."
        ),
        "coordinator",
    ),
    "audit.log": ScreenHelp(
        _(
            "The access log shows every time someone opened, changed, printed or downloaded "
            "details of an older person, newest first. Filter by client number or user, or show "
            "only emergency access. The log cannot be changed."
        ),
        "coordinator",
    ),
    "clients.who_looked": ScreenHelp(
        _(
            "This list shows who looked at this older person's details: organisation, role, "
            "person, what and when. Print it for the older person when they ask. Looking at "
            "this list is written down too."
        ),
        "coordinator",
    ),
    "clients.consent": ScreenHelp(
        _(
            "Consent says what may be shared, with whom, for what and until when. Go through it "
            "together with the older person or their representative. Nothing is shared without "
            "consent, and revoking it works at once."
        ),
        "wijkverpleegkundige",
    ),
    "economics.index": ScreenHelp(
        _(
            "Costs and benefits help the network decide together how to fund the work. Start a "
            "business case and go through the four phases at the table. It holds figures per "
            "organisation, never details of older people."
        ),
        "coordinator",
    ),
    "economics.case": ScreenHelp(
        _(
            "This is one business case in four phases: the first conversation, the "
            "calculation, the benefits and the decision. Fill in the phases in order; each "
            "party then sees what it puts in and what it gets back."
        ),
        "coordinator",
    ),
}


def help_for(screen: str) -> ScreenHelp | None:
    return SCREEN_HELP.get(screen)
