"""One volunteer card write (#10): cards are written only by volunteers.services — `volunteer_save` (form, API,
the demo), `candidate_create` (the public «Стать волонтёром»), both through the same card write, and
`volunteers_import` (files, in bulk). The test reads the source: a `Volunteer.objects.create(...)` (or
get_or_create, update_or_create, bulk_create) anywhere else fails, and so does a `Volunteer(...)` built
anywhere but the places that hand an empty card to `volunteer_save`."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WRITES = {"create", "get_or_create", "update_or_create", "bulk_create"}

# file → the functions in it that may write or build a card, and why
ALLOWED = {
    "volunteers/services.py": {"candidate_create", "volunteers_import"},  # the door (the others save a given card)
    "volunteers/views.py": {"volunteer_create"},  # an empty card for volunteer_save
    "volunteers/api.py": {"create_volunteer"},  # an empty card for volunteer_save
    "demo/management/commands/demo_data.py": {"_volunteers"},  # an empty card for volunteer_save
    "demo/centres.py": {"_volunteers"},  # an empty card for volunteer_save
    "demo/phone.py": {"load"},  # an empty card for volunteer_save (the phone service's silver volunteers)
    "demo/generate.py": None,  # the region generator for benchmarks: bulk inserts of a million rows, never the demo
}
# Still writing cards themselves (the demo loader's helper moves them to the service; remove when done).
PENDING = set()


def _writes(path):
    """(function, line) of every card write or card built in the file."""
    found = []

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            name = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
            if isinstance(child, ast.Call):
                func = child.func
                built = isinstance(func, ast.Name) and func.id == "Volunteer"
                written = (
                    isinstance(func, ast.Attribute)
                    and func.attr in WRITES
                    and isinstance(func.value, ast.Attribute)
                    and func.value.attr == "objects"
                    and isinstance(func.value.value, ast.Name)
                    and func.value.value.id == "Volunteer"
                )
                if built or written:
                    found.append((function, child.lineno))
            visit(child, name)

    visit(ast.parse(path.read_text(encoding="utf-8")), None)
    return found


def test_it_writes_volunteer_cards_only_through_the_volunteers_services():
    writers = {}
    for path in sorted(ROOT.glob("*/**/*.py")):
        rel = path.relative_to(ROOT)
        if rel.parts[0].startswith(".") or {"tests", "migrations"} & set(rel.parts):
            continue
        found = _writes(path)
        if found:
            writers[str(rel)] = found
    unexpected = {}
    for name, found in writers.items():
        if name in PENDING:
            continue
        allowed = ALLOWED.get(name, set())
        if allowed is None:
            continue
        stray = [f"{function or 'module'}:{line}" for function, line in found if function not in allowed]
        if stray:
            unexpected[name] = stray
    assert not unexpected, f"Write volunteer cards through volunteers.services (volunteer_save): {unexpected}"
    gone = sorted(PENDING - set(writers))
    assert not gone, f"These no longer write volunteer cards themselves: remove them from PENDING: {gone}"


def test_it_finds_a_card_written_outside_the_door(tmp_path):
    sample = tmp_path / "views.py"
    sample.write_text("def apply(data):\n    Volunteer.objects.create(**data)\n    return Volunteer(full_name='x')\n")
    assert _writes(sample) == [("apply", 2), ("apply", 3)]
