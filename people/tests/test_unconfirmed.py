"""A person recorded from someone else's words is «не подтверждено» until an operator confirms (#9)."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from audit.models import AuditEntry
from catalog.models import ServiceCategory
from helprequests.models import HelpRequest
from people.models import Beneficiary


@pytest.fixture(autouse=True)
def fresh_rate_limit():
    cache.clear()


def _intake(region, **overrides):
    data = {
        "channel": "neighbour",
        "needs": [ServiceCategory.objects.get(code="groceries").pk],
        "urgency": "within_3_days",
        "description": "Соседка не выходит из дома",
        "reporter_name": "Ирина, соседка",
        "p-full_name": "Сомова Нина Петровна",
        "p-territory": region.a1.pk,
        "p-consent_given": "on",
    }
    data.update(overrides)
    return data


def test_it_marks_a_person_reported_by_a_neighbour_on_the_website_as_unconfirmed(region, client):
    data = {
        "full_name": "",
        "locality": "Посёлок А1",
        "address": "ул. Лесная, 5",
        "needs": [],
        "description": "Соседка не выходит из дома неделю",
        "reporter_name": "Ирина",
        "reporter_phone": "8 910 555-44-33",
        "consent": "on",
        "website": "",
    }
    client.post(reverse("public:report"), data)
    person = HelpRequest.objects.get(channel="neighbour").beneficiary
    assert person.unconfirmed is True


def test_it_marks_an_application_for_someone_else_unconfirmed_but_not_for_oneself(region, client):
    base = {
        "full_name": "Сидорова Вера",
        "locality": "Посёлок А1",
        "address": "д. 3",
        "description": "Нужна помощь",
        "consent": "on",
        "phone": "+7 910 123-45-67",
    }
    client.post(reverse("public:need_help"), {**base, "for_whom": "self"})
    client.post(
        reverse("public:need_help"),
        {**base, "for_whom": "relative", "applicant_name": "Олег", "applicant_phone": "+7 910 765-43-21"},
    )
    own, other = HelpRequest.objects.filter(channel="website").order_by("pk")
    assert own.beneficiary.unconfirmed is False
    assert other.beneficiary.unconfirmed is True


def test_it_marks_a_neighbours_call_unconfirmed_and_a_persons_own_call_not(region):
    client = region.client("operator")
    client.post(reverse("helprequests:create"), _intake(region))
    assert Beneficiary.objects.get(full_name="Сомова Нина Петровна").unconfirmed is True
    own = _intake(region, channel="hotline", reporter_name="", **{"p-full_name": "Орлова Зоя Ильинична"})
    client.post(reverse("helprequests:create"), own)
    assert Beneficiary.objects.get(full_name="Орлова Зоя Ильинична").unconfirmed is False


def test_it_shows_the_badge_until_an_operator_confirms_and_audits_the_confirmation(region):
    person = region.person_a
    person.unconfirmed = True
    person.save()
    operator = region.client("operator")
    page = operator.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "не подтверждено" in page and "Сведения подтверждены</button>" in page
    queue = operator.get(reverse("helprequests:list"), {"queue": "all"}).content.decode()
    assert 'badge warn">не подтверждено' in queue
    detail = operator.get(reverse("helprequests:detail", args=[region.request_a.pk])).content.decode()
    assert "не подтверждено</a>" in detail

    response = operator.post(reverse("people:confirm", args=[person.pk]))
    assert response.status_code == 302
    person.refresh_from_db()
    assert person.unconfirmed is False and person.confirmed_by == region.users["operator"]
    assert person.confirmed_at is not None
    entry = AuditEntry.objects.filter(object_type="people.beneficiary", object_id=str(person.pk)).first()
    assert entry.user == region.users["operator"] and entry.details["changes"]["unconfirmed"] == [True, False]
    page = operator.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert 'badge warn">не подтверждено' not in page and "Сведения подтверждены " in page


def test_it_refuses_confirmation_outside_the_territory(region):
    region.person_b.unconfirmed = True
    region.person_b.save()
    assert region.client("operator").post(reverse("people:confirm", args=[region.person_b.pk])).status_code == 404
    region.person_b.refresh_from_db()
    assert region.person_b.unconfirmed is True
