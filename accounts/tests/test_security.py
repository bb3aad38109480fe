"""API tokens (expiry, last use, rate), ending sessions, no caching of personal pages."""

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from accounts.models import ApiToken


def test_it_refuses_an_expired_token_and_records_the_last_use(region):
    api = region.api("coordinator")
    assert api.get("/api/v1/requests").status_code == 200
    token = ApiToken.objects.filter(user=region.users["coordinator"]).latest("created_at")
    assert token.last_used_at is not None and token.expires_at > timezone.now() + timedelta(days=300)
    ApiToken.objects.filter(pk=token.pk).update(expires_at=timezone.now() - timedelta(seconds=1))
    response = api.get("/api/v1/requests")
    assert response.status_code == 401 and "Нужен действующий токен" in response.json()["detail"]


def test_it_limits_the_rate_of_api_calls_with_a_russian_message(region, settings):
    from django.core.cache import cache

    cache.clear()
    settings.API_RATE = "3/m"
    api = region.api("coordinator")
    assert [api.get("/api/v1/territories").status_code for _ in range(3)] == [200, 200, 200]
    response = api.get("/api/v1/territories")
    assert response.status_code == 429 and response.json()["detail"] == "Слишком много запросов. Повторите позже."
    # Another user has their own allowance.
    assert region.api("operator").get("/api/v1/territories").status_code == 200


def test_it_ends_every_session_of_a_user(region):
    first, second = region.client("operator"), region.client("operator")
    assert first.get(reverse("staff_home")).status_code == 200
    region.users["operator"].end_sessions()
    for client in (first, second):
        response = client.get(reverse("staff_home"))
        assert response.status_code == 302 and reverse("login") in response.url


def test_it_logs_out_a_disabled_account_at_once(region):
    client = region.client("operator")
    operator = region.users["operator"]
    admin = region.client("admin")
    data = {
        "username": operator.username,
        "role": operator.role,
        "territory": operator.territory_id,
        "date_joined_0": "2026-01-01",
        "date_joined_1": "10:00:00",
    }  # «is_active» unticked
    response = admin.post(reverse("admin:accounts_user_change", args=[operator.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    operator.refresh_from_db()
    assert not operator.is_active and operator.session_epoch == 1
    assert client.get(reverse("staff_home")).status_code == 302


def test_it_lets_an_administrator_end_sessions_from_the_user_list(region):
    client = region.client("volunteer")
    admin = region.client("admin")
    response = admin.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "end_sessions", "_selected_action": [region.users["volunteer"].pk]},
    )
    assert response.status_code == 302
    assert client.get(reverse("staff_home")).status_code == 302
    assert admin.get(reverse("staff_home")).status_code == 200


def test_it_forbids_caching_pages_and_api_answers_with_personal_data(region):
    page = region.client("operator").get(reverse("people:list"))
    assert page.status_code == 200 and page["Cache-Control"] == "no-store"
    answer = region.api("operator").get("/api/v1/requests")
    assert answer["Cache-Control"] == "no-store"
    public = region.client("anon").get(reverse("home"))
    assert "no-store" not in public.get("Cache-Control", "")
