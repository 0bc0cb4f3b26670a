"""Demo data: one case-finding list for the demo GP's practice, from a synthetic extract."""

import tempfile
from pathlib import Path

from vangnet.audit.log import Actor
from vangnet.casefinding.actions import casefinding_run_create
from vangnet.casefinding.engine import find_cases
from vangnet.casefinding.synth import generate_extract
from vangnet.core.demo import DemoContext
from vangnet.directory.models import OrganisationType, Person

DEMO_PATIENTS = 2500


def build(ctx: DemoContext) -> None:
    """A list for the practice of the demo GP, when the demo has one with an account."""
    people: dict[str, Person] = ctx.shared.get("demo_people") or {}
    gp = people.get("gp")
    if gp is None or gp.user is None or gp.organisation.type != OrganisationType.GP_PRACTICE:
        return
    with tempfile.TemporaryDirectory(prefix="vangnet-demo-extract-") as folder:
        generate_extract(
            patients=DEMO_PATIENTS, out_dir=Path(folder), seed=ctx.seed, as_of=ctx.today
        )
        result = find_cases(Path(folder), reference_date=ctx.today, today=ctx.today)
    ctx.shared["casefinding_run"] = casefinding_run_create(
        practice=gp.organisation, actor=Actor(gp.user), result=result
    )
