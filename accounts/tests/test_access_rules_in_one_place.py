"""Access decisions live in accounts/access.py only (#10). Ruff's banned-api rule keeps `get_object_or_404`
there; attribute comparisons cannot be banned by a lint rule, so this test reads the source tree."""

import os
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROLE_COMPARISON = re.compile(r"\.role\s*(==|!=|\bin\b|\bnot\s+in\b)")
# The one place; the rest of accounts is held to the rule too. The User model's save keeps its own invariant
# (administrators, and only they, are Django staff) without importing the access module that imports it.
ALLOWED = {Path("accounts/access.py"), Path("accounts/models.py")}
SKIPPED_DIRS = {".venv", ".venv-bench", "var", "test-artifacts", "node_modules", "migrations", "tests", ".git"}


def _sources():
    for folder, dirs, files in os.walk(ROOT):
        relative_folder = Path(folder).relative_to(ROOT)
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS]
        for name in files:
            if name.endswith((".py", ".html")) and relative_folder / name not in ALLOWED:
                yield relative_folder / name, Path(folder) / name


def test_it_finds_no_role_comparison_outside_the_access_module():
    found = [
        f"{relative}:{number}: {line.strip()}"
        for relative, path in _sources()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if ROLE_COMPARISON.search(line)
    ]
    assert not found, (
        "Compare roles only in accounts/access.py (a named predicate such as is_volunteer):\n" + "\n".join(found)
    )


def test_it_would_catch_each_form_of_a_role_comparison():
    for line in ('user.role == "org_staff"', "user.role != Role.VOLUNTEER", "u.role in NATIONWIDE", "u.role not in X"):
        assert ROLE_COMPARISON.search(line), line
    assert not ROLE_COMPARISON.search("user.role_display") and not ROLE_COMPARISON.search("for role in ROLES")


def test_scoping_fails_closed_without_a_signed_in_active_user(region):
    """A caller that forgets the user gets nothing, never everything: no user, anonymous, disabled."""
    from django.apps import apps
    from django.contrib.auth.models import AnonymousUser

    from accounts import access

    disabled = region.users["admin"]
    disabled.is_active = False
    for label in list(access.SCOPES) + ["people.beneficiary", "territories.territory"]:
        model = apps.get_model(label)
        for user in (None, disabled) if label in access.PUBLIC_SCOPES else (None, AnonymousUser(), disabled):
            assert not access.scoped(user, model.objects.all()).exists(), (label, user)
    disabled.is_active = True
    assert access.scoped(disabled, apps.get_model("people.beneficiary").objects.all()).exists()
