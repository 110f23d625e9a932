"""The package's shape: floors, public API, light core."""

import ast
import importlib
import pathlib
import re
import subprocess
import sys
import warnings

import pytest

import helhed

SRC = pathlib.Path(helhed.__file__).parent

# A module may import only from modules listed before it.
FLOORS = [
    "_extras",
    "_values",
    "errors",
    "_reading",
    "_coded",
    "_validation",
    "_meta",
    "language",
    "sources",
    "dated",
    "groups",
    "benefits",
    "authority",
    "sickness",
    "health",
    "screening",
    "citizens",
    "target_groups",
    "organisation",
    "collaboration",
    "pathways.events",
    "pathways.stages",
    "pathways.replay",
    "pathways.log",
    "pathways.pathway",
    "pathways.ledger",
    "pathways.consent",
    "rules.conditions",
    "rules.base",
    "rules.within",
    "rules.precedes",
    "rules.forbid",
    "rules.every",
    "rules.requires_consent",
    "rules.parallel",
    "rules.at_most_per",
    "rules.caseworkers",
    "rules.rescreened",
    "rules.settled",
    "rules.plan_professions",
    "rules.same_instrument",
    "rules.first_follow_up",
    "rules.kinds",
    "rules.protocol",
    "rules",
    "pathways.rules",
    "pathways.sickness_follow_up",
    "pathways.compliance",
    "pathways.protocols",
    "pathways.reports",
    "pathways",
    "outcomes",
    "costs",
    "consent",
    "models",
    "law",
    "cases",
    "protocols",
    "pathways.bases",
    "_converter",
    "_specialise",
    "serialization",
    "json_schema",
    "examples",
    "frames",
    "ocel",
    "exports",
    "batch",
    "simulation",
    "plots",
    "municipality",
    "distributed",
    "protocol_files",
    "testing",
    "server",
    "cli",
    "__main__",
]


# Within models/catalogue/, a module may import only from those listed before it.
CATALOGUE = ["_offers", "_offer_match", "_index", "_matching", "_upkeep", "_capacity"]

# Packages listed whole are one floor; a package whose modules are listed one by one
# ("pathways.events") has its __init__ as the floor named by the package alone.
SPLIT = {"pathways", "rules"}


def floor_of(module):
    parts = module.split(".")
    if parts[0] in SPLIT and len(parts) > 1:
        return ".".join(parts[:2])
    return parts[0]


def helhed_imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("helhed."):
            yield floor_of(node.module.removeprefix("helhed."))
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("helhed."):
                    yield floor_of(alias.name.removeprefix("helhed."))


def files_of(floor):
    if floor in SPLIT:
        return [SRC / floor / "__init__.py"]
    if "." in floor:
        return [SRC / (floor.replace(".", "/") + ".py")]
    path = SRC / f"{floor}.py"
    return [path] if path.exists() else list((SRC / floor).rglob("*.py"))


def test_every_module_has_a_floor():
    modules = {p.stem for p in SRC.glob("*.py") if p.stem != "__init__"}
    modules |= {p.parent.name for p in SRC.glob("*/__init__.py")}
    for package in SPLIT:
        modules |= {package} | {
            f"{package}.{p.stem}" for p in (SRC / package).glob("*.py") if p.stem != "__init__"
        }

    assert modules == set(FLOORS)


@pytest.mark.parametrize("module", FLOORS)
def test_a_module_imports_only_from_floors_below_it(module):
    below = set(FLOORS[: FLOORS.index(module)])
    imported = {name for p in files_of(module) for name in helhed_imports(p)} - {module}

    assert imported <= below, imported - below


@pytest.mark.parametrize(
    "module", ["helhed", *(f"helhed.{m}" for m in FLOORS if not m.startswith("_"))]
)
def test_all_is_unique_and_importable(module):
    # Its order is checked by ruff (RUF022: constants, classes, then functions).
    with warnings.catch_warnings():  # the deprecated pathways.rules warns; tested apart
        warnings.simplefilter("ignore", DeprecationWarning)
        mod = importlib.import_module(module)
    names = getattr(mod, "__all__", [])

    assert len(names) == len(set(names))
    for name in names:
        assert hasattr(mod, name), name


def test_the_catalogue_modules_import_only_those_before_them():
    package = SRC / "models" / "catalogue"
    assert {p.stem for p in package.glob("*.py")} == {"__init__", *CATALOGUE}
    for i, name in enumerate(CATALOGUE):
        tree = ast.parse((package / f"{name}.py").read_text(encoding="utf-8"))
        imported = {
            node.module.removeprefix("helhed.models.catalogue.")
            for node in ast.walk(tree)
            if isinstance(node, ast.ImportFrom)
            and node.module
            and node.module.startswith("helhed.models.catalogue")
        }
        assert imported <= set(CATALOGUE[:i]), (name, imported)


def test_importing_helhed_pulls_in_no_optional_dependency():
    code = (
        "import sys, helhed, helhed.cli, helhed.json_schema; "
        "optional = ('numpy', 'pandas', 'matplotlib', 'hypothesis', 'dask', 'distributed'); "
        "print(sorted(m for m in optional if m in sys.modules))"
    )
    out = subprocess.run(  # noqa: S603 - this interpreter on a fixed snippet
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout

    assert out.strip() == "[]"


def test_the_design_page_lists_the_floors_in_order():
    page = (pathlib.Path(__file__).parents[1] / "docs" / "design.md").read_text(encoding="utf-8")
    listed = [m.rstrip("/") for m in re.findall(r"^\| \d+ \| `([^`]+)`", page, re.MULTILINE)]
    numbers = [int(n) for n in re.findall(r"^\| (\d+) \| `", page, re.MULTILINE)]
    assert listed == [f for f in FLOORS if f != "testing"]
    assert numbers == list(range(len(listed)))
