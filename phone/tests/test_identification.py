"""«Выявлен(а), нуждается в телефонной помощи» (#17): the stage before enrolment, the seed's KPIs, scope."""

from datetime import date, datetime, time, timedelta
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Role
from exports.testing import fetched
from people.models import Beneficiary, Consent
from people.services import consent_give, consent_withdraw
from phone import kpi, queries, services
from phone.models import Call, Enrolment, Identification

SCHEDULE = {"weekdays": [2, 4], "window_start": time(10), "window_end": time(11)}


def _person(region, name, territory=None):
    return Beneficiary.objects.create(full_name=name, territory=territory or region.a1)


def _identify(region, person, **extra):
    data = {"identified_by": "Соцработник Петрова", "institution": "КЦСОН района А", **extra}
    return services.identification_create(beneficiary=person, actor=region.users["coordinator"], **data)


# --- the KPI math on plain rows ---


def test_it_counts_4_identified_3_turned_as_75_percent():
    day = date(2022, 8, 1)
    rows = [
        kpi.IdentificationFact(1, day, True, False),
        kpi.IdentificationFact(2, day, True, False),
        kpi.IdentificationFact(3, day, True, False),
        kpi.IdentificationFact(4, day, False, True),
    ]
    figures = kpi.identification_figures(rows)
    assert (figures["identified"], figures["turned"], figures["turned_pct"]) == (4, 3, 75.0)
    assert (figures["refused"], figures["waiting"]) == (1, 0)


def test_it_reproduces_the_yugra_card_3389_of_3400():
    day = date(2021, 5, 1)
    rows = [kpi.IdentificationFact(i, day, i < 3389, False) for i in range(3400)]
    assert kpi.identification_figures(rows)["turned_pct"] == 99.6  # 99.676…: cut to one decimal as the card


def test_it_counts_a_person_answering_twice_once_by_the_latest_answer():
    early, late = datetime(2022, 7, 1, 10), datetime(2022, 8, 1, 10)
    calls = [
        kpi.CallFact(1, 101, 10, early, True, 2),  # unhappy first…
        kpi.CallFact(1, 101, 10, late, True, 5),  # …happy later: counts once, as satisfied
        kpi.CallFact(2, 102, 10, late, True, 4),
        kpi.CallFact(3, 103, 10, late, True, 1),
        kpi.CallFact(3, 103, 10, early, True, 5),  # order of rows does not matter: the latest is 1
    ]
    figures = kpi.satisfaction_figures(calls)
    assert figures["satisfaction_people"] == 3 and figures["satisfaction_answers"] == 5
    assert figures["satisfaction_pct"] == 66.6  # 2 of 3 people (cut, never rounded up); by answers 3 of 5


def test_it_builds_the_quarterly_series_2020_q1_to_2022_q3():
    quarters = kpi.quarters_between(date(2020, 1, 15), date(2022, 8, 31))
    assert len(quarters) == 11
    assert kpi.quarter_label(*quarters[0]) == "1 кв. 2020" and kpi.quarter_label(*quarters[-1]) == "3 кв. 2022"
    assert kpi.quarter_bounds(2022, 3) == (date(2022, 7, 1), date(2022, 9, 30))
    ids = [
        kpi.IdentificationFact(1, date(2020, 2, 1), True, False),
        kpi.IdentificationFact(2, date(2020, 3, 1), False, True),
        kpi.IdentificationFact(3, date(2022, 9, 1), True, False),
    ]
    calls = [
        kpi.CallFact(1, 1, 10, datetime(2020, 2, 5, 10), True, 5),
        kpi.CallFact(1, 1, 10, datetime(2022, 9, 2, 10), True, 3),
    ]
    rows, total = kpi.quarterly(ids, calls, date(2020, 1, 1), date(2022, 9, 30))
    assert [r["identified"] for r in rows][:2] == [2, 0] and rows[-1]["identified"] == 1
    assert rows[0]["turned_pct"] == 50.0 and rows[0]["satisfaction_pct"] == 100.0
    assert rows[-1]["satisfaction_pct"] == 0.0  # the person's latest answer in that quarter is 3
    assert (total["identified"], total["turned"], total["calls"], total["satisfaction_people"]) == (3, 2, 2, 1)
    assert total["satisfaction_pct"] == 0.0  # over the whole span the latest answer counts


# --- the stage, from the database ---


