"""Reads logged completely (#11, art. 19 152-FZ): every page, list, export and API answer that shows a person is
one entry with the ids shown (never names), and «who saw this person» is answerable."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from audit import log as audit_log
from audit.models import AuditEntry, AuditEntryPerson
from catalog.models import ServiceCategory
from exports.testing import fetched
from helprequests.services import request_create
from people.models import Beneficiary


def _last(what=None, action="view"):
    entries = AuditEntry.objects.filter(action=action)
    if what:
        entries = entries.filter(details__what=what)
    return entries.latest("id")


def _persons(entry):
    return sorted(AuditEntryPerson.objects.filter(entry=entry).values_list("beneficiary_id", flat=True))


def _no_names(entry, *people):
    text = f"{entry.details} {entry.object_repr}"
    for person in people:
        assert person.full_name.split()[0] not in text


def test_it_logs_the_people_list_as_one_entry_with_the_ids_shown(region):
    region.client("operator").get(reverse("people:list"))
    entry = _last("Подопечные: список")
    ids = sorted([region.person_a.pk, region.person_a2.pk])
    assert entry.username == "operator" and entry.details["ids"] == ids and _persons(entry) == ids
    assert AuditEntry.objects.filter(action="view").count() == 1
    _no_names(entry, region.person_a, region.person_a2)


def test_it_logs_a_search_with_only_the_people_found(region):
    region.client("operator").get(reverse("people:list"), {"q": "Петровна"})
    assert _last("Подопечные: список").details["ids"] == [region.person_a.pk]


def test_it_writes_nothing_when_a_list_names_nobody(region):
    region.client("operator").get(reverse("people:list"), {"q": "Никого-такого"})
    assert not AuditEntry.objects.filter(action="view").exists()


def test_it_logs_request_queues_and_the_helpers_tasks(region):
    region.client("operator").get(reverse("helprequests:list"), {"queue": "all"})
    assert _last("Обращения: all").details["ids"] == [region.person_a.pk]
    region.client("org_staff").get(reverse("helprequests:mine"))  # request_a is sent to org_a
    assert _last("Мои задачи").details["ids"] == [region.person_a.pk]


def test_it_logs_phone_pages(region):
    region.client("coordinator").get(reverse("phone:dashboard"))
    assert region.person_a.pk in _last("«Алло, волонтёр!»: панель").details["ids"]
    region.client("coordinator").get(reverse("phone:sheet"))
    assert _last("Лист звонков на неделю").details["ids"] == [region.person_a.pk]
    region.client("volunteer").get(reverse("phone:mine"))
    assert _last("Мои подопечные (телефон)").details["ids"] == [region.person_a.pk]
    region.client("operator").get(reverse("phone:identified"))
    assert _last("Выявлены, нуждаются в телефонной помощи").details["ids"] == [region.person_a2.pk]


def test_it_logs_a_guardianship_page_with_the_family_members(region):
    region.person_a.household = region.household_a
    region.person_a.save()
    region.client("coordinator").get(reverse("guardianship:detail", args=[region.guardianship_a.pk]))
    entry = AuditEntry.objects.filter(action="view", object_type="guardianship.guardianship").latest("id")
    assert _persons(entry) == [region.person_a.pk]


@pytest.mark.parametrize(
    "url, what",
    [("people:export", "Подопечные"), ("helprequests:export", "Обращения")],
)
def test_it_logs_exports_with_the_ids_of_the_rows(region, url, what):
    fetched(region.client("coordinator"), reverse(url))
    entry = _last(what, action="export")
    assert region.person_a.pk in entry.details["ids"] and region.person_b.pk not in entry.details["ids"]
    assert _persons(entry) == entry.details["ids"]
    _no_names(entry, region.person_a)


def test_it_logs_api_lists_and_records(region):
    api = region.api("operator")
    assert api.get("/api/v1/requests").status_code == 200
    assert _last("Обращения (API)").details["ids"] == [region.person_a.pk]
    assert api.get(f"/api/v1/beneficiaries/{region.person_a.pk}").status_code == 200
    entry = AuditEntry.objects.filter(action="view", object_type="people.beneficiary").latest("id")
    assert _persons(entry) == [region.person_a.pk]
    assert api.get("/api/v1/phone/identifications").status_code == 200
    assert _last("Выявленные (API)").details["ids"] == [region.person_a2.pk]


def test_it_answers_who_saw_this_person(region):
    region.client("operator").get(reverse("people:list"))  # person_a among others
    region.client("operator").get(reverse("helprequests:detail", args=[region.request_a.pk]))  # a page about her
    region.client(region.coordinator_b).get(reverse("people:list"))  # another territory: not her
    readers = list(audit_log.readers_of(region.person_a.pk))
    assert [e.details.get("what", e.object_type) for e in readers] == [
        "helprequests.helprequest",
        "Подопечные: список",
    ]
    page = region.client("coordinator").get(reverse("people:detail", args=[region.person_a.pk]))
    text = page.content.decode()
    assert "Кто просматривал" in text and "Подопечные: список" in text and "Обращение №" in text
    full = region.client("coordinator").get(reverse("privacy:readers", args=[region.person_a.pk]))
    assert full.status_code == 200 and "Подопечные: список" in full.content.decode()
    operator_page = region.client("operator").get(reverse("people:detail", args=[region.person_a.pk]))
    assert "Кто просматривал" not in operator_page.content.decode()  # coordinators and administrators only


def _queries(client, url, **params):
    with CaptureQueriesContext(connection) as ctx:
        assert client.get(url, params).status_code == 200
    return len(ctx.captured_queries)


def test_it_costs_the_same_queries_for_a_long_list(region):
    """Logging adds one entry and one insert of ids, never a query per row."""
    client = region.client("operator")
    few = _queries(client, reverse("people:list"))
    needs = list(ServiceCategory.objects.filter(code="groceries"))
    requests_few = _queries(client, reverse("helprequests:list"), queue="all")
    for n in range(20):
        person = Beneficiary.objects.create(full_name=f"Проверкина Ольга {n}", territory=region.a1)
        request_create(beneficiary=person, channel="hotline", needs=needs)
    many = _queries(client, reverse("people:list"))
    assert many == few
    assert _queries(client, reverse("helprequests:list"), queue="all") == requests_few
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("people:list"))
    inserts = [q for q in ctx.captured_queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 2  # the entry and the ids (one statement)
    assert len(_last("Подопечные: список").details["ids"]) == 22


def test_it_logs_forms_that_name_people(region):
    region.client("coordinator").get(reverse("phone:enrol"))  # the «Подопечный» list names everyone in scope
    named = _last("Включить в службу: список").details["ids"]
    assert region.person_a.pk in named and region.person_b.pk not in named
    region.client("operator").get(reverse("people:consent_create", args=[region.person_a.pk]))
    entry = AuditEntry.objects.filter(action="view", object_type="people.beneficiary").latest("id")
    assert entry.path.endswith("/consents/new/") and _persons(entry) == [region.person_a.pk]
