import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from pypdf import PdfReader

from catalog.models import ServiceCategory
from centres import selectors, services
from centres.models import CareEntry, Event, EventSchedule, Participant, Specialist, SpecialistHours, Visit
from exports.testing import fetched
from helprequests.models import Status
from people.models import Beneficiary


def leaf(code):
    return ServiceCategory.objects.get(code=code)


def test_it_turns_a_visit_into_a_help_request_keeping_person_and_service(region):
    staff = region.users["org_staff"]
    visit = services.visit_record(
        centre=region.centre_a,
        service=leaf("groceries"),
        beneficiary=region.person_a,
        notes="Просит привозить продукты каждую неделю",
        actor=staff,
    )
    request = services.visit_to_request(visit=visit, actor=staff)
    assert request.beneficiary == region.person_a
    assert list(request.needs.all()) == [leaf("groceries")]
    assert request.channel == "walk_in" and request.status == Status.NEW
    assert request.description == "Просит привозить продукты каждую неделю"
    visit.refresh_from_db()
    assert visit.help_request == request
    with pytest.raises(ValidationError, match="Уже есть обращение"):
        services.visit_to_request(visit=visit, actor=staff)


def test_an_anonymous_visitor_is_added_to_the_base_with_consent_before_the_request(region):
    staff = region.users["org_staff"]
    visit = services.visit_record(centre=region.centre_a, service=leaf("groceries"), age_group="75_plus", actor=staff)
    before = Beneficiary.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.visit_to_request(visit=visit, actor=staff, phone="12")
    assert set(exc.value.message_dict) == {"full_name", "consent", "phone"}
    assert Beneficiary.objects.count() == before
    request = services.visit_to_request(
        visit=visit, actor=staff, full_name="Сидорова Зоя", phone="8 910 000-11-22", consent=True
    )
    person = request.beneficiary
    assert (person.full_name, person.phone, person.territory) == ("Сидорова Зоя", "+79100001122", region.a1)
    assert person.consents.filter(purpose="personal_data").exists()
    assert list(request.needs.all()) == [leaf("groceries")]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"is_paid": True, "amount": Decimal("-10")}, "amount", "Сумма не может быть отрицательной."),
        ({"visited_on": date.today() + timedelta(days=3)}, "visited_on", "Дата посещения не может быть в будущем."),
        ({"service": None}, "service", "Выберите услугу — что сделали для человека."),
        ({"service": "firewood"}, "service", "Центр не оказывает услугу «Дрова»: добавьте её в карточку центра."),
        ({"beneficiary": None}, "age_group", "Для анонимного посещения укажите возрастную группу."),
        ({"is_paid": True, "amount": Decimal(0)}, "amount", "Для платной услуги укажите сумму."),
    ],
)
def test_it_refuses_bad_visits_in_russian_and_saves_nothing(region, changes, field, message):
    data = {
        "centre": region.centre_a,
        "service": leaf("document_printing"),
        "beneficiary": region.person_a,
        "actor": region.users["org_staff"],
    }
    data.update(changes)
    if data["service"] == "firewood":
        data["service"] = leaf("firewood")
    before = Visit.objects.count()
    with pytest.raises(ValidationError) as exc:
        services.visit_record(**data)
    assert exc.value.message_dict[field] == [message]
    assert Visit.objects.count() == before


def test_the_desk_form_shows_errors_by_the_field_and_saves_nothing(region):
    client = region.client("org_staff")
    before = Visit.objects.count()
    future = (timezone.localdate() + timedelta(days=1)).isoformat()
    response = client.post(
        f"/centres/{region.centre_a.pk}/desk/",
        {"visited_on": future, "is_paid": "on", "amount": "-5", "person": ""},
    )
    assert response.status_code == 422
    text = response.content.decode()
    assert "Услуга: Выберите услугу — что сделали для человека." in text
    assert Visit.objects.count() == before
    response = client.post(
        f"/centres/{region.centre_a.pk}/desk/",
        {"visited_on": future, "service": leaf("document_printing").pk, "is_paid": "on", "amount": "-5"},
    )
    text = response.content.decode()
    assert "Дата посещения не может быть в будущем." in text and "Сумма не может быть отрицательной." in text
    assert Visit.objects.count() == before


