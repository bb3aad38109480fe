from datetime import timedelta

from django.utils import timezone

from catalog.models import ServiceCategory
from directory.models import OrganizationService
from helprequests.models import HelpRequest


def _post(api, path, body=None):
    return api.post(path, body or {}, content_type="application/json")


def test_it_registers_a_person_normalizing_the_phone_and_flagging_duplicates(region):
    api = region.api("operator")
    body = {
        "full_name": "Иванова  Анна Петровна",
        "birth_date": "1941-03-12",
        "phone": "8 (910) 111-22-33",
        "territory_id": region.a1.pk,
        "consent": {"purpose": "personal_data", "given_at": "2026-11-01T10:00:00+03:00"},
    }
    response = _post(api, "/api/v1/beneficiaries", body)
    assert response.status_code == 201
    data = response.json()
    assert data["possible_duplicates"] == sorted([region.person_a.pk, region.person_a2.pk])  # phone; no patronymic
    person = api.get(f"/api/v1/beneficiaries/{data['id']}").json()
    assert person["phone"] == "+79101112233" and person["full_name"] == "Иванова Анна Петровна"
    assert person["consents"][0]["purpose"] == "personal_data"


def test_it_refuses_a_person_without_consent_naming_the_fields(region):
    body = {"full_name": "Аб", "birth_date": "1800-01-01", "phone": "123", "territory_id": region.b1.pk}
    response = _post(region.api("operator"), "/api/v1/beneficiaries", body)
    assert response.status_code == 422
    assert {"full_name", "consent"} <= set(response.json()["errors"])


def test_it_runs_a_request_through_the_api(region):
    OrganizationService.objects.create(
        organization=region.org_a, category=ServiceCategory.objects.get(code="groceries")
    )
    hotline, helper = region.api("operator"), region.api("org_staff")
    taken = (timezone.now() - timedelta(hours=2)).isoformat()
    created = _post(
        hotline,
        "/api/v1/requests",
        {
            "beneficiary_id": region.person_a.pk,
            "channel": "hotline",
            "need_codes": ["groceries"],
            "urgency": "urgent",
            "description": "Нет продуктов",
            "received_at": taken,
        },
    )
    assert created.status_code == 201 and created.json()["status"] == "new"
    rid = created.json()["id"]
    suggestions = hotline.get(f"/api/v1/requests/{rid}/suggestions").json()
    assert suggestions[0]["provider_type"] == "organization" and suggestions[0]["provider_id"] == region.org_a.pk
    assert suggestions[0]["capacity"] == 10 and suggestions[0]["reasons"]
    assigned = _post(
        hotline, f"/api/v1/requests/{rid}/assign", {"provider_type": "organization", "provider_id": region.org_a.pk}
    )
    assert assigned.json()["assigned_to"] == {"provider_type": "organization", "provider_id": region.org_a.pk}
    assert _post(helper, f"/api/v1/requests/{rid}/accept").json()["status"] == "accepted"
    assert _post(helper, f"/api/v1/requests/{rid}/connect").json()["status"] == "connected"
    closed = _post(helper, f"/api/v1/requests/{rid}/close", {"reason_code": "satisfied", "text": "Привезли продукты"})
    data = closed.json()
    assert data["status"] == "closed" and data["overdue"] is False
    assert [h["status"] for h in data["history"]] == ["new", "assigned", "accepted", "connected", "closed"]
    assert data["history"][1]["by"] == "operator"
    assert data["connect_due_at"].startswith(
        (timezone.now() - timedelta(hours=2) + timedelta(hours=72)).strftime("%Y-%m-%d")
    )


def test_it_names_the_refused_helper_by_the_apis_own_field(region):
    """The services say helper_id; the API's contract (and its clients) know the field as provider_id."""
    rid = region.request_a.pk
    body = {"provider_type": "organization", "provider_id": region.org_b.pk}  # org_b is not verified
    refused = _post(region.api("operator"), f"/api/v1/requests/{rid}/assign", body)
    assert refused.status_code == 422
    assert set(refused.json()["errors"]) == {"provider_id"} and "provider_id" in refused.json()["detail"]
    wrong_kind = _post(region.api("operator"), f"/api/v1/requests/{rid}/assign", {**body, "provider_type": "guardian"})
    assert wrong_kind.status_code == 422 and "provider_type" in wrong_kind.json()["errors"]


def test_it_filters_requests_by_status_and_overdue(region):
    from helprequests.models import HelpRequest

    HelpRequest.objects.filter(pk=region.request_a.pk).update(connect_due_at=timezone.now() - timedelta(hours=1))
    api = region.api("coordinator")
    assert [r["id"] for r in api.get("/api/v1/requests", {"overdue": "true"}).json()] == [region.request_a.pk]
    assert api.get("/api/v1/requests", {"overdue": "false"}).json() == []
    assert api.get("/api/v1/requests", {"status": "closed"}).json() == []
    assert api.get("/api/v1/requests", {"status": "nonsense"}).status_code == 422


def test_it_answers_bad_transitions_and_reasons_in_russian(region):
    api = region.api("operator")
    rid = region.request_a.pk
    response = _post(api, f"/api/v1/requests/{rid}/decline", {"reason": ""})
    assert response.status_code == 422 and "reason" in response.json()["errors"]
    response = _post(api, f"/api/v1/requests/{rid}/close", {"reason_code": "other"})
    assert response.status_code == 422 and "«Другое»" in response.json()["errors"]["text"][0]
    _post(api, f"/api/v1/requests/{rid}/close", {"reason_code": "refused"})
    response = _post(api, f"/api/v1/requests/{rid}/connect")
    assert response.status_code == 422 and "Из статуса «Закрыта»" in response.json()["errors"]["status"][0]


def test_it_hides_requests_of_another_municipality(region):
    from helprequests.services import request_create

    other = request_create(beneficiary=region.person_b, channel="hotline", needs=[], actor=None)
    assert region.api("coordinator").get(f"/api/v1/requests/{other.pk}").status_code == 404
    response = _post(
        region.api("operator"),
        "/api/v1/requests",
        {
            "beneficiary_id": region.person_b.pk,
            "channel": "hotline",
            "need_codes": ["groceries"],
        },
    )
    assert response.status_code == 422 and "beneficiary_id" in response.json()["errors"]


def test_it_keeps_the_helpers_note_on_accept_and_connect_and_refuses_a_too_long_one(region):
    """#9: accept and connect take an optional `{note}` (how, when, what was agreed), as the UI does."""
    helper = region.api("org_staff")
    rid = region.request_a.pk
    too_long = _post(helper, f"/api/v1/requests/{rid}/accept", {"note": "я" * 10000})
    assert too_long.status_code == 422 and "note" in too_long.content.decode()
    assert HelpRequest.objects.get(pk=rid).status == "assigned"
    accepted = _post(helper, f"/api/v1/requests/{rid}/accept", {"note": "Позвоним завтра утром"})
    assert accepted.json()["history"][-1]["note"].endswith("Позвоним завтра утром")
    connected = helper.post(
        f"/api/v1/requests/{rid}/connect", {"note": "Договорились на среду"}, content_type="application/json"
    )
    assert connected.json()["status"] == "connected"
    assert connected.json()["history"][-1]["note"].endswith("Договорились на среду")
    # The body stays optional: a bare POST still works.
    region.reset_request_a("assigned")
    bare = helper.post(f"/api/v1/requests/{rid}/accept")
    assert bare.status_code == 200, bare.content.decode()
    assert bare.json()["status"] == "accepted"
