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
