from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from exports.testing import attachment_name, fetched
from people.models import Beneficiary
from phone.models import Call, Enrolment
from ties import selectors, services
from ties.models import Level, Risk


def _isolated(region, name, territory=None):
    person = Beneficiary.objects.create(
        full_name=name,
        territory=territory or region.a1,
        lives_alone=True,
        mobility="homebound",
        birth_date=date(1938, 5, 1),
    )
    services.risk_recompute([person.pk])
    return person


def test_it_lists_high_risk_people_in_scope_only_and_excludes_a_current_contact(region):
    alone = _isolated(region, "Одинокова Ольга Павловна")
    far = _isolated(region, "Дальнова Дарья Петровна", region.b1)
    called = _isolated(region, "Звонкова Зоя Ивановна")
    enrolment = Enrolment.objects.create(
        beneficiary=called, volunteer=region.volunteer_a, weekdays=[1], window_start="10:00", window_end="11:00"
    )
    Call.objects.create(enrolment=enrolment, volunteer=region.volunteer_a, reached=True)
    services.risk_recompute([called.pk])
    coordinator = region.users["coordinator"]
    listed = [r.pk for r in selectors.worklist(coordinator)]
    assert alone.pk in listed
    assert far.pk not in listed  # territory B
    assert called.pk not in listed  # current contact: enrolled and reached today
    in_b = [r.pk for r in selectors.worklist(region.coordinator_b)]
    assert far.pk in in_b and alone.pk not in in_b
    risk = Risk.objects.get(pk=alone.pk)
    assert risk.level == Level.HIGH and "живёт одна" in risk.sentences and "не выходит из дома" in risk.sentences


def test_it_sorts_by_risk_then_by_waiting_time(region):
    older = _isolated(region, "Давнова Дина Петровна")
    newer = _isolated(region, "Недавнова Нина Петровна")
    Risk.objects.filter(pk=older.pk).update(last_contact_at=timezone.now() - timedelta(days=40))
    Risk.objects.filter(pk=newer.pk).update(last_contact_at=timezone.now() - timedelta(days=10))
    never = _isolated(region, "Никогдова Нина Петровна")
    order = [r.pk for r in selectors.worklist(region.users["coordinator"]) if r.pk in (older.pk, newer.pk, never.pk)]
    assert order == [never.pk, older.pk, newer.pk]


def test_it_suggests_nearby_resources_from_the_users_scope_only(region):
    from centres.models import Event

    person = _isolated(region, "Соседова Софья Петровна")
    Event.objects.create(
        centre=region.centre_b,
        kind="master_class",
        title="Чужое мероприятие",
        starts_at=timezone.now() + timedelta(days=1),
    )
    rows = list(selectors.worklist(region.users["coordinator"]).filter(pk=person.pk))
    found = selectors.suggestions(region.users["coordinator"], rows)[person.pk]
    kinds = {s.kind: s for s in found}
    assert kinds["enrol"].target_id == region.volunteer_a.pk  # a free silver volunteer nearby
    assert kinds["event"].target_id == region.event_a.pk and "Чужое" not in kinds["event"].text
    assert kinds["neighbour"].target_id == region.volunteer_a.pk
    # An operator may not enrol (phone.manage): no enrolment suggestion, the rest stays.
    operator = selectors.suggestions(region.users["operator"], rows)[person.pk]
    assert "enrol" not in {s.kind for s in operator}


def test_it_does_not_grow_queries_with_rows(region, django_assert_max_num_queries):
    client = region.client("coordinator")
    for i in range(3):
        _isolated(region, f"Первая{i} Анна Петровна")
    with django_assert_max_num_queries(40) as few:
        assert client.get(reverse("ties:worklist")).status_code == 200
    for i in range(12):
        _isolated(region, f"Вторая{i} Анна Петровна")
    with django_assert_max_num_queries(len(few.captured_queries)):
        page = client.get(reverse("ties:worklist"))
    assert page.status_code == 200 and "Вторая11" in page.text


def test_it_enrols_from_a_suggestion_and_the_person_drops_off(region):
    person = _isolated(region, "Включаемова Вера Петровна")
    client = region.client("coordinator")
    answer = client.post(
        reverse("ties:step_enrol", args=[person.pk]), {"volunteer": region.volunteer_a.pk, "consent": "1"}
    )
    assert answer.status_code == 302
    assert Enrolment.objects.active().filter(beneficiary=person, volunteer=region.volunteer_a).exists()
    services.risk_recompute([person.pk])  # the signal does it after commit (see test_autoupdate)
    assert person.pk not in [r.pk for r in selectors.worklist(region.users["coordinator"])]
    from audit.models import AuditEntry

    steps = AuditEntry.objects.filter(object_type="people.beneficiary", object_id=str(person.pk))
    assert any("Алло" in e.details.get("isolation_step", "") for e in steps)


def test_it_exports_the_worklist_and_shows_analysts_counts_only(region):
    _isolated(region, "Выгрузкова Вера Петровна")
    xlsx = fetched(region.client("coordinator"), reverse("ties:export"))
    assert xlsx.status_code == 200 and xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert xlsx.content[:2] == b"PK"
    counts = region.client("analyst").get(reverse("ties:counts"))
    assert counts.status_code == 200 and "Выгрузкова" not in counts.text and "Посёлок А1" in counts.text


def test_it_answers_the_api_in_scope_and_gives_analysts_counts_only(region):
    person = _isolated(region, "Апиева Анна Петровна")
    coordinator = region.api("coordinator")
    risk = coordinator.get(f"/api/v1/beneficiaries/{person.pk}/isolation-risk").json()
    assert risk["level"] == "high" and "живёт одна" in risk["factors"]
    assert region.api(region.coordinator_b).get(f"/api/v1/beneficiaries/{person.pk}/isolation-risk").status_code == 404
    listed = coordinator.get("/api/v1/isolation-risk/worklist").json()
    assert person.pk in [r["beneficiary_id"] for r in listed["results"]]
    assert coordinator.get("/api/v1/isolation-risk/worklist?level=bad").status_code == 422
    counts = region.api("analyst").get("/api/v1/isolation-risk/counts").json()
    assert any(row["territory"] == "Посёлок А1" and row["high"] >= 1 for row in counts)
    assert "Апиева" not in str(counts)
    assert region.api("analyst").get("/api/v1/isolation-risk/worklist").status_code == 403


def test_it_prints_a_large_print_leaflet(region):
    page = region.client("coordinator").get(reverse("ties:leaflet", args=[region.person_a.pk]) + "?format=html")
    assert page.status_code == 200 and "8 800 200-01-22" in page.text and "Центр А1" in page.text
    pdf = fetched(region.client("coordinator"), reverse("ties:leaflet", args=[region.person_a.pk]))  # worker (#12)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert attachment_name(pdf).endswith(f"{region.person_a.pk}.pdf")
