"""The six pathway steps in plain words, beside the professional term.

One table, one row per step: the words a visitor in a waiting room understands,
and, for the poster for older people and carers, the question someone would call
about. Steps that happen behind the scenes (the meeting of the professionals, the
follow-up) have no question: nobody calls for them.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from vangnet.directory.models import PathwayStep


@dataclass(frozen=True)
class StepWords:
    step: PathwayStep
    # Said to the older person, in B1 Dutch: what happens in this step.
    plain: Promise
    # What someone would call about; None for a step done behind the scenes.
    question: Promise | None


STEP_WORDS: tuple[StepWords, ...] = (
    StepWords(
        PathwayStep.SIGNALLING,
        _("Noticing that things are going less well"),
        _("Are things going less well at home?"),
    ),
    StepWords(
        PathwayStep.CONVERSATION,
        _("A conversation about what matters to you"),
        _("Would you like to talk about what matters to you?"),
    ),
    StepWords(
        PathwayStep.ANALYSIS,
        _("Finding out together what help you need"),
        _("Would you like to know what help there is for you?"),
    ),
    StepWords(
        PathwayStep.PLAN,
        _("Making one plan, together with you and everyone who helps"),
        None,
    ),
    StepWords(
        PathwayStep.CONTACT_PERSON,
        _("One person you can always call"),
        _("Would you like one person you can always call?"),
    ),
    StepWords(
        PathwayStep.CARRY_OUT,
        _("Getting the help, and checking together that it works"),
        None,
    ),
)


def step_words(step: int) -> StepWords:
    """The plain words of one step."""
    return next(words for words in STEP_WORDS if words.step == step)