def test_it_computes_the_kpi_from_identifications_in_the_period(region):
    Identification.objects.all().delete()
    coordinator = region.users["coordinator"]
    people = [_person(region, f"Выявленова {i}") for i in range(4)]
    found = [_identify(region, p, identified_on=timezone.localdate() - timedelta(days=5)) for p in people]
    for item in found[:3]:
        services.identification_enrol(
            identification=item, actor=coordinator, volunteer=None, consent_given=True, **SCHEDULE
        )
    services.identification_refuse(identification=found[3], actor=coordinator, reason="Хватает общения с дочерью")
    _identify(region, _person(region, "Давнова"), identified_on=timezone.localdate() - timedelta(days=200))  # outside
    enrolments, identifications = queries.kpi_scope(coordinator)
    today = timezone.localdate()
    figures = queries.kpi_for(enrolments, today - timedelta(days=30), today, identifications)
    assert (figures["identified"], figures["turned"], figures["turned_pct"], figures["refused"]) == (4, 3, 75.0, 1)
    api = (
        region.api("analyst")
        .get("/api/v1/phone/kpi", {"date_from": str(today - timedelta(days=30)), "date_to": str(today)})
        .json()
    )
    assert (api["identified_need"], api["turned"], api["turned_pct"]) == (4, 3, 75.0)
    assert api["identified"] == api["enrolled"]  # API.md: `identified` = people enrolled
    assert api["quarters"] and api["quarters"][-1]["label"].startswith("Всего")


def test_it_counts_satisfaction_by_people_from_the_database(region):
    enrolment = region.enrolment_a
    now = timezone.now()
    Call.objects.filter(enrolment=enrolment).delete()
    Call.objects.create(enrolment=enrolment, reached=True, satisfaction=2, called_at=now - timedelta(days=3))
    Call.objects.create(enrolment=enrolment, reached=True, satisfaction=5, called_at=now - timedelta(days=1))
    other = Enrolment.objects.create(
        beneficiary=region.person_a2, weekdays=[1], window_start=time(10), window_end=time(11)
    )
    Call.objects.create(enrolment=other, reached=True, satisfaction=3, called_at=now - timedelta(days=2))
    today = timezone.localdate()
    enrolments, identifications = queries.kpi_scope(region.users["coordinator"])
    figures = queries.kpi_for(enrolments, today - timedelta(days=30), today, identifications)
    assert figures["satisfaction_people"] == 2 and figures["satisfaction_answers"] == 3
    assert figures["satisfaction_pct"] == 50.0


def test_it_turns_the_open_identification_into_the_enrolment_through_any_door(region):
    coordinator = region.users["coordinator"]
    item = region.identification_a
    enrolment = services.enrol(
        beneficiary=region.person_a2, volunteer=region.volunteer_a, actor=coordinator, consent_given=True, **SCHEDULE
    )
    item.refresh_from_db()
    assert item.status == Identification.Status.ENROLLED and item.enrolment == enrolment and item.decided_at
    # Without an identification the enrolment records one (the worklist's «enrol» too): every participant counts.
    person = _person(region, "Прямова Прасковья")
    enrolment = services.enrol(
        beneficiary=person, volunteer=None, actor=coordinator, consent_given=True, source="worklist", **SCHEDULE
    )
    recorded = Identification.objects.get(beneficiary=person)
    assert recorded.enrolment == enrolment and recorded.source == "worklist"
    assert recorded.institution == f"Ресурсный центр: {region.a.name}"


def test_it_enrols_from_the_worklist_through_the_same_service(region):
    from ties import services as ties_services

    volunteer = region.volunteer_a
    ties_services.step_enrol(
        beneficiary=region.person_a2, volunteer=volunteer, actor=region.users["coordinator"], consent_given=True
    )
    region.identification_a.refresh_from_db()
    assert region.identification_a.status == Identification.Status.ENROLLED


def test_it_refuses_an_identification_or_a_refusal_without_a_reason(region):
    person = _person(region, "Отказова Ольга")
    with pytest.raises(ValidationError) as exc:
        _identify(region, person, refused=True, refusal_reason="  ")
    assert exc.value.message_dict["refusal_reason"] == ["Укажите причину отказа."]
    with pytest.raises(ValidationError) as exc:
        services.identification_refuse(identification=region.identification_a, actor=None, reason="")
    assert "refusal_reason" in exc.value.message_dict
    region.identification_a.refresh_from_db()
    assert region.identification_a.status == Identification.Status.IDENTIFIED
    assert not Identification.objects.filter(beneficiary=person).exists()


def test_it_shows_the_refusal_reason_error_by_the_field_and_saves_nothing(region):
    person = _person(region, "Отказова Ольга")
    client = region.client("coordinator")
    url = reverse("phone:identify") + f"?beneficiary={person.pk}"
    response = client.post(
        url,
        {
            "beneficiary": person.pk,
            "identified_on": str(timezone.localdate()),
            "identified_by": "Петрова",
            "institution": "КЦСОН",
            "refused": "on",
            "refusal_reason": "",
        },
    )
    assert response.status_code == 422
    assert "Причина отказа: Укажите причину отказа." in response.content.decode()
    assert not Identification.objects.filter(beneficiary=person).exists()
    response = client.post(reverse("phone:identification_refuse", args=[region.identification_a.pk]), {"reason": ""})
    assert response.status_code == 422 and "Причина отказа: Укажите причину отказа." in response.content.decode()
    region.identification_a.refresh_from_db()
    assert (
        region.identification_a.status == Identification.Status.IDENTIFIED
        and not region.identification_a.refusal_reason
    )


