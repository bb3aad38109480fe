"""#10 escalation: organization staff cannot widen their own served area and so reach another district's
requests; their change is a proposal a coordinator confirms (audited)."""

import json

from django.urls import reverse

from audit.models import AuditEntry
from directory.models import AreaProposal
from helprequests.models import HelpRequest
from helprequests.services import request_create


def _form(region, served):
    org = region.org_a
    data = {
        "name": org.name,
        "kind": org.kind,
        "territory": org.territory_id,
        "served_territories": [t.pk for t in served],
        "capacity": org.capacity,
        "is_public": "on",
        "version": "",
        "services-TOTAL_FORMS": 0,
        "services-INITIAL_FORMS": 0,
    }
    return region.client("org_staff").post(reverse("directory:edit", args=[org.pk]), data)


def _request_in_b(region):
    return request_create(beneficiary=region.person_b, channel="hotline", needs=[])


def test_it_keeps_the_area_and_records_a_proposal_when_staff_widen_it_in_the_form(region):
    answer = _form(region, [region.a, region.b])
    assert answer.status_code == 302
    assert list(region.org_a.served_territories.all()) == [region.a]
    proposal = AreaProposal.objects.get(organization=region.org_a)
    assert proposal.status == "pending" and set(proposal.territories.all()) == {region.a, region.b}
    assert proposal.proposed_by == region.users["org_staff"]
    page = region.client("org_staff").get(reverse("directory:detail", args=[region.org_a.pk])).content.decode()
    assert "Ждёт подтверждения координатором" in page


def test_it_keeps_the_area_when_staff_widen_it_through_the_api(region):
    body = json.dumps({"served_territory_ids": [region.a.pk, region.b.pk]})
    answer = region.api("org_staff").patch(
        f"/api/v1/organizations/{region.org_a.pk}", body, content_type="application/json"
    )
    assert answer.status_code == 200
    assert answer.json()["served_territory_ids"] == [region.a.pk]
    assert answer.json()["proposed_served_territory_ids"] == sorted([region.a.pk, region.b.pk])


def test_it_does_not_open_another_districts_requests_to_staff_before_confirmation(region):
    request_b = _request_in_b(region)
    _form(region, [region.a, region.b])
    staff = region.client("org_staff")
    assert staff.get(reverse("helprequests:detail", args=[request_b.pk])).status_code in (403, 404)
    assert request_b.number not in staff.get(reverse("helprequests:mine")).content.decode()


def test_it_applies_the_area_when_a_coordinator_of_it_confirms_and_audits_it(region):
    _form(region, [region.a, region.a1])
    coordinator = region.client("coordinator")
    assert coordinator.post(reverse("directory:area_approve", args=[region.org_a.pk])).status_code == 302
    assert set(region.org_a.served_territories.all()) == {region.a, region.a1}
    assert AreaProposal.objects.get().status == "approved"
    entry = AuditEntry.objects.filter(object_type="directory.organization", username="coordinator").latest("at")
    assert "обслуживаемые территории" in json.dumps(entry.details, ensure_ascii=False)


def test_it_refuses_a_coordinator_confirming_territories_outside_their_area(region):
    _form(region, [region.a, region.b])
    page = region.client("coordinator").post(reverse("directory:area_approve", args=[region.org_a.pk]), follow=True)
    assert "Вне вашей зоны ответственности: Район Б" in page.content.decode()
    assert list(region.org_a.served_territories.all()) == [region.a]
    assert AreaProposal.objects.get().status == "pending"


def test_it_asks_a_reason_to_reject_and_shows_the_staff_nothing_changed(region):
    _form(region, [region.a, region.b])
    admin = region.client("admin")
    page = admin.post(reverse("directory:area_reject", args=[region.org_a.pk]), follow=True).content.decode()
    assert "Причина отказа" in page and AreaProposal.objects.get().status == "pending"
    admin.post(reverse("directory:area_reject", args=[region.org_a.pk]), {"reason": "Не работают в районе Б"})
    proposal = AreaProposal.objects.get()
    assert proposal.status == "rejected" and proposal.reason == "Не работают в районе Б"
    assert list(region.org_a.served_territories.all()) == [region.a]


def test_it_refuses_a_coordinator_setting_an_area_outside_theirs_through_the_api(region):
    body = json.dumps({"served_territory_ids": [region.b.pk]})
    answer = region.api("coordinator").patch(
        f"/api/v1/organizations/{region.org_a.pk}", body, content_type="application/json"
    )
    assert answer.status_code == 422
    assert "Район Б" in json.dumps(answer.json(), ensure_ascii=False)
    assert HelpRequest.objects.count() >= 1 and list(region.org_a.served_territories.all()) == [region.a]


def test_it_rereads_the_proposal_under_lock_before_rejecting_one_already_approved(region):
    """area_reject takes the row lock as area_approve does: a stale copy cannot undo a decision."""
    import pytest
    from django.core.exceptions import ValidationError

    from directory import services

    _form(region, [region.a, region.a1])
    stale = AreaProposal.objects.get()
    region.client("coordinator").post(reverse("directory:area_approve", args=[region.org_a.pk]))
    with pytest.raises(ValidationError, match="уже рассмотрено"):
        services.area_reject(proposal=stale, actor=region.users["admin"], reason="поздно")
    assert AreaProposal.objects.get().status == "approved"
