"""The pathway, the conversation, the analysis, the shared plan, its evaluations and the MDO.

Everything about one older person hangs off the client (erased with them) and
is data of the kind ``DataCategory.PLAN``. Views reach it only after
``vangnet.clients.access.access_client`` let them in.
"""

from vangnet.care.models.meetings import (
    MDO_SOCIAL_DISCIPLINES,
    AgendaReason,
    Invitation,
    Meeting,
    MeetingItem,
    MeetingStatus,
    domains_missing,
    mdo_domain,
)
from vangnet.care.models.pathway import (
    HEALTH_HELP,
    Analysis,
    Conversation,
    Finding,
    FindingSource,
    HealthDimension,
    HistoryRowChanged,
    LifeDomain,
    Quarter,
    StepEvent,
    StepSource,
    StepStatus,
)
from vangnet.care.models.plan import (
    CLOSING_OUTCOMES,
    ActionStatus,
    AgreedBy,
    Evaluation,
    Goal,
    GoalOutcome,
    GoalReview,
    OwnerKind,
    Plan,
    PlanAction,
    PlanVersion,
)

__all__ = [
    "CLOSING_OUTCOMES",
    "HEALTH_HELP",
    "MDO_SOCIAL_DISCIPLINES",
    "ActionStatus",
    "AgendaReason",
    "AgreedBy",
    "Analysis",
    "Conversation",
    "Evaluation",
    "Finding",
    "FindingSource",
    "Goal",
    "GoalOutcome",
    "GoalReview",
    "HealthDimension",
    "HistoryRowChanged",
    "Invitation",
    "LifeDomain",
    "Meeting",
    "MeetingItem",
    "MeetingStatus",
    "OwnerKind",
    "Plan",
    "PlanAction",
    "PlanVersion",
    "Quarter",
    "StepEvent",
    "StepSource",
    "StepStatus",
    "domains_missing",
    "mdo_domain",
]
