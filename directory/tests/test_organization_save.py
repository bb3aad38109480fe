"""#10: one organization save — the web form and the API go through directory.services.organization_save,
packages and files through organizations_import; list changes are recorded with the old and new values."""

import json

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from audit.models import AuditEntry
from catalog.models import ServiceCategory
from directory import services


def _changes(org):
    return [
        e.details["changes"]
        for e in AuditEntry.objects.filter(object_type="directory.organization", object_id=str(org.pk)).order_by("pk")
        if "changes" in e.details
        and ("услуги" in e.details["changes"] or "обслуживаемые территории" in e.details["changes"])
    ]


def _category(code):
    return ServiceCategory.objects.get(code=code)


def test_it_records_services_and_served_territories_with_old_and_new(region):
    org = region.org_a
    services.organization_save(
        organization=org,
        data={"served_territories": [region.a, region.a1]},
        services=[{"category": _category("groceries")}],
        actor=region.users["coordinator"],
    )
    assert _changes(org)[-1] == {
        "услуги": ["", _category("groceries").name],
        "обслуживаемые территории": ["Район А", "Посёлок А1, Район А"],
    }
    assert set(org.served_territories.all()) == {region.a, region.a1}


def test_it_records_a_service_list_changed_through_the_api(region):
    body = json.dumps({"service_codes": ["groceries"]})
    answer = region.api("coordinator").patch(
        f"/api/v1/organizations/{region.org_a.pk}", body, content_type="application/json"
    )
    assert answer.status_code == 200
    assert _changes(region.org_a)[-1] == {"услуги": ["", _category("groceries").name]}


def test_it_keeps_service_details_the_api_does_not_send(region):
    org = region.org_a
    services.organization_save(
        organization=org,
        data={},
        services=[{"category": _category("groceries"), "is_free": False, "who_may_apply": "пенсионеры"}],
        actor=region.users["coordinator"],
    )
    services.organization_save(
        organization=org, data={}, services=[{"category": _category("groceries")}], actor=region.users["coordinator"]
    )
    row = org.services.get()
    assert (row.is_free, row.who_may_apply) == (False, "пенсионеры")


def test_it_refuses_a_territory_outside_the_actors_scope(region):
    with pytest.raises(ValidationError) as refused:
        services.organization_save(
            organization=region.org_a, data={"territory": region.b1}, actor=region.users["coordinator"]
        )
    assert "territory" in refused.value.message_dict
    region.org_a.refresh_from_db()
    assert region.org_a.territory == region.a1


def test_it_turns_a_staff_change_of_the_area_into_a_proposal(region):
    services.organization_save(
        organization=region.org_a, data={"served_territories": [region.a, region.b]}, actor=region.users["org_staff"]
    )
    assert list(region.org_a.served_territories.all()) == [region.a]
    assert region.org_a.area_proposals.get().status == "pending"
    assert _changes(region.org_a) == []  # nothing changed yet: the proposal has its own entry


def test_the_web_form_saves_through_the_service_and_records_the_services(region):
    org = region.org_a
    data = {
        "name": org.name,
        "kind": org.kind,
        "territory": org.territory_id,
        "served_territories": [region.a.pk],
        "capacity": org.capacity,
        "is_public": "on",
        "version": "",
        "services-TOTAL_FORMS": 1,
        "services-INITIAL_FORMS": 0,
        "services-0-category": _category("groceries").pk,
        "services-0-is_free": "on",
    }
    answer = region.client("coordinator").post(reverse("directory:edit", args=[org.pk]), data)
    assert answer.status_code == 302
    assert [s.category.code for s in org.services.all()] == ["groceries"]
    assert _changes(org)[-1] == {"услуги": ["", _category("groceries").name]}


def _import_row(region, name="Клуб «Соседи»"):
    return {
        "row": 2,
        "fields": {"name": name, "kind": "ngo"},
        "territory_id": region.a1.pk,
        "served_ids": [region.a.pk, region.a1.pk],
        "services": [{"code": "groceries"}],
    }


def test_the_import_records_the_lists_of_each_new_organization(region):
    (org,) = services.organizations_import(
        rows=[_import_row(region)], actor=region.users["coordinator"], verified=False
    )
    entry = AuditEntry.objects.get(object_type="directory.organization", object_id=str(org.pk), action="create")
    assert entry.details["services"] == ["groceries"]
    assert entry.details["served_territories"] == [region.a.pk, region.a1.pk]


def test_the_import_is_refused_to_those_who_only_propose_an_area(region):
    with pytest.raises(services.RowsRefused):
        services.organizations_import(rows=[_import_row(region)], actor=region.users["org_staff"], verified=False)
    assert not region.org_a.territory.organizations.filter(name="Клуб «Соседи»").exists()
