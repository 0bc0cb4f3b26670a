"""The shape of Vangnet: every import points down, and the wings never import each other.

Each app sits on a layer. Code may import from its own app and from apps on
lower layers only; apps on one layer do not import each other. Tests and
migrations are not part of the shape (a test may set up data from anywhere).
The walk reads every module's ``import`` statements with the AST, also those
inside functions and ``if TYPE_CHECKING`` blocks, and string references such as
``include("vangnet.x.urls")`` or dotted lists, so no arrow can hide.
"""

import ast
import re
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[2]

LAYERS: dict[str, int] = {
    # the floor: layout, small helpers, the demo context, the daily-job machinery
    "core": 0,
    "accounts": 1,
    "audit": 2,
    "directory": 2,
    "notifications": 2,
    # help per screen and the guides per role: texts only
    "guide": 2,
    "consent": 3,
    # the network looking at its own collaboration, from the directory's membership
    "selfscan": 3,
    # the older person and the one door to their data
    "clients": 4,
    # the wings: each a part of the care pathway, never importing another
    "care": 5,
    "casefinding": 5,
    "detection": 5,
    "referrals": 5,
    "screening": 5,
    "api": 5,
    # the roof: what brings the wings together
    "rights": 6,
    "economics": 6,
    "collaboration": 6,
    "monitoring": 6,
    # the start page, the menu, the demo and the daily jobs, over everything
    "workplace": 7,
    # the composition root
    "config": 8,
}

DOTTED = re.compile(r"""["']vangnet\.(\w+)[.'"]""")


def _apps() -> list[str]:
    return sorted(p.name for p in PACKAGE.iterdir() if (p / "__init__.py").exists())


def _modules(app: str) -> list[Path]:
    return [
        path
        for path in (PACKAGE / app).rglob("*.py")
        if "tests" not in path.parts and "migrations" not in path.parts
    ]


def imported_apps(source: str) -> set[str]:
    """The Vangnet apps a module's source refers to, by import or by dotted string."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            names = [f"vangnet.{m.group(1)}." for m in DOTTED.finditer(repr(node.value))]
        for name in names:
            parts = name.split(".")
            if parts[0] == "vangnet" and len(parts) > 1 and parts[1]:
                found.add(parts[1])
    return found


def upward_imports(app: str, source: str) -> list[str]:
    """The apps ``source`` (a module of ``app``) imports that sit on its own layer or higher."""
    own = LAYERS[app]
    return sorted(
        other
        for other in imported_apps(source)
        if other != app and other in LAYERS and LAYERS[other] >= own
    )


def test_every_app_has_a_layer() -> None:
    assert set(_apps()) == set(LAYERS), "give a new app its place in LAYERS"


@pytest.mark.parametrize("app", _apps())
def test_imports_point_down(app: str) -> None:
    wrong = {
        str(path.relative_to(PACKAGE)): upward
        for path in _modules(app)
        if (upward := upward_imports(app, path.read_text(encoding="utf-8")))
    }
    assert wrong == {}


def test_it_finds_an_upward_import() -> None:
    assert upward_imports("clients", "from vangnet.care.export import care_export") == ["care"]
    assert upward_imports("care", "import vangnet.referrals.models") == ["referrals"]
    assert upward_imports("care", "def f():\n    from vangnet.detection import x") == ["detection"]


def test_it_finds_an_import_hidden_in_a_string() -> None:
    assert upward_imports("core", 'JOBS = ["vangnet.care.jobs.remind"]') == ["care"]
    assert upward_imports("clients", "x = 'vangnet.referrals.visibility.ids'") == ["referrals"]


def test_it_lets_an_app_import_itself_and_lower_apps() -> None:
    source = "from vangnet.care.models import Plan\nfrom vangnet.clients.access import door"
    assert upward_imports("care", source) == []
