"""The people door (#10): one person-with-consent create, the merge written to the audit log as an event."""

from datetime import date

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from helprequests.services import request_create
from people import services
from people.models import Beneficiary, Consent, SocialContact


def test_it_creates_a_person_with_the_consent_in_one_call(region):
    actor = region.users["operator"]
    person = services.beneficiary_create(
        full_name="Сидорова Мария Ивановна",
        territory=region.a1,
        phone="+79105551111",
        place_from_territory=True,
        actor=actor,
    )
    consent = person.consents.get()
    assert consent.purpose == Consent.Purpose.PERSONAL_DATA and consent.recorded_by == actor
    assert (person.lat, person.lon) == (region.a1.lat, region.a1.lon)  # from the territory, never asked
    created = AuditEntry.objects.get(object_type="people.beneficiary", object_id=str(person.pk), action="create")
    assert created.user == actor  # the entry names who wrote the person, even outside a request


def test_it_creates_a_person_without_consent_when_someone_else_told_about_them(region):
    person = services.beneficiary_create(
        full_name="Соседкина Зоя", territory=region.a1, unconfirmed=True, consent=None, actor=None
    )
    assert person.unconfirmed and not person.consents.exists()


def test_it_refuses_a_field_a_person_does_not_have(region):
    with pytest.raises(TypeError):
        services.beneficiary_create(full_name="Х Х Х", territory=region.a1, actor=None, password="x")


def test_it_goes_through_the_one_create_from_every_door(region, monkeypatch):
    """The people form, the people API, the intake and the public form all write through beneficiary_create."""
    calls = []
    real = services.beneficiary_create

    def spy(**kwargs):
        calls.append(kwargs.get("consent", Consent.Purpose.PERSONAL_DATA))
        return real(**kwargs)

    monkeypatch.setattr(services, "beneficiary_create", spy)
    client = region.client("operator")
    web = client.post(
        reverse("people:create"),
        {"full_name": "Веб Форма Тест", "territory": region.a1.pk, "consent_given": "on"},
    )
    api = region.api("operator").post(
        "/api/v1/beneficiaries",
        {"full_name": "Апи Тест Тестович", "territory_id": region.a1.pk, "consent": {"purpose": "personal_data"}},
        content_type="application/json",
    )
    from catalog.models import ServiceCategory

    intake = client.post(
        reverse("helprequests:create"),
        {
            "channel": "hotline",
            "needs": [ServiceCategory.objects.get(code="groceries").pk],
            "urgency": "urgent",
            "description": "Нужны продукты",
            "p-full_name": "Приёмная Нина Петровна",
            "p-territory": region.a1.pk,
            "p-consent_given": "on",
            "confirm_new": "on",  # whoever else lives in the settlement is not this person
        },
    )
    from helprequests.services import request_from_public_form

    request_from_public_form(
        kind="report",
        data={
            "locality": region.a1,
            "address": "ул. Мира, 1",
            "description": "Одна, не выходит",
            "reporter_name": "Соседка",
            "reporter_phone": "+79105552222",
        },
    )
    assert (web.status_code, api.status_code, intake.status_code) == (302, 201, 302), api.content.decode()
    assert calls == [Consent.Purpose.PERSONAL_DATA] * 3 + [None]
    for name in ("Веб Форма Тест", "Апи Тест Тестович", "Приёмная Нина Петровна"):
        assert Beneficiary.objects.get(full_name=name).consents.filter(purpose="personal_data").exists()


def test_it_records_the_merge_as_one_entry_naming_both_records_and_what_moved(region):
    drop = Beneficiary.objects.create(
        full_name="Иванова А. П.", territory=region.a1, phone="+79105550000", birth_date=date(1941, 5, 5)
    )
    Consent.objects.create(beneficiary=drop, purpose="phone_service")
    SocialContact.objects.create(beneficiary=drop, relation="neighbour", name="Соседка Зоя")
    request_create(beneficiary=drop, channel="neighbour", needs=[], actor=None)
    region.client("coordinator").post(reverse("people:merge", args=[region.person_a.pk, drop.pk]))

    entry = AuditEntry.objects.get(
        object_type="people.beneficiary", object_id=str(region.person_a.pk), details__has_key="merged"
    )
    assert entry.user == region.users["coordinator"]
    merged = entry.details["merged"]
    assert merged["keep"] == region.person_a.pk and merged["drop"] == drop.pk
    assert merged["moved"] == {"help_requests": 1, "consents": 1, "contacts": 1}
    assert "birth_date" in merged["filled"] and "phone2" in merged["filled"]


def test_it_creates_a_household_with_the_family_contact(region):
    family = services.household_create(
        name="Семья Орловых",
        territory=region.a1,
        contact_name="Мама, Ирина",
        contact_phone="+79107770000",
        actor=region.users["coordinator"],
    )
    family.refresh_from_db()
    assert (family.contact_name, family.contact_phone) == ("Мама, Ирина", "+79107770000")
