"""#10: packages of other HSDS 3.0 publishers — territory from the address, services through a confirmed
mapping of taxonomy terms, a preview before anything is written, and the importer's scope."""

import io
import zipfile

import pytest
from django.urls import reverse

from audit.models import AuditEntry
from directory import hsds, hsds_import
from directory.models import HsdsUpload, Organization, TaxonomyMapping
from directory.tests.foreign_package import package_bytes


def _upload(client, data=None, name="foreign.json"):
    file = io.BytesIO(data or package_bytes())
    file.name = name
    response = client.post(reverse("directory:hsds"), {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return HsdsUpload.objects.latest("pk")


def _confirm(client, upload, choices):
    data = {f"term-{i}": code for i, code in enumerate(choices)}
    return client.post(reverse("directory:hsds_preview", args=[upload.pk]), data)


def _rows(region, user="coordinator"):
    user = region.users.get(user) or getattr(region, user)
    _, rows = hsds.preview(package_bytes(), user=user)
    return {row.name: row for row in rows}


def test_it_reads_a_foreign_package_and_shows_the_mapping_step_first(region):
    client = region.client("coordinator")
    upload = _upload(client)
    page = client.get(reverse("directory:hsds_preview", args=[upload.pk])).content.decode()
    assert "Сопоставление услуг с каталогом" in page
    assert "Food delivery" in page and "нет похожей категории" in page
    assert "Юридическая помощь" in page and "предложено" in page  # fuzzy: the catalog's «Юридическая помощь»
    assert '<option value="legal_aid" selected>' in page
    assert '<option value="leisure" selected>' in page  # a service without terms, mapped by its name
    assert "Импортировать</button>" not in page
    assert Organization.objects.count() == 2


def test_it_refuses_an_empty_choice_in_the_mapping_naming_the_term(region):
    client = region.client("coordinator")
    upload = _upload(client)
    page = _confirm(client, upload, ["", "legal_aid", "leisure"]).content.decode()
    assert "Выберите категорию каталога или «не переносить»" in page
    assert not TaxonomyMapping.objects.exists()


def test_it_previews_imports_and_remembers_the_mapping(region):
    client = region.client("coordinator")
    upload = _upload(client)
    assert _confirm(client, upload, ["groceries", "legal_aid", "leisure"]).status_code == 302
    assert TaxonomyMapping.objects.get(term_code="food-delivery").category.code == "groceries"
    assert TaxonomyMapping.objects.get(term_code="food-delivery").confirmed_by == region.users["coordinator"]
    assert AuditEntry.objects.filter(object_type="directory.taxonomymapping").count() == 3
    page = client.get(reverse("directory:hsds_preview", args=[upload.pk])).content.decode()
    assert "Будет создано: 2" in page and "обновлено (добавятся услуги): 1" in page and "пропущено: 4" in page
    assert "Тестовая область › Район Б › Село Б1» вне вашей зоны ответственности" in page
    assert "нет адреса" in page
    assert "«Атлантида» (адрес: city / locality) не найден" in page
    assert "«сайт»" in page
    assert Organization.objects.count() == 2  # nothing written by the preview

    response = client.post(reverse("directory:hsds_import", args=[upload.pk]))
    assert response.status_code == 302
    good = Organization.objects.get(name="Фонд «Добрый день»")
    assert good.territory == region.a1 and good.phone == "+74912550202" and good.address == "ул. Садовая, 3"
    assert sorted(s.category.code for s in good.services.all()) == ["groceries", "legal_aid"]
    assert good.verified_at is None
    club = Organization.objects.get(name="Клуб «Соседи»")
    assert club.territory == region.a1 and [s.category.code for s in club.services.all()] == ["leisure"]
    assert [s.category.code for s in region.org_a.services.all()] == ["groceries"]  # updated
    added = AuditEntry.objects.get(object_id=str(region.org_a.pk), details__source="HSDS")  # through organization_save
    assert added.object_type == "directory.organization" and added.details["changes"]["услуги"][0] == ""
    assert not Organization.objects.filter(name__in=["Центр «Берёзка»", "Сайт со сценарием"]).exists()
    upload.refresh_from_db()
    assert upload.imported_at and upload.result == {"create": 2, "update": 1, "skip": 4}
    assert bytes(upload.data) == b""  # the package itself is not kept after the import
    assert AuditEntry.objects.filter(details__import="HSDS", user=region.users["coordinator"]).exists()
    page = client.get(reverse("directory:hsds_preview", args=[upload.pk])).content.decode()
    assert "Пакет импортирован" in page
    page = client.get(reverse("directory:hsds")).content.decode()  # the coordinator's packages, to come back to
    assert "foreign.json" in page and "импортирован: создано 2, обновлено 1, пропущено 4" in page
    again = client.post(reverse("directory:hsds_import", args=[upload.pk]))  # a second click writes nothing
    assert again.status_code == 302 and Organization.objects.count() == 4


def test_the_next_package_with_the_same_terms_comes_with_the_mapping_filled_in(region):
    client = region.client("coordinator")
    _confirm(client, _upload(client), ["groceries", "-", "leisure"])
    second = _upload(client, name="again.json")
    page = client.get(reverse("directory:hsds_preview", args=[second.pk])).content.decode()
    assert "Что будет сделано" in page  # no step to wait for: every term is remembered
    page = client.get(reverse("directory:hsds_preview", args=[second.pk]) + "?step=mapping").content.decode()
    assert '<option value="groceries" selected>' in page and "сохранено" in page
    assert '<option value="-" selected>' in page  # «не переносить» is remembered too
    rows = _rows(region)
    assert [s["code"] for s in rows["Фонд «Добрый день»"].services] == ["groceries"]


def test_a_district_coordinator_cannot_create_organizations_in_another_district(region):
    TaxonomyMapping.objects.create(vocabulary="open-eligibility", term_code="food-delivery", category_id=None)
    rows = _rows(region, "coordinator_b")
    assert rows["Центр «Берёзка»"].action == "create"
    assert rows["Фонд «Добрый день»"].action == "skip"
    assert "вне вашей зоны ответственности" in rows["Фонд «Добрый день»"].reasons[0]
    assert rows["НКО Района А"].action == "skip"  # not even an update of another district's organization

    client = region.client(region.coordinator_b)
    upload = _upload(client)
    _confirm(client, upload, ["groceries", "legal_aid", "leisure"])
    client.post(reverse("directory:hsds_import", args=[upload.pk]))
    assert Organization.objects.get(name="Центр «Берёзка»").territory == region.b1
    assert not Organization.objects.filter(territory__in=[region.a, region.a1]).exclude(pk=region.org_a.pk).exists()
    assert not region.org_a.services.exists()


def test_the_import_writes_everything_or_nothing(region, monkeypatch):
    """One batch through organizations_import: a failure after it wrote every new organization (here: while
    the package is being closed) leaves none of them, and the package is not marked imported."""
    from directory import services

    client = region.client("admin")
    upload = _upload(client)
    _confirm(client, upload, ["groceries", "legal_aid", "leisure"])
    real, calls = services.organizations_import, []

    def failing(**kwargs):
        calls.append(kwargs)
        written = real(**kwargs)
        assert Organization.objects.count() == 2 + len(written)  # everything was written in this one call
        raise RuntimeError("сбой после записи")

    monkeypatch.setattr(services, "organizations_import", failing)
    with pytest.raises(RuntimeError):
        client.post(reverse("directory:hsds_import", args=[upload.pk]))
    assert len(calls) == 1 and len(calls[0]["rows"]) >= 2  # one batched call, not one per organization
    assert Organization.objects.count() == 2
    upload.refresh_from_db()
    assert upload.imported_at is None


def test_someone_else_cannot_open_or_import_a_package(region):
    upload = _upload(region.client("coordinator"))
    other = region.client("admin")
    assert other.get(reverse("directory:hsds_preview", args=[upload.pk])).status_code == 404
    assert other.post(reverse("directory:hsds_import", args=[upload.pk])).status_code == 404


def test_it_reads_a_foreign_csv_package(region):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(
            "organizations.csv", "id,name,description,email,website\no1,Фонд «Опора»,,,https://opora.example\n"
        )
        archive.writestr("locations.csv", "id,organization_id,name,latitude,longitude\nl1,o1,,55.1,40.1\n")
        archive.writestr(
            "addresses.csv",
            "id,location_id,address_1,city,state_province,postal_code,country,address_type\n"
            "a1,l1,ул. Мира 2,п. А1,Тестовая область,,RU,physical\n",
        )
        archive.writestr("services.csv", "id,organization_id,name,status\ns1,o1,Доставка,active\n")
        archive.writestr(
            "taxonomy_terms.csv", "id,code,name,vocabulary\nt1,food-delivery,Food delivery,open-eligibility\n"
        )
        archive.writestr("attributes.csv", "id,link_id,link_type,taxonomy_term_id\nx1,s1,service,t1\n")
    TaxonomyMapping.objects.create(vocabulary="open-eligibility", term_code="food-delivery", category_id=None)
    TaxonomyMapping.objects.filter().update(category=_category("groceries"))
    created, skipped = hsds.import_package(buffer.getvalue(), user=region.users["coordinator"])
    assert (created, skipped) == (1, 0)
    org = Organization.objects.get(name="Фонд «Опора»")
    assert org.territory == region.a1 and [s.category.code for s in org.services.all()] == ["groceries"]


def _category(code):
    from catalog.models import ServiceCategory

    return ServiceCategory.objects.get(code=code)


def test_the_strict_import_refuses_a_package_with_unmapped_terms(region):
    with pytest.raises(hsds.HsdsError, match="не сопоставлена"):
        hsds.import_package(package_bytes(), user=region.users["admin"])
    assert Organization.objects.count() == 2


# --- the territory resolver, over plain data ---
PLACES = [
    hsds_import.Place(1, "Тестовая область", (1,), "Тестовая область"),
    hsds_import.Place(2, "Район А", (1, 2), "Тестовая область › Район А"),
    hsds_import.Place(3, "Район Б", (1, 3), "Тестовая область › Район Б"),
    hsds_import.Place(4, "Ключи", (1, 2, 4), "Тестовая область › Район А › Ключи"),
    hsds_import.Place(5, "Ключи", (1, 3, 5), "Тестовая область › Район Б › Ключи"),
    hsds_import.Place(6, "Другая область", (6,), "Другая область"),
    hsds_import.Place(7, "Сосновка", (6, 7), "Другая область › Сосновка"),
]


@pytest.mark.parametrize(
    "locality, region, found, reason",
    [
        ("Ключи", "Район Б", 5, None),
        ("с. Ключи", "", None, "подходит к нескольким территориям"),
        ("Сосновке", "Другая обл.", 7, None),  # a typo and an abbreviation, like the public search
        ("Сосновка", "Тестовая область", None, "не найден в регионе «Тестовая область»"),
        ("", "Тестовая область", None, "не указан населённый пункт"),
        ("Атлантида", "", None, "не найден среди территорий"),
    ],
)
def test_it_resolves_a_territory_from_the_address(locality, region, found, reason):
    place, why = hsds_import.resolve_territory(locality, region, PLACES)
    assert (place.id if place else None) == found
    assert (reason is None and why is None) or reason in why


def test_the_demo_package_plans_as_the_readme_says_for_the_ozersk_coordinator():
    """demo/hsds_foreign_package.json against the demo region's territories, as plain data."""
    from pathlib import Path

    from demo.region import MUNICIPALITIES, REGION

    places, ozersk = [hsds_import.Place(1, REGION[0], (1,), REGION[0])], set()
    for m, (municipality, *_, settlements) in enumerate(MUNICIPALITIES, start=1):
        mid = 100 * m
        places.append(hsds_import.Place(mid, municipality, (1, mid), f"{REGION[0]} › {municipality}"))
        for s, (settlement, *_) in enumerate(settlements, start=1):
            label = f"{REGION[0]} › {municipality} › {settlement}"
            places.append(hsds_import.Place(mid + s, settlement, (1, mid, mid + s), label))
            if municipality == "Озёрский район":
                ozersk |= {mid, mid + s}
    data = (Path(__file__).resolve().parents[2] / "demo" / "hsds_foreign_package.json").read_bytes()
    records = hsds_import.parse(data)
    terms = hsds_import.package_terms(records)
    assert len(terms) == 6
    mapping = {(v, c): "groceries" for v, c, _ in terms}
    kcson = next(p.id for p in places if p.name == "Озёрск")
    rows = hsds_import.plan(
        records,
        places=places,
        scope_ids=ozersk,
        mapping=mapping,
        existing={("КЦСОН Озёрского района", kcson): (1, {"groceries"})},
        kinds={"ngo"},
        normalize_phone=lambda text: text,
    )
    assert [r.action for r in rows] == ["create", "create", "create", "skip", "skip", "skip", "skip"]
    assert rows[1].territory_label.endswith("Озёрский район › Ключи")
    assert "вне вашей зоны" in rows[3].reasons[0] and "новых услуг нет" in rows[4].reasons[0]
    assert "Атлантида" in rows[5].reasons[0] and "нет адреса" in rows[6].reasons[0]


def test_our_own_export_goes_straight_to_the_preview_and_round_trips(region):
    from directory.tests.test_hsds import _wipe_centres, snapshot

    _wipe_centres()  # support centres keep their organization (PROTECT)
    Organization.objects.filter(pk=region.org_b.pk).update(territory=region.a1)
    before = snapshot()
    package = hsds.export_package(Organization.objects.all())
    client = region.client("coordinator")
    upload = _upload(client, package, "zabota-hsds.zip")
    page = client.get(reverse("directory:hsds_preview", args=[upload.pk])).content.decode()
    assert "Что будет сделано" in page and "Будет пропущено (2)" in page and "новых услуг нет" in page
    Organization.objects.filter(name="НКО Района Б").delete()
    page = client.get(reverse("directory:hsds_preview", args=[upload.pk])).content.decode()
    assert "Будет создано (1)" in page
    client.post(reverse("directory:hsds_import", args=[upload.pk]))
    assert snapshot() == before


def test_it_refuses_a_json_package_beyond_the_row_cap(region, settings):
    import json

    settings.IMPORT_MAX_ROWS = 3
    data = json.dumps({"organizations": [{"name": f"Фонд {i}"} for i in range(4)]}).encode()
    file = io.BytesIO(data)
    file.name = "big.json"
    page = region.client("coordinator").post(reverse("directory:hsds"), {"file": file}).content.decode()
    assert "больше 3 строк" in page and not HsdsUpload.objects.exists()


def test_a_package_is_imported_once_even_when_the_preview_was_open_twice(region):
    from django.core.exceptions import ValidationError

    from directory import services

    client = region.client("coordinator")
    upload = _upload(client)
    _confirm(client, upload, ["groceries", "legal_aid", "leisure"])
    _, rows = hsds.preview(bytes(upload.data), user=region.users["coordinator"])  # the second tab's preview
    client.post(reverse("directory:hsds_import", args=[upload.pk]))
    with pytest.raises(ValidationError, match="уже импортирован"):
        services.hsds_import(rows=rows, actor=region.users["coordinator"], verified=False, upload=upload)
    assert Organization.objects.filter(name="Фонд «Добрый день»").count() == 1
