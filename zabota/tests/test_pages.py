import re

from django.core.management import call_command
from django.urls import reverse

from accounts.models import Role, User
from directory.models import Organization
from territories.models import Territory

EXTERNAL = re.compile(r"""(?:src|href)=["'](?:https?:)?//""")


def test_it_loads_nothing_from_other_hosts(region):
    for role, url in [("anon", reverse("home")), ("anon", reverse("login")), ("coordinator", reverse("people:list"))]:
        page = region.client(role).get(url).content.decode()
        assert not EXTERNAL.search(page), url


def test_it_serves_the_api_docs_without_a_cdn_to_signed_in_users_only(region, client):
    assert client.get("/api/v1/docs").status_code == 302 and client.get("/api/v1/openapi.json").status_code == 302
    page = region.client("analyst").get("/api/v1/docs").content.decode()
    assert "swagger-ui-bundle" in page and not EXTERNAL.search(page)


def test_it_sends_security_headers(region, client):
    response = client.get(reverse("home"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert response["Content-Type"] == "text/html; charset=utf-8"


def test_it_answers_a_missing_page_in_russian(client, db):
    response = client.get("/net-takoy-stranitsy/")
    assert response.status_code == 404 and "Страница не найдена" in response.content.decode()


def test_it_renders_the_server_error_page_in_russian(rf):
    from zabota.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500 and "Ошибка на сервере" in response.content.decode()


def test_it_serves_the_openapi_schema(region):
    schema = region.api("analyst").get("/api/v1/openapi.json").json()
    assert "/api/v1/territories" in schema["paths"] and "/api/v1/catalog" in schema["paths"]


def test_it_loads_the_demo_region_idempotently(db, tmp_path):
    out = (tmp_path / "out.txt").open("w")
    call_command("demo_data", stdout=out)
    counts = (Territory.objects.count(), Organization.objects.count(), User.objects.count())
    call_command("demo_data", stdout=out)
    assert counts == (Territory.objects.count(), Organization.objects.count(), User.objects.count())
    assert Territory.objects.filter(kind="district").count() == 5
    assert Territory.objects.filter(kind="settlement", lat__isnull=False).count() == 30
    assert set(Organization.objects.values_list("kind", flat=True)) == set(Organization.Kind.values)
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
