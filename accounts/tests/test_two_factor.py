"""Two-factor login (#11): required for coordinators and administrators, optional for others."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from audit.models import AuditEntry

REQUIRED = override_settings(TWO_FACTOR_ROLES=["coordinator", "admin"])


def _password_login(username):
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": "secret-pass-1"})
    assert response.status_code == 302, "the password step itself passes"
    return client


def _app(user, **fields):
    return TOTPDevice.objects.create(user=user, name="Телефон", confirmed=True, **fields)


def _wrong(code):
    return f"{(int(code) + 500_000) % 1_000_000:06d}"


@REQUIRED
def test_it_keeps_a_coordinator_without_an_app_out_until_enrolment(region):
    client = _password_login("coordinator")
    for path in ("/staff/", "/people/", f"/people/{region.person_a.pk}/", "/api/v1/docs"):
        response = client.get(path)
        assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor_enrol")), path
    assert client.post(reverse("helprequests:assign", args=[region.request_a.pk])).status_code == 302

    page = client.get(reverse("accounts:two_factor_enrol"))
    html = page.content.decode()
    assert page.status_code == 200 and "<svg" in html and "обязателен" in html
    assert "Рабочий стол" not in html, "no menu of pages that are not open yet"
    device = TOTPDevice.objects.get(user=region.users["coordinator"], confirmed=False)
    assert two_factor.secret_text(device) in html

    bad = client.post(reverse("accounts:two_factor_enrol"), {"code": _wrong(two_factor.current_code(device))})
    assert bad.status_code == 422 and "Неверный код" in bad.content.decode()
    assert client.get("/staff/").status_code == 302
    device.throttle_reset()

    done = client.post(
        reverse("accounts:two_factor_enrol"), {"code": two_factor.current_code(device), "next": "/people/"}
    )
    assert done.status_code == 302 and done.url.startswith(reverse("accounts:two_factor_backup"))
    codes_page = client.get(done.url)
    codes = re.findall(r"<li><code>([a-z2-7]{8})</code></li>", codes_page.content.decode())
    assert len(codes) == 10 and "Больше мы их не покажем" in codes_page.content.decode()
    assert client.get(reverse("accounts:two_factor_backup")).status_code == 302, "shown once"
    assert client.get("/staff/").status_code == 200
    assert client.get("/people/").status_code == 200
    assert AuditEntry.objects.filter(
        action="update", object_id=str(region.users["coordinator"].pk), details__two_factor="подключён"
    ).exists()


@REQUIRED
def test_it_refuses_a_wrong_code_and_lets_the_right_one_in(region):
    device = _app(region.users["coordinator"])
    client = _password_login("coordinator")
    response = client.get("/staff/")
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor_verify"))
    # Connecting another app does not step round the code of the one already connected.
    assert client.get(reverse("accounts:two_factor_enrol")).url.startswith(reverse("accounts:two_factor_verify"))

    wrong = client.post(reverse("accounts:two_factor_verify"), {"code": _wrong(two_factor.current_code(device))})
    assert wrong.status_code == 422 and "Неверный код" in wrong.content.decode()
    assert client.get("/staff/").status_code == 302
    assert AuditEntry.objects.filter(action="login_failed", user=region.users["coordinator"]).exists()

    again = client.post(reverse("accounts:two_factor_verify"), {"code": two_factor.current_code(device)})
    assert again.status_code == 422 and "Слишком много неверных кодов" in again.content.decode(), "throttled"

    device.throttle_reset()
    right = client.post(
        reverse("accounts:two_factor_verify"), {"code": two_factor.current_code(device), "next": "/people/"}
    )
    assert right.status_code == 302 and right.url == "/people/"
    assert AuditEntry.objects.filter(
        action="login", user=region.users["coordinator"], details__second_factor="приложение"
    ).exists()
    assert client.get("/staff/").status_code == 200


@REQUIRED
def test_a_backup_code_works_once(region):
    user = region.users["coordinator"]
    _app(user)
    device = StaticDevice.objects.create(user=user, name="Резервные коды", confirmed=True)
    device.token_set.create(token="abcdefgh")
    client = _password_login("coordinator")
    assert client.post(reverse("accounts:two_factor_verify"), {"code": "ABCD EFGH"}).status_code == 302
    assert client.get("/staff/").status_code == 200
    other = _password_login("coordinator")
    assert other.post(reverse("accounts:two_factor_verify"), {"code": "abcdefgh"}).status_code == 422


@REQUIRED
def test_a_volunteer_is_not_asked_but_may_turn_it_on(region):
    client = _password_login("volunteer")
    assert client.get("/staff/").status_code == 200
    assert client.get(reverse("accounts:two_factor_verify")).status_code == 302
    assert "обязателен" not in client.get(reverse("accounts:two_factor_enrol")).content.decode()
    # Once connected, the app's code is asked at every login, whatever the role.
    _app(region.users["operator"])
    assert _password_login("operator").get("/staff/").url.startswith(reverse("accounts:two_factor_verify"))


@override_settings(TWO_FACTOR_ROLES=["coordinator"])
def test_an_administrator_resets_a_lost_phone_and_the_sessions_end(region):
    coordinator = region.users["coordinator"]
    device = _app(coordinator)
    StaticDevice.objects.create(user=coordinator, confirmed=True).token_set.create(token="abcdefgh")
    signed_in = _password_login("coordinator")
    assert (
        signed_in.post(reverse("accounts:two_factor_verify"), {"code": two_factor.current_code(device)}).status_code
        == 302
    )
    assert signed_in.get("/staff/").status_code == 200

    url = reverse("accounts:two_factor_reset", args=[coordinator.pk])
    assert region.client("operator").post(url).status_code == 403
    admin = region.client("admin")
    assert "Сбросить вход с кодом" in admin.get(reverse("accounts:user", args=[coordinator.pk])).content.decode()
    response = admin.post(url)
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=coordinator).exists()
    assert not StaticDevice.objects.filter(user=coordinator).exists()
    assert AuditEntry.objects.filter(
        action="update", object_id=str(coordinator.pk), user=region.users["admin"], details__two_factor="сброшен"
    ).exists()
    assert signed_in.get("/staff/").url.startswith(reverse("login")), "every session of the user ended"
    # At the next login the required role connects a new app.
    assert _password_login("coordinator").get("/staff/").url.startswith(reverse("accounts:two_factor_enrol"))


@REQUIRED
def test_api_tokens_are_not_affected(region):
    _app(region.users["coordinator"])
    response = region.api("coordinator").get("/api/v1/territories")
    assert response.status_code == 200


@REQUIRED
def test_the_demo_code_command_prints_codes_only_for_the_demo_key(region):
    demo = _app(region.users["coordinator"], key=two_factor.DEMO_KEY)
    out = StringIO()
    call_command("otp_code", "coordinator", stdout=out)
    assert out.getvalue().strip() == two_factor.current_code(demo)
    _app(region.users["admin"])
    with pytest.raises(CommandError, match="настоящий ключ"):
        call_command("otp_code", "admin")
    with pytest.raises(CommandError, match="не подключено"):
        call_command("otp_code", "operator")
