"""Volunteer cards through the API: who may bind a volunteer login to a card (#10 escalation)."""

import json

from accounts.models import Role, User
from volunteers.models import Volunteer


def _text(response):
    return json.dumps(response.json(), ensure_ascii=False)


def _login(region, name, territory):
    return User.objects.create(username=name, role=Role.VOLUNTEER, territory=territory)


def _card(region, territory=None):
    return Volunteer.objects.create(full_name="Новикова Нина", age_group="silver", territory=territory or region.a1)


def _patch(region, role, card, user_id):
    return region.api(role).patch(
        f"/api/v1/volunteers/{card.pk}", {"user_id": user_id}, content_type="application/json"
    )


def test_it_lets_a_coordinator_bind_a_free_volunteer_login_of_their_territory(region):
    login, card = _login(region, "nina", region.a1), _card(region)
    assert _patch(region, "coordinator", card, login.pk).status_code == 200
    card.refresh_from_db()
    assert card.user == login


def test_it_refuses_a_login_from_another_territory(region):
    login, card = _login(region, "boris", region.b1), _card(region)
    response = _patch(region, "coordinator", card, login.pk)
    assert response.status_code == 422
    assert "в вашей зоне ответственности" in _text(response)
    card.refresh_from_db()
    assert card.user is None


def test_it_refuses_org_staff_binding_logins(region):
    login = _login(region, "nina", region.a1)
    card = _card(region)
    card.organization = region.org_a
    card.save()
    response = _patch(region, "org_staff", card, login.pk)
    assert response.status_code == 422
    assert "координаторы и администраторы" in _text(response)
    card.refresh_from_db()
    assert card.user is None


def test_it_answers_422_not_500_when_the_login_is_already_bound(region):
    card = _card(region)
    response = _patch(region, "coordinator", card, region.users["volunteer"].pk)
    assert response.status_code == 422
    assert f"уже связана с карточкой волонтёра №{region.volunteer_a.pk}" in _text(response)
    region.volunteer_a.refresh_from_db()
    assert region.volunteer_a.user == region.users["volunteer"]
