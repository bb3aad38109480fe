from django.urls import reverse

from territories.models import Territory


def test_it_selects_a_territory_and_everything_below(region):
    area = Territory.objects.create(name="ТОС «Лесной»", kind="area", parent=region.a1)
    names = set(Territory.objects.subtree(region.a).values_list("name", flat=True))
    assert names == {"Район А", "Посёлок А1", "ТОС «Лесной»"}
    assert area.depth == 3 and area.path == f"{region.a1.path}{area.pk}/"


def test_it_moves_a_subtree_with_its_children(region):
    region.a1.parent = region.b
    region.a1.save()
    area = Territory.objects.create(name="ТОС", kind="area", parent=region.a1)
    assert set(Territory.objects.subtree(region.b).values_list("id", flat=True)) >= {region.a1.pk, area.pk}
    assert not Territory.objects.subtree(region.a).filter(pk=region.a1.pk).exists()


def test_it_lists_territories_for_the_api_in_contract_fields(region):
    rows = region.api("admin").get("/api/v1/territories").json()
    a1 = next(r for r in rows if r["name"] == "Посёлок А1")
    assert a1 == {
        "id": region.a1.pk,
        "name": "Посёлок А1",
        "kind": "settlement",
        "parent_id": region.a.pk,
        "oktmo": "",
        "lat": 55.12,
        "lon": 40.12,
    }


def test_it_creates_a_territory_by_api(region):
    body = {
        "name": "Слобода",
        "kind": "settlement",
        "parent_id": region.a.pk,
        "oktmo": "61620101",
        "lat": 55.2,
        "lon": 40.3,
    }
    response = region.api("coordinator").post("/api/v1/territories", body, content_type="application/json")
    assert response.status_code == 201
    created = Territory.objects.get(pk=response.json()["id"])
    assert created.parent == region.a and created.oktmo == "61620101"


def test_it_refuses_bad_territories_in_russian_naming_the_field(region):
    api = region.api("coordinator")
    cases = [
        ({"kind": "settlement", "parent_id": region.a.pk}, "name", "Обязательное поле."),
        ({"name": "X", "kind": "village", "parent_id": region.a.pk}, "kind", "Недопустимое значение"),
        ({"name": "X", "kind": "settlement", "parent_id": region.b.pk}, "parent_id", "вне вашей зоны"),
        ({"name": "X", "kind": "area", "parent_id": region.a.pk}, "parent_id", "должна входить в"),
        ({"name": "X", "kind": "settlement", "parent_id": region.a.pk, "oktmo": "12ab"}, "oktmo", "8 или 11 цифр"),
        ({"name": "X", "kind": "settlement", "parent_id": region.a.pk, "lat": 123}, "lat", "слишком велико"),
    ]
    before = Territory.objects.count()
    for body, field, message in cases:
        response = api.post("/api/v1/territories", body, content_type="application/json")
        assert response.status_code == 422, body
        payload = response.json()
        assert field in payload["errors"], payload
        assert message in " ".join(payload["errors"][field]), payload
        assert payload["detail"]
    assert Territory.objects.count() == before


def test_it_answers_invalid_json_in_russian(region):
    response = region.api("coordinator").post("/api/v1/territories", "{oops", content_type="application/json")
    assert response.status_code in (400, 422)
    assert "JSON" in str(response.json())


def test_it_adds_a_territory_through_the_form_with_clear_errors(region):
    client = region.client("coordinator")
    page = client.post(reverse("territories:create"), {"name": "", "kind": "settlement", "parent": region.b.pk})
    text = page.content.decode()
    assert "Название: Обязательное поле." in text
    assert "Входит в: Выберите корректный вариант" in text
    response = client.post(
        reverse("territories:create"), {"name": "Хутор", "kind": "settlement", "parent": region.a.pk}
    )
    assert response.status_code == 302


def test_it_shows_the_tree_of_the_own_territory_only(region):
    page = region.client("coordinator").get(reverse("territories:list")).content.decode()
    assert "Посёлок А1" in page and "Село Б1" not in page
