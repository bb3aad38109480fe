"""One door per app (#10): views, API routes, forms, imports and commands are adapters.

They reach data only through their app's ``selectors.py`` (reads, scoped by the user) and
``services.py`` (writes, atomic, audited). This test counts direct ORM use in every adapter
module and holds each file to its ceiling: the ceilings only go down. When you move a query
into a selector or a write into a service, lower the file's number here (the test fails until
you do, so the ratchet cannot slip back). A new adapter module starts at zero.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

ORM_METHODS = {
    "save", "delete", "create", "filter", "exclude", "annotate", "aggregate", "bulk_create",
    "bulk_update", "get_or_create", "update_or_create", "select_related", "prefetch_related",
    "values_list", "only", "defer", "in_bulk",
}  # fmt: skip

# Every other adapter is at zero (#10, December 2026); a file that must go over names its ceiling here.
# The demo loader (#10): its writes move into services file by file; what is left is counted here.
CEILINGS = {
    "demo/guardianship.py": 11,
    "demo/management/commands/demo_data.py": 1,
    "demo/outreach.py": 3,
    "demo/phone.py": 14,
    "demo/requests.py": 10,
    "demo/stats.py": 8,
    "demo/ties.py": 7,
    "demo/two_factor.py": 6,
    "demo/withdrawal.py": 4,
}


# Top-level folders not counted.
NOT_COUNTED = {"bench"}

# The demo loader writes through the apps' services like any adapter (#10); every module in it is counted.
LOADER_FOLDERS = {"demo"}
# Bulk synthetic data for the benchmarks (`generate_region`): bulk_create by design, not a door.
NOT_COUNTED_FILES = {"demo/generate.py"}

# Background jobs and the periodic command's functions: adapters too (#10); every one is at zero.
JOB_MODULES = frozenset({"periodic.py", "tasks.py", "map_layer.py", "map_layers.py"})

# The export kinds' row and document builders (#12), run by the worker for a user: adapters too. (The
# document renderers — core/communities documents.py, outreach/letters.py — call python-docx's .save(), which
# this counter cannot tell from the ORM's; assessments/protocol.py still reads the uploaded template itself.)
EXPORT_MODULES = frozenset({"export_kinds.py", "package.py"})


def _is_adapter(rel):
    parts = rel.parts
    if parts[0] in NOT_COUNTED or parts[0].startswith(".") or {"tests", "migrations"} & set(parts):
        return False
    if rel.as_posix() in NOT_COUNTED_FILES:
        return False
    return (
        parts[0] in LOADER_FOLDERS
        or rel.name.startswith(("views", "api", "forms", "import", "hsds"))
        or rel.name.endswith("_views.py")
        or rel.name == "home.py"  # the desk's blocks
        or rel.name in JOB_MODULES
        or rel.name in EXPORT_MODULES
        or "views" in parts
        or "commands" in parts
    )


def orm_uses(path):
    uses = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Attribute) and node.attr == "objects":
            uses.append(f"{node.lineno}: .objects")
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in ORM_METHODS:
            uses.append(f"{node.lineno}: .{node.func.attr}()")
    return sorted(uses, key=lambda use: int(use.split(":")[0]))


def adapter_counts():
    counts = {}
    for path in sorted(ROOT.glob("*/**/*.py")):
        rel = path.relative_to(ROOT)
        if _is_adapter(rel):
            counts[str(rel)] = orm_uses(path)
    return counts


def test_it_keeps_direct_orm_use_in_adapters_at_or_below_the_ceiling():
    over = {name: uses for name, uses in adapter_counts().items() if len(uses) > CEILINGS.get(name, 0)}
    assert not over, (
        "Adapters reach the ORM beyond their ceiling; go through the app's selectors.py / services.py:\n"
        + "\n".join(f"{name} ({len(uses)} > {CEILINGS.get(name, 0)}): {uses}" for name, uses in over.items())
    )


def test_it_lowers_the_ceiling_when_an_adapter_gets_thinner():
    counts = adapter_counts()
    stale = {name: (len(counts.get(name, [])), ceiling) for name, ceiling in CEILINGS.items()}
    stale = {name: pair for name, pair in stale.items() if pair[0] < pair[1]}
    assert not stale, f"Lower these ceilings in CEILINGS to the count now measured: {stale}"


def test_it_finds_direct_orm_use(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text("def v(request):\n    Thing.objects.all()\n    form.save()\n    qs.filter(a=1)\n")
    assert orm_uses(sample) == ["2: .objects", "3: .save()", "4: .filter()"]


def test_it_counts_the_demo_loader_but_not_the_benchmark_generator():
    assert _is_adapter(Path("demo/requests.py"))
    assert _is_adapter(Path("demo/management/commands/demo_data.py"))
    assert not _is_adapter(Path("demo/generate.py"))
    assert not _is_adapter(Path("demo/tests/test_generate_region.py"))


def test_it_counts_the_export_kinds_and_document_packages_as_adapters():
    for name in ("people/export_kinds.py", "guardianship/package.py"):
        assert _is_adapter(Path(name)), name
