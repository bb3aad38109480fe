"""#10: no import cycle between apps — checked on the import graph itself (grimp, the graph import-linter reads),
so an `ignore_imports` line cannot hide one; tests and migrations are left out."""

import tomllib
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[2]
CONFIG = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["importlinter"]


def _left_out(module):
    parts = module.split(".")
    return "tests" in parts or "migrations" in parts or parts[-1] == "conftest"


def app_imports():
    """{(app, app it imports): [(module, imported module), …]} between different apps."""
    graph = grimp.build_graph(*CONFIG["root_packages"], cache_dir=None)
    pairs = {}
    for module in graph.modules:
        if _left_out(module):
            continue
        for imported in graph.find_modules_directly_imported_by(module):
            app, other = module.split(".")[0], imported.split(".")[0]
            if app != other and not _left_out(imported):
                pairs.setdefault((app, other), []).append((module, imported))
    return pairs


def cycles(edges):
    """Groups of apps that reach each other through imports (strongly connected, more than one app)."""
    apps = sorted({app for edge in edges for app in edge})
    reach = {app: {other for a, other in edges if a == app} for app in apps}
    for via in apps:  # transitive closure: a few dozen apps
        for app in apps:
            if via in reach[app]:
                reach[app] |= reach[via]
    groups = {frozenset(other for other in apps if other in reach[app] and app in reach[other]) for app in apps}
    return sorted(sorted(group) for group in groups if len(group) > 1)


def test_it_finds_a_cycle_when_there_is_one():
    assert cycles({("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")}) == [["a", "b", "c"]]


def test_it_has_no_import_cycle_between_apps():
    edges = app_imports()
    found = cycles(edges)
    assert not found, "Apps importing each other (tests and migrations left out): " + "; ".join(
        f"{group}: " + ", ".join(f"{m} -> {i}" for a, b in edges if a in group and b in group for m, i in edges[a, b])
        for group in found
    )


def test_it_keeps_the_layers_contract_without_exceptions_beyond_tests_and_migrations():
    (layers,) = [c for c in CONFIG["contracts"] if c["id"] == "layers"]
    assert layers["ignore_imports"] == ["*.tests.** -> **", "*.migrations.** -> **"]
