"""What the engine raises: a definition it cannot use, or answers it cannot score."""

from collections.abc import Sequence
from dataclasses import dataclass


class InstrumentError(ValueError):
    """An instrument file that is not valid FHIR, or whose items or scoring do not add up."""


@dataclass(frozen=True, slots=True)
class AnswerProblem:
    """One thing wrong with the answers, tied to the item it concerns."""

    link_id: str
    message: str

    def __str__(self) -> str:
        return self.message


class AnswerError(ValueError):
    """Answers that cannot be scored; ``problems`` names each item that is wrong."""

    def __init__(self, problems: Sequence[AnswerProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))

    @property
    def link_ids(self) -> tuple[str, ...]:
        return tuple(problem.link_id for problem in self.problems)