def test_the_desk_records_a_paid_anonymous_service_in_a_few_fields(region):
    response = region.client("org_staff").post(
        f"/centres/{region.centre_a.pk}/desk/",
        {
            "service": leaf("document_printing").pk,
            "age_group": "65_74",
            "is_paid": "on",
            "amount": "30",
            "source": "sign",
            "visited_on": timezone.localdate().isoformat(),
        },
    )
    assert response.status_code == 302
    visit = Visit.objects.latest("pk")
    assert (visit.beneficiary, visit.age_group, visit.amount, visit.source) == (None, "65_74", 30, "sign")
    assert visit.served_by == region.users["org_staff"]


def test_attendance_over_capacity_needs_a_confirmation(region):
    event = region.event_a
    event.capacity = 2
    event.save()
    people = [region.person_a, region.person_a2]
    services.event_register(event=event, beneficiaries=people, actor=region.users["org_staff"])
    ids = list(event.participants.values_list("id", flat=True))
    with pytest.raises(ValidationError) as exc:
        services.attendance_mark(event=event, attended_ids=ids, extra=1, actor=region.users["org_staff"])
    assert "Мест 2, а отмечено 3" in exc.value.message_dict["confirm_over_capacity"][0]
    assert not Participant.objects.filter(event=event, attended=True).exists()
    services.attendance_mark(
        event=event, attended_ids=ids, extra=1, confirm_over_capacity=True, actor=region.users["org_staff"]
    )
    event.refresh_from_db()
    assert event.attended_extra == 1 and event.participants.filter(attended=True).count() == 2


def test_registration_over_capacity_needs_a_confirmation(region):
    event = region.event_a
    event.capacity = 1
    event.save()
    with pytest.raises(ValidationError):
        services.event_register(event=event, extra=2, actor=region.users["org_staff"])
    event.refresh_from_db()
    assert event.registered_extra == 0
    services.event_register(event=event, extra=2, confirm_over_capacity=True, actor=region.users["org_staff"])
    event.refresh_from_db()
    assert event.registered_extra == 2


def test_the_attendance_page_asks_to_confirm_over_capacity(region):
    event = region.event_a
    event.capacity = 1
    event.save()
    client = region.client("org_staff")
    response = client.post(f"/centres/events/{event.pk}/attendance/", {"extra": "3"})
    assert response.status_code == 422
    assert "Да, больше мест — подтверждаю" in response.content.decode()
    response = client.post(f"/centres/events/{event.pk}/attendance/", {"extra": "3", "confirm_over_capacity": "on"})
    assert response.status_code == 302
    event.refresh_from_db()
    assert event.attended_extra == 3


def test_a_schedule_generates_events_once(region):
    today = timezone.localdate()
    schedule = services.schedule_create(
        centre=region.centre_a,
        actor=region.users["org_staff"],
        kind="club",
        title="Клуб общения",
        weekday=3,
        starts_at=timezone.datetime(2026, 1, 1, 14).time(),
        starts_on=today,
        weeks=4,
    )
    events = Event.objects.filter(schedule=schedule)
    assert 4 <= events.count() <= 5
    assert all(timezone.localtime(e.starts_at).isoweekday() == 3 for e in events)
    assert services.events_generate(schedule=schedule, weeks=4) == 0
    assert EventSchedule.objects.count() == 1


def test_the_care_list_shows_overdue_visits(region):
    entry = CareEntry.objects.get(pk=region.care_a.pk)
    entry.started_on = timezone.localdate() - timedelta(days=20)
    entry.every_days = 7
    entry.save()
    assert [e.pk for e in selectors.overdue_care(region.users["org_staff"])] == [entry.pk]
    services.care_visit_log(entry=entry, actor=region.users["org_staff"])
    assert selectors.overdue_care(region.users["org_staff"]) == []
    with pytest.raises(ValidationError):
        services.care_visit_log(
            entry=entry, actor=region.users["org_staff"], visited_on=timezone.localdate() + timedelta(days=1)
        )


def test_org_staff_see_only_their_organizations_centres(region):
    client = region.client("org_staff")
    assert client.get(f"/centres/{region.centre_b.pk}/").status_code == 404
    assert client.get(f"/centres/{region.centre_b.pk}/desk/").status_code == 404
    assert region.centre_b.name not in client.get("/centres/").content.decode()
    assert region.client(region.coordinator_b).get(f"/centres/{region.centre_a.pk}/").status_code == 404
    assert region.api("org_staff").get(f"/api/v1/centres/{region.centre_b.pk}/report").status_code == 404