def test_it_records_and_enrols_in_one_step_from_the_pages(region):
    person = _person(region, "Звонкова Зинаида")
    client = region.client("coordinator")
    page = client.get(reverse("people:detail", args=[person.pk])).content.decode()
    assert "Нуждается в телефонной помощи" in page
    response = client.post(
        reverse("phone:identify") + f"?beneficiary={person.pk}",
        {
            "beneficiary": person.pk,
            "identified_on": str(timezone.localdate()),
            "identified_by": "Петрова",
            "institution": "КЦСОН",
        },
    )
    item = Identification.objects.get(beneficiary=person)
    assert response.status_code == 302 and item.status == Identification.Status.IDENTIFIED
    assert person.full_name in client.get(reverse("phone:dashboard")).content.decode()
    response = client.post(
        reverse("phone:identification_enrol", args=[item.pk]),
        {
            "weekdays": ["2", "4"],
            "every_weeks": "1",
            "window_start": "10:00",
            "window_end": "11:00",
            "consent_given": "on",
        },
    )
    item.refresh_from_db()
    assert response.status_code == 302 and item.status == Identification.Status.ENROLLED
    assert response["Location"] == reverse("phone:enrolment", args=[item.enrolment_id])
    assert f"<strong>{person.full_name}</strong>" not in client.get(reverse("phone:identified")).content.decode()


def test_it_keeps_identifications_of_another_territory_out_of_an_operators_reach(region):
    operator_b = region._user("operator_b", Role.OPERATOR, region.b)
    item = region.identification_a  # territory A
    client = region.client(operator_b)
    assert client.get(reverse("phone:identification", args=[item.pk])).status_code == 404
    assert region.person_a2.full_name not in client.get(reverse("phone:identified")).content.decode()
    assert client.get(reverse("phone:identify") + f"?beneficiary={region.person_a.pk}").status_code == 404
    assert client.post(reverse("phone:identification_refuse", args=[item.pk]), {"reason": "x"}).status_code == 404
    other = _person(region, "Чужова Чеслава")
    response = client.post(
        reverse("phone:identify"),
        {"beneficiary": other.pk, "identified_on": str(timezone.localdate()), "identified_by": "Б", "institution": "Б"},
    )
    assert response.status_code == 422 and not Identification.objects.filter(beneficiary=other).exists()
    api = region.api(operator_b)
    assert api.get(f"/api/v1/phone/identifications/{item.pk}").status_code == 404
    assert api.get("/api/v1/phone/identifications").json()["count"] == 0
    response = api.post(
        "/api/v1/phone/identifications",
        {"beneficiary_id": other.pk, "identified_by": "Б", "institution": "Б"},
        content_type="application/json",
    )
    assert response.status_code == 422 and "beneficiary_id" in response.json()["errors"]
    assert not Identification.objects.filter(beneficiary=other).exists()
    # …while the operator of territory A sees and creates them.
    api_a = region.api("operator")
    assert api_a.get("/api/v1/phone/identifications").json()["count"] == 1
    response = api_a.post(
        "/api/v1/phone/identifications", {"beneficiary_id": other.pk}, content_type="application/json"
    )
    assert response.status_code == 201 and response.json()["status"] == "identified"
    assert response.json()["identified_by"] and response.json()["institution"]


def test_it_erases_identification_notes_when_consent_is_withdrawn(region):
    person = _person(region, "Согласова Софья")
    consent = consent_give(beneficiary=person, purpose=Consent.Purpose.PERSONAL_DATA, actor=None)
    item = _identify(region, person, note="Плохо слышит, звонить громко", refused=True, refusal_reason="Сын против")
    consent_withdraw(consent=consent, actor=region.users["coordinator"])
    item.refresh_from_db()
    assert item.note == "" and item.refusal_reason == "Обезличено"
    assert item.status == Identification.Status.REFUSED  # the stage stays for the counts


def test_it_shows_the_quarterly_series_on_the_kpi_page_and_in_xlsx(region):
    Identification.objects.all().delete()
    today = timezone.localdate()
    for i, days in enumerate((10, 100, 200)):
        _identify(region, _person(region, f"Кварталова {i}"), identified_on=today - timedelta(days=days))
    client = region.client("coordinator")
    page = client.get(reverse("phone:kpi")).content.decode()
    label = kpi.quarter_label(*kpi.quarter_of(today))
    assert "По кварталам с начала работы службы" in page and label in page and "Всего:" in page
    response = fetched(client, reverse("phone:kpi"), {"format": "xlsx"})  # built by the worker (#12)
    sheet = load_workbook(BytesIO(response.content)).active
    values = [[c.value for c in row] for row in sheet.iter_rows()]
    assert values[[v[0] for v in values].index("Квартал")][:2] == ["Квартал", "Выявлено"]
    assert any(v[0] == label for v in values) and any(str(v[0]).startswith("Всего:") for v in values)
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)
