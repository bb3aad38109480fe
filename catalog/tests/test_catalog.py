from django.urls import reverse

from catalog.data import CATALOG

CONTRACT_CODES = {
    "firewood",
    "groceries",
    "medicines",
    "snow_clearing",
    "repairs",
    "pet_care",
    "child_leisure",
    "material_aid",
    "phone_companionship",
    "legal_aid",
    "psychological_aid",
    "home_care",
}


def test_it_preloads_the_catalog_with_the_contract_codes(region):
    rows = region.api("volunteer").get("/api/v1/catalog").json()
    codes = {r["code"] for r in rows}
    assert codes >= CONTRACT_CODES
    firewood = next(r for r in rows if r["code"] == "firewood")
    assert firewood == {"code": "firewood", "name": "Дрова", "parent_code": "urgent"}
    assert {r["name"] for r in rows if r["parent_code"] is None} == {
        "Срочная помощь",
        "Уход и забота",
        "Активное долголетие",
    }


def test_it_shows_the_catalog_to_staff_and_categories_to_the_public(region, client):
    staff_page = region.client("operator").get(reverse("catalog:list")).content.decode()
    assert "Уборка снега" in staff_page and "snow_clearing" in staff_page
    public_page = client.get(reverse("home")).content.decode()
    assert all(top[1] in public_page for top in CATALOG)
