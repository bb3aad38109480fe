from directory.models import Organization
from volunteers.models import Volunteer


def test_it_creates_an_organization_with_services_and_coverage(region):
    body = {
        "name": "Фонд «Опора»",
        "kind": "ngo",
        "territory_id": region.a1.pk,
        "served_territory_ids": [region.a.pk],
        "service_codes": ["groceries", "medicines"],
        "phone": "8 (4912) 55-12-34",
        "lat": 55.1,
        "lon": 40.1,
    }
    response = region.api("coordinator").post("/api/v1/organizations", body, content_type="application/json")
    assert response.status_code == 201
    data = response.json()
    assert data["phone"] == "+74912551234" and data["service_codes"] == ["groceries", "medicines"]
    assert data["served_territory_ids"] == [region.a.pk] and data["verified_at"] is None
    assert set(data) == {
        "id",
        "name",
        "kind",
        "territory_id",
        "served_territory_ids",
        "proposed_served_territory_ids",
        "service_codes",
        "lat",
        "lon",
        "phone",
        "capacity",
        "is_public",
        "verified_at",
    }


def test_it_refuses_bad_organizations_naming_every_field_and_writes_nothing(region):
    body = {
        "name": "X",
        "kind": "ngo",
        "territory_id": region.b1.pk,
        "service_codes": ["flying"],
        "phone": "12",
        "lat": 55.0,
    }
    response = region.api("coordinator").post("/api/v1/organizations", body, content_type="application/json")
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert set(errors) == {"territory_id", "service_codes", "phone", "lon"}
    assert "вне вашей зоны" in errors["territory_id"][0] and "flying" in errors["service_codes"][0]
    assert not Organization.objects.filter(name="X").exists()


def test_it_lets_org_staff_patch_only_their_own_organization(region):
    api = region.api("org_staff")
    ok = api.patch(
        f"/api/v1/organizations/{region.org_a.pk}", {"service_codes": ["firewood"]}, content_type="application/json"
    )
    assert ok.status_code == 200 and ok.json()["service_codes"] == ["firewood"]
    region.org_b.served_territories.set([region.region])  # visible to staff of A, not theirs
    refused = api.patch(f"/api/v1/organizations/{region.org_b.pk}", {"capacity": 1}, content_type="application/json")
    assert refused.status_code == 403


def test_it_answers_public_search_in_the_contract_shape(region):
    from catalog.models import ServiceCategory
    from directory.models import OrganizationService

    OrganizationService.objects.create(
        organization=region.org_a, category=ServiceCategory.objects.get(code="groceries")
    )
    data = region.api("anon").get("/api/v1/public/search", {"locality": "ПОСЕЛОК А1", "need": "groceries"}).json()
    assert data["locality"] == {"id": region.a1.pk, "name": "Посёлок А1"}
    hit = data["results"][0]
    assert hit["organization_id"] == region.org_a.pk and hit["distance_km"] == 0.0 and hit["phone"] == "+74912550101"
    assert hit["service_codes"] == ["groceries"]


def test_it_explains_an_unknown_locality_or_need(region):
    api = region.api("anon")
    assert api.get("/api/v1/public/search", {"locality": "Атлантида"}).json()["errors"]["locality"]
    assert api.get("/api/v1/public/search", {"locality": "А1", "need": "x"}).json()["errors"]["need"]


def test_it_creates_and_patches_volunteers_in_the_contract_shape(region):
    api = region.api("coordinator")
    body = {
        "full_name": "Новиков Никита",
        "phone": "89101112233",
        "age_group": "youth",
        "skill_codes": ["snow_clearing"],
        "territory_id": region.a1.pk,
        "max_load": 2,
    }
    created = api.post("/api/v1/volunteers", body, content_type="application/json")
    assert created.status_code == 201
    data = created.json()
    assert data["phone"] == "+79101112233" and data["skill_codes"] == ["snow_clearing"] and data["user_id"] is None
    patched = api.patch(f"/api/v1/volunteers/{data['id']}", {"age_group": "elder"}, content_type="application/json")
    assert patched.status_code == 422 and "age_group" in patched.json()["errors"]
    assert Volunteer.objects.get(pk=data["id"]).age_group == "youth"


def test_it_hides_volunteers_of_other_organizations_from_org_staff(region):
    other = Volunteer.objects.create(full_name="Чужой Волонтёр", age_group="adult", territory=region.a1)
    assert region.api("org_staff").get(f"/api/v1/volunteers/{other.pk}").status_code == 404
    ids = [v["id"] for v in region.api("org_staff").get("/api/v1/volunteers").json()]
    assert ids == [region.volunteer_a.pk]
