"""``vangnet business-case calc|export``: check a calculation, or export a stored case.

``calc --scenario FILE.json`` prints one JSON object with each party's present values
(see ``vangnet.economics.scenariofile`` for the file). ``export NETWORK --case ID
--format pdf|xlsx|json --out FILE`` writes a case's report. Any problem with the input
exits with status 2 and a message on standard error that names the field concerned.
Messages are in English: this is a machine contract.
"""

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser, no_translations

from vangnet.audit.log import Actor
from vangnet.audit.models import AccessPoint
from vangnet.core.params import number_argument
from vangnet.economics import actions
from vangnet.economics.calculation import figures_of
from vangnet.economics.engine import calculate, cents
from vangnet.economics.models import BusinessCase
from vangnet.economics.report import report_data, report_pdf, report_xlsx
from vangnet.economics.scenariofile import (
    ScenarioError,
    read_scenario_file,
    read_scenario_stream,
)

USAGE_ERROR = 2


class Command(BaseCommand):
    help = (
        "Costs and benefits per party. 'calc --scenario FILE.json' prints each party's present "
        "values as JSON; 'export NETWORK --case ID --format pdf|xlsx|json --out FILE' writes the "
        "report of a stored business case."
    )
    # 'calc' is pure arithmetic; the checks would only slow it down.
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["calc", "export"])
        parser.add_argument("network", nargs="?", help="export: the network's short name")
        parser.add_argument(
            "--scenario", metavar="FILE.json", help="calc: the scenario; '-' reads standard input"
        )
        parser.add_argument("--case", type=number_argument(minimum=1), help="export: case number")
        parser.add_argument("--format", choices=["pdf", "xlsx", "json"], default="pdf")
        parser.add_argument("--out", type=Path, help="export: the file to write")

    @no_translations
    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "calc":
            self._calc(options["scenario"])
        else:
            self._export(options["network"], options["case"], options["format"], options["out"])

    def _calc(self, source: str | None) -> None:
        if not source:
            raise CommandError("--scenario: missing", returncode=USAGE_ERROR)
        try:
            if source == "-":
                scenario = read_scenario_stream(sys.stdin.buffer)
            else:
                scenario = read_scenario_file(Path(source))
        except ScenarioError as exc:
            raise CommandError(str(exc), returncode=USAGE_ERROR) from exc
        result = calculate(scenario)

        def row(p: Any) -> dict[str, str]:
            return {
                "pv_costs": str(cents(p.pv_costs)),
                "pv_benefits": str(cents(p.pv_benefits)),
                "net": str(cents(p.net)),
            }

        output = {
            "parties": {p.party: row(p) for p in result.parties},
            "total": row(result.total),
        }
        self.stdout.write(json.dumps(output, ensure_ascii=False))

    def _export(
        self, network: str | None, case_id: int | None, format_name: str, out: Path | None
    ) -> None:
        if not network:
            raise CommandError("NETWORK: missing", returncode=USAGE_ERROR)
        if case_id is None:
            raise CommandError("--case: missing", returncode=USAGE_ERROR)
        if out is None:
            raise CommandError("--out: missing", returncode=USAGE_ERROR)
        case = (
            BusinessCase.objects.select_related("network")
            .filter(pk=case_id, network__slug=network)
            .first()
        )
        if case is None:
            raise CommandError(
                f"--case: no business case {case_id} in network {network!r}",
                returncode=USAGE_ERROR,
            )
        figures = figures_of(case)
        if format_name == "pdf":
            data = report_pdf(figures)
        elif format_name == "xlsx":
            data = report_xlsx(figures)
        else:
            data = json.dumps(report_data(figures), ensure_ascii=False, indent=2).encode()
        try:
            out.write_bytes(data)
        except OSError as exc:
            raise CommandError(
                f"--out: cannot write {out} ({exc.strerror})", returncode=USAGE_ERROR
            ) from exc
        actions.case_export_log(
            actor=Actor.system(AccessPoint.CLI), case=case, format_name=format_name
        )
        self.stdout.write(f"Written {out} ({len(data)} bytes).")
