from django.core.management import call_command
from django.test import Client


def _run(*args):
    from io import StringIO

    out = StringIO()
    call_command(*args, stdout=out, stderr=StringIO())
    return out.getvalue().strip().splitlines()[-1]


def test_it_issues_a_token_that_acts_as_its_user(region):
    token = _run("create_api_token", "coordinator")
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
    names = {t["name"] for t in client.get("/api/v1/territories").json()}
    assert names == {"Район А", "Посёлок А1"}


def test_it_rejects_an_unknown_or_revoked_token(region):
    token = _run("create_api_token", "operator")
    region.users["operator"].api_tokens.all().delete()
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token}").get("/api/v1/catalog")
    assert response.status_code == 401 and "токен" in response.json()["detail"]
