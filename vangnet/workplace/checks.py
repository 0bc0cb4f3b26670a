"""System check: every app's contribution is wired into the roof.

An app contributes by convention: a demo builder (``demo.build``), daily jobs
(the functions of ``jobs.py``), a section of the AVG export (``export.py``), a
section of the older person's dossier (``dossier.py``) and, for its own kind of
care relationship, a ``*_client_ids(person)`` function in ``access.py`` or
``visibility.py``. Forgetting to list one in the roof, or to register a
relationship source or a dossier section, fails ``vangnet check`` at start-up
instead of going unnoticed.
"""

import inspect
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.checks import CheckMessage, Error, register


def _module(name: str) -> ModuleType | None:
    return import_module(name) if find_spec(name) is not None else None


def _own_functions(module: ModuleType) -> list[Any]:
    return [
        value
        for name, value in vars(module).items()
        if inspect.isfunction(value) and value.__module__ == module.__name__ and name[0] != "_"
    ]


def _takes_only(function: Any, name: str) -> bool:
    return list(inspect.signature(function).parameters) == [name]


def _vangnet_apps() -> list[str]:
    return [c.name for c in apps.get_app_configs() if c.name.startswith("vangnet.")]


@register()
def contributions_wired(app_configs: Any, **kwargs: Any) -> list[CheckMessage]:
    from vangnet.clients.access import RELATIONSHIP_SOURCES
    from vangnet.clients.dossier import DOSSIER_SECTIONS
    from vangnet.core.scheduling import DAILY_JOBS
    from vangnet.rights.apps import RightsConfig
    from vangnet.rights.export import EXPORT_SECTIONS
    from vangnet.workplace.demo import BUILDERS

    exported_from = {builder.__module__ for _name, builder in EXPORT_SECTIONS}
    in_dossier = {section.build.__module__ for section in DOSSIER_SECTIONS}
    errors: list[CheckMessage] = []

    def missing(what: str, where: str, obj: str) -> None:
        errors.append(
            Error(f"{obj} is not in {where}.", hint=f"Add it there: {what}.", id="workplace.E001")
        )

    for app in _vangnet_apps():
        demo = _module(f"{app}.demo")
        if demo is not None and hasattr(demo, "build") and demo.build not in BUILDERS:
            missing("the demo builders run in order", "vangnet/workplace/demo.py", f"{app}.demo")
        jobs = _module(f"{app}.jobs")
        for job in _own_functions(jobs) if jobs else []:
            if _takes_only(job, "now") and job not in DAILY_JOBS:
                missing("the daily jobs", "vangnet/workplace/jobs.py", job.__qualname__)
        export = _module(f"{app}.export") if app != RightsConfig.name else None
        if export is not None and export.__name__ not in exported_from:
            missing("the AVG export", "vangnet/rights/export.py", export.__name__)
        dossier = _module(f"{app}.dossier")
        if dossier is not None and dossier.__name__ not in in_dossier:
            missing(
                "register its section in the app's AppConfig.ready()",
                "the dossier sections",
                dossier.__name__,
            )
        for module in filter(None, (_module(f"{app}.access"), _module(f"{app}.visibility"))):
            for source in _own_functions(module):
                named = source.__name__.endswith("_client_ids")
                if named and _takes_only(source, "person") and source not in RELATIONSHIP_SOURCES:
                    missing(
                        "register it in the app's AppConfig.ready()",
                        "the care relationship sources",
                        f"{module.__name__}.{source.__name__}",
                    )
    return errors
