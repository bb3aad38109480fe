from datetime import date

from django.urls import reverse

from helprequests.models import HelpRequest
from people import duplicates
from people.models import Beneficiary, Consent, SocialContact

Rec = duplicates.PersonRecord


def test_it_spots_the_same_phone():
    new = Rec(None, "Петрова Мария", None, ("+79101112233",), 1)
    assert duplicates.reasons(new, Rec(5, "Совсем Другая", None, ("+79101112233",), 9)) == ["тот же телефон"]


def test_it_spots_the_same_name_and_birth_date_anywhere():
    new = Rec(None, "Петрова Мария Ивановна", date(1940, 1, 2), (), 1)
    old = Rec(5, "петрова  мария ивановна", date(1940, 1, 2), (), 9)
    assert duplicates.reasons(new, old) == ["те же ФИО и дата рождения"]


def test_it_spots_a_similar_name_in_the_same_settlement_only():
    new = Rec(None, "Петрова Мария Ивановна", None, (), 1)
    assert duplicates.reasons(new, Rec(5, "Петрова Марья Ивановна", None, (), 1)) == [
        "похожие ФИО в том же населённом пункте"
    ]
    assert duplicates.reasons(new, Rec(6, "Петрова Марья Ивановна", None, (), 2)) == []
    assert duplicates.reasons(new, Rec(7, "Сидоров Иван", None, (), 1)) == []


def test_it_shows_duplicates_on_intake_and_records_a_new_person_only_when_confirmed(region):
    client = region.client("operator")
    data = {
        "channel": "hotline",
        "needs": [1],
        "urgency": "urgent",
        "description": "Нужны продукты",
        "p-full_name": "Иванова Анна Петровна",
        "p-phone": "8 910 111-22-33",
        "p-territory": region.a1.pk,
        "p-consent_given": "on",
    }
    from catalog.models import ServiceCategory

    data["needs"] = [ServiceCategory.objects.get(code="groceries").pk]
    page = client.post(reverse("helprequests:create"), data).content.decode()
    assert "Похоже, этот человек уже есть в базе" in page and "тот же телефон" in page
    assert Beneficiary.objects.filter(full_name="Иванова Анна Петровна").count() == 1
    client.post(reverse("helprequests:create"), {**data, "beneficiary": region.person_a.pk})
    assert HelpRequest.objects.filter(beneficiary=region.person_a, urgency="urgent").exists()
    client.post(reverse("helprequests:create"), {**data, "confirm_new": "on"})
    assert Beneficiary.objects.filter(full_name="Иванова Анна Петровна").count() == 2


def test_it_merges_two_records_keeping_both_histories(region):
    drop = Beneficiary.objects.create(
        full_name="Иванова А. П.",
        territory=region.a1,
        phone="+79105550000",
        birth_date=date(1941, 5, 5),
        notes="Глуховата",
    )
    Consent.objects.create(beneficiary=drop, purpose="phone_service")
    SocialContact.objects.create(beneficiary=drop, relation="neighbour", name="Соседка Зоя")
    from helprequests.services import request_create

    old_request = request_create(beneficiary=drop, channel="neighbour", needs=[], actor=None)
    client = region.client("coordinator")
    assert "Объединить" in client.get(reverse("people:merge", args=[region.person_a.pk, drop.pk])).content.decode()
    client.post(reverse("people:merge", args=[region.person_a.pk, drop.pk]))
    keep = Beneficiary.objects.get(pk=region.person_a.pk)
    drop.refresh_from_db()
    assert drop.merged_into == keep
    assert old_request in keep.help_requests.all() and region.request_a in keep.help_requests.all()
    assert keep.consents.count() == 2 and keep.contacts.get().name == "Соседка Зоя"
    assert keep.birth_date == date(1941, 5, 5) and keep.phone2 == "+79105550000" and "Глуховата" in keep.notes
    page = client.get(reverse("people:detail", args=[drop.pk])).content.decode()
    assert "объединена с" in page
    assert drop.pk not in [b.pk for b in client.get(reverse("people:list")).context["page"]]


def test_the_person_page_gathers_requests_contacts_consents_and_history(region):
    SocialContact.objects.create(
        beneficiary=region.person_a, relation="relative", name="Сын Пётр", phone="+79107770000"
    )
    page = region.client("operator").get(reverse("people:detail", args=[region.person_a.pk])).content.decode()
    for text in (
        region.request_a.number,
        "Сын Пётр",
        "Обработка персональных данных",
        "История изменений",
        "Возможные дубли",
    ):
        assert text in page, text


def test_it_treats_a_missing_patronymic_as_similar_but_not_another_first_name():
    assert duplicates.similar_names("Иванова Анна Петровна", "иванова анна")
    assert not duplicates.similar_names("Иванова Анна Петровна", "Иванова Мария Петровна")


def test_it_stores_an_unknown_lives_alone_as_unknown_and_takes_coordinates_from_the_territory(region):
    """#9: «живёт один» not asked stays unknown (not «нет»); the operator is never asked for coordinates."""
    from django.urls import reverse

    from people.models import Beneficiary

    client = region.client("operator")
    form = client.get(reverse("people:create")).content.decode()
    assert 'name="lat"' not in form and "Неизвестно" in form
    client.post(
        reverse("people:create"),
        {"full_name": "Кузнецова Клавдия", "territory": region.a1.pk, "lives_alone": "unknown", "consent_given": "on"},
    )
    person = Beneficiary.objects.get(full_name="Кузнецова Клавдия")
    assert person.lives_alone is None
    assert (person.lat, person.lon) == (region.a1.lat, region.a1.lon)


def test_it_finds_a_person_for_intake_by_name_phone_or_birth_year_instead_of_listing_everyone(region):
    """#9: «Подопечный из базы» is a search, not a list of everyone."""
    from datetime import date

    from django.urls import reverse

    from people.models import Beneficiary

    Beneficiary.objects.filter(pk=region.person_a.pk).update(birth_date=date(1941, 5, 9))
    client = region.client("operator")
    empty = client.get(reverse("helprequests:create")).content.decode()
    assert region.person_a.full_name not in empty and '<select name="beneficiary"' not in empty
    for text in ("Иванова Анна", "910 111-22", "1941"):
        page = client.get(reverse("helprequests:create"), {"find": text}).content.decode()
        assert f"?beneficiary={region.person_a.pk}" in page, text
        assert region.person_b.full_name not in page
    chosen = client.get(reverse("helprequests:create"), {"beneficiary": region.person_a.pk}).content.decode()
    assert "Подопечный из базы: <strong>Иванова Анна Петровна</strong>" in chosen


def test_it_lets_the_operator_pick_a_likely_duplicate_with_one_button(region):
    from django.urls import reverse

    from catalog.models import ServiceCategory
    from helprequests.models import HelpRequest

    client = region.client("operator")
    groceries = ServiceCategory.objects.get(code="groceries")
    data = {
        "channel": "hotline",
        "needs": [groceries.pk],
        "urgency": "within_3_days",
        "description": "Нужны продукты",
        "p-full_name": "Иванова Анна Петровна",
        "p-territory": region.a1.pk,
        "p-phone": "+7 910 111-22-33",
        "p-consent_given": "on",
    }
    page = client.post(reverse("helprequests:create"), data).content.decode()
    assert "Это он(а) — выбрать" in page
    before = HelpRequest.objects.count()
    answer = client.post(reverse("helprequests:create"), {**data, "choose": region.person_a.pk})
    assert answer.status_code == 302
    assert HelpRequest.objects.count() == before + 1
    assert HelpRequest.objects.latest("id").beneficiary == region.person_a
