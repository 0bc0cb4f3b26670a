"""Demo data for the social map."""

from vangnet.core.demo import DemoContext


def build(ctx: DemoContext) -> None:
    pass
