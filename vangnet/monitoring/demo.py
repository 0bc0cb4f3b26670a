"""Demo data: experience survey answers for this quarter and the one before."""

from vangnet.core.demo import DemoContext
from vangnet.directory.models import Network
from vangnet.monitoring.models import SurveyAnswer
from vangnet.monitoring.quarters import quarter_of
from vangnet.monitoring.survey import KEYS

# Enough answers per quarter that every statement passes the default threshold of 10.
ANSWERS = {0: 14, 1: 12}
SURE = 10
# A typical score per statement; each answer moves up or down by one now and then.
TYPICAL = {
    "contact": 5,
    "listened": 4,
    "matters": 4,
    "next_steps": 3,
    "fitting": 4,
    "overall": 4,
}


def build(ctx: DemoContext) -> None:
    network: Network | None = ctx.shared.get("network") or Network.objects.first()
    if network is None:
        return
    current = quarter_of(ctx.today)
    answers = []
    for back, count in ANSWERS.items():
        quarter = current.previous() if back else current
        for number in range(count):
            scores: dict[str, int | None] = {}
            for key in KEYS:
                # Only answers past the threshold say "don't know": every statement stays shown.
                if number >= SURE and ctx.rng.random() < 0.2:
                    scores[key] = 0
                else:
                    step = ctx.rng.choice((-1, 0, 0, 0, 1))
                    scores[key] = max(1, min(5, TYPICAL[key] + step))
            answers.append(SurveyAnswer(network=network, quarter=str(quarter), **scores))
    SurveyAnswer.objects.bulk_create(answers)
