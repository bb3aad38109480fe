"""`manage.py create_user`: a login with a role for the server's operator (users.services.user_create)."""

import pytest
from django.core.management import CommandError, call_command

from accounts.models import User


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue().strip().splitlines()[-1]


def test_it_creates_a_user_and_prints_the_id(region):
    user_id = _run(
        "create_user", "hotline2", "--role", "operator", "--territory", str(region.a.pk), "--password", "Long-pass-42"
    )
    user = User.objects.get(pk=int(user_id))
    assert user.role == "operator" and user.territory == region.a and user.check_password("Long-pass-42")


def test_it_binds_org_staff_to_the_organizations_territory(region):
    user_id = _run("create_user", "staff2", "--role", "org_staff", "--organization", str(region.org_b.pk))
    user = User.objects.get(pk=int(user_id))
    assert user.organization == region.org_b and user.territory == region.b1


@pytest.mark.parametrize(
    "args, message",
    [
        (["--role", "operator", "--territory", "999999"], "--territory"),
        (["--role", "org_staff"], "--organization"),
        (["--role", "operator"], "--territory"),
        (["--role", "operator", "--territory", "{a}", "--password", "123"], "--password"),
    ],
)
def test_it_refuses_bad_arguments_and_names_them(region, args, message):
    args = [arg.format(a=region.a.pk) for arg in args]
    with pytest.raises(CommandError, match=message):
        call_command("create_user", "bad", *args)
    assert not User.objects.filter(username="bad").exists()
