"""One person-with-consent create (#10): people are written only by people.services.beneficiary_create.

The test reads the source: a new `Beneficiary.objects.create(...)` or `Beneficiary(...)` anywhere else fails.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITES = {"create", "get_or_create", "update_or_create", "bulk_create"}

ALLOWED = {
    "people/services.py": "the one door",
    "demo/generate.py": "the region generator for benchmarks: bulk inserts of a million rows, never the demo",
}
# Still writing people themselves (owned by other apps' helpers; to go through the service next).
PENDING = set()


def _writes(path):
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        constructor = isinstance(func, ast.Name) and func.id == "Beneficiary"
        if constructor or (
            isinstance(func, ast.Attribute)
            and func.attr in WRITES
            and isinstance(func.value, ast.Attribute)
            and func.value.attr == "objects"
            and isinstance(func.value.value, ast.Name)
            and func.value.value.id == "Beneficiary"
        ):
            found.append(node.lineno)
    return found


def test_it_writes_people_only_through_beneficiary_create():
    writers = {}
    for path in sorted(ROOT.glob("*/**/*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0].startswith(".") or {"tests", "migrations"} & set(rel.parts):
            continue
        lines = _writes(path)
        if lines:
            writers[str(rel)] = lines
    unexpected = {name: lines for name, lines in writers.items() if name not in ALLOWED and name not in PENDING}
    assert not unexpected, f"Write people through people.services.beneficiary_create: {unexpected}"
    gone = sorted(PENDING - set(writers))
    assert not gone, f"These no longer write people themselves: remove them from PENDING: {gone}"
