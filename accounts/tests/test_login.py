from datetime import timedelta

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry


def _login(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_it_logs_in_and_lands_on_the_staff_desk(region, client):
    response = _login(client, "coordinator", "secret-pass-1")
    assert response.status_code == 302 and response.url == reverse("staff_home")
    page = client.get(reverse("staff_home")).content.decode()
    assert "Координатор" in page and "Район А" in page


def test_it_explains_a_wrong_password_in_russian(region, client):
    page = _login(client, "coordinator", "wrong").content.decode()
    assert "Неверное имя пользователя или пароль" in page


def test_it_locks_out_after_five_failures_with_a_clear_message(region, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login(client, "operator", "wrong")
    response = _login(client, "operator", "secret-pass-1")  # even the right password is refused now
    assert response.status_code == 429
    assert "Слишком много неудачных попыток входа" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert AuditEntry.objects.filter(action="locked_out", username="operator").exists()
    assert AuditEntry.objects.filter(action="login_failed", username="operator").count() >= 5


def test_it_ends_the_session_after_thirty_idle_minutes(region, client):
    _login(client, "operator", "secret-pass-1")
    assert client.get(reverse("staff_home")).status_code == 200
    assert settings.SESSION_COOKIE_AGE == 30 * 60 and settings.SESSION_SAVE_EVERY_REQUEST
    session = client.session
    session.set_expiry(timezone.now() - timedelta(seconds=1))
    session.save()
    response = client.get(reverse("staff_home"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_it_logs_out_only_by_post(region, client):
    client.force_login(region.users["operator"])
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("staff_home")).status_code == 302


def test_it_shows_each_role_its_own_menu(region):
    menus = {
        role: region.client(role).get(reverse("staff_home")).content.decode()
        for role in ("coordinator", "operator", "analyst", "volunteer", "admin")
    }
    assert "Журнал действий" in menus["coordinator"] and "Подопечные" in menus["coordinator"]
    assert "Подопечные" in menus["operator"] and "Журнал действий" not in menus["operator"]
    assert "Подопечные" not in menus["analyst"] and "Журнал действий" not in menus["analyst"]
    assert "Подопечные" not in menus["volunteer"]
    assert "Администрирование" in menus["admin"] and "Подопечные" not in menus["admin"]


def _login_from(client, address, username, password):
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_it_does_not_let_an_outsider_lock_a_staff_account_from_elsewhere(region, client):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        _login_from(client, "203.0.113.9", "coordinator", "wrong")
    assert _login_from(client, "203.0.113.9", "coordinator", "secret-pass-1").status_code == 429
    response = _login_from(client, "198.51.100.4", "coordinator", "secret-pass-1")
    assert response.status_code == 302 and response.url == reverse("staff_home")


def test_it_locks_an_address_that_tries_many_usernames(region, client):
    for n in range(settings.AXES_FAILURE_LIMIT_PER_ADDRESS - 1):
        _login_from(client, "203.0.113.7", f"guess{n}", "wrong")
    # One office mistyping now and then is not locked out …
    assert _login_from(client, "203.0.113.7", "operator", "secret-pass-1").status_code == 302
    client.post(reverse("logout"))
    for n in range(settings.AXES_FAILURE_LIMIT_PER_ADDRESS):
        _login_from(client, "203.0.113.7", f"spray{n}", "wrong")
    # … but a spray of usernames from one address is, even for a right password.
    assert _login_from(client, "203.0.113.7", "analyst", "secret-pass-1").status_code == 429
    assert _login_from(client, "192.0.2.1", "analyst", "secret-pass-1").status_code == 302


def test_it_reads_the_client_address_behind_the_trusted_proxies(rf, settings):
    from core.net import client_ip

    request = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.5, 10.0.0.1")
    settings.PROXY_COUNT = 0
    assert client_ip(request) == "10.0.0.2"
    settings.PROXY_COUNT = 1  # nginx: the address nginx saw is the last entry; a forged first one is ignored
    assert client_ip(request) == "10.0.0.1"
    settings.PROXY_COUNT = 2  # a load balancer in front of nginx
    assert client_ip(request) == "203.0.113.5"
    settings.PROXY_COUNT = 5  # a shorter chain than configured: the direct peer
    assert client_ip(request) == "10.0.0.2"
    bad = rf.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="not-an-address")
    settings.PROXY_COUNT = 1
    assert client_ip(bad) == "10.0.0.2"