def test_the_report_counts_the_database_rows_like_the_pure_function(region):
    staff = region.users["org_staff"]
    today = timezone.localdate()
    services.visit_record(centre=region.centre_a, service=leaf("groceries"), beneficiary=region.person_a, actor=staff)
    services.visit_record(
        centre=region.centre_a,
        service=leaf("document_printing"),
        age_group="75_plus",
        is_paid=True,
        amount=Decimal(20),
        source="sign",
        volunteer=region.volunteer_a,
        actor=staff,
    )
    event = region.event_a
    Event.objects.filter(pk=event.pk).update(starts_at=timezone.now() - timedelta(hours=1))
    specialist = Specialist.objects.create(centre=region.centre_a, full_name="Юристов Ю", profession="lawyer")
    event.specialists.add(specialist)
    services.event_register(event=event, beneficiaries=[region.person_a2], actor=staff)
    services.attendance_mark(
        event=event, attended_ids=event.participants.values_list("id", flat=True), extra=2, actor=staff
    )
    SpecialistHours.objects.create(specialist=specialist, hours=3, worked_on=today)
    body = region.api("org_staff").get(f"/api/v1/centres/{region.centre_a.pk}/report").json()
    # visit_a (fixture) + 2 visits; people: person_a (visits, care, request_a of org_a), person_a2 (event)
    assert body["visits"] == 3 and body["paid_visits"] == 1 and body["income_paid_services"] == 20.0
    assert body["beneficiaries"] == 2 and body["anonymous"] == 3
    assert body["events_held"] == 1 and body["learning_participants"] == 3
    assert body["specialists"] == 1 and body["specialist_hours"] == 3.0
    assert body["volunteers"] == 1 and body["volunteers_permanent"] == 1
    assert body["long_term_care"] == 1
    analyst = region.api("analyst").get(f"/api/v1/centres/{region.centre_a.pk}/report").json()
    assert analyst["beneficiaries"] == 2 and "Иванова" not in str(analyst)


def test_the_report_page_prints_and_exports(region):
    client = region.client("org_staff")
    page = client.get(f"/centres/{region.centre_a.pk}/report/")
    assert "Благополучателей (разные люди из базы)" in page.content.decode()
    xlsx = fetched(client, f"/centres/{region.centre_a.pk}/report.xlsx")  # built by the worker (#12)
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = fetched(client, f"/centres/{region.centre_a.pk}/report.pdf")  # built by the worker too (#12)
    assert pdf["Content-Type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.content)).pages)
    assert region.centre_a.name in text and "Благополучателей" in text


def test_unknown_people_in_the_base_are_not_offered_across_territories(region):
    assert Beneficiary.objects.filter(pk=region.person_b.pk).exists()
    page = region.client("org_staff").get(f"/centres/{region.centre_a.pk}/desk/").content.decode()
    assert region.person_a.full_name in page and region.person_b.full_name not in page


def test_a_paid_visit_without_an_amount_takes_the_centres_price(region):
    visit = services.visit_record(
        centre=region.centre_a,
        service=leaf("document_printing"),
        age_group="55_64",
        is_paid=True,
        actor=region.users["org_staff"],
    )
    assert visit.amount == Decimal(10)


def test_cancelling_an_event_takes_it_off_the_public_afisha(region, client):
    services.event_cancel(event=region.event_a, actor=region.users["org_staff"])
    assert "Мастер-класс по вязанию" not in client.get("/events/", {"locality": "Посёлок А1"}).content.decode()
    with pytest.raises(ValidationError):
        services.event_cancel(event=region.event_a, actor=region.users["org_staff"])


def test_ending_care_removes_the_person_from_the_overdue_list(region):
    entry = CareEntry.objects.get(pk=region.care_a.pk)
    CareEntry.objects.filter(pk=entry.pk).update(started_on=timezone.localdate() - timedelta(days=30))
    assert selectors.overdue_care(region.users["org_staff"])
    response = region.client("org_staff").post(f"/centres/care/{entry.pk}/end/")
    assert response.status_code == 302
    assert selectors.overdue_care(region.users["org_staff"]) == []


def test_analysts_reach_only_the_figures_from_the_list(region):
    page = region.client("analyst").get("/centres/").content.decode()
    assert f"/centres/{region.centre_a.pk}/report/" in page
    assert f'href="/centres/{region.centre_a.pk}/"' not in page


def test_it_scrolls_the_monthly_finance_table_of_the_report_inside_its_own_box(region):
    # a bare five-column table made the whole report page 544 px wide on a 360 px phone
    page = region.client("org_staff").get(f"/centres/{region.centre_a.pk}/report/").content.decode()
    assert '<div class="table-wrap"><table class="report-table"><thead><tr><th>Месяц</th>' in page
