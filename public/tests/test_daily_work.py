"""#9: the resident's status check, the prefilled application from an organization page, the need hint."""

from django.core.cache import cache
from django.urls import reverse

from catalog.models import ServiceCategory
from directory.models import OrganizationService


def test_it_tells_the_status_by_number_and_phone_without_personal_data(region, client):
    cache.clear()
    answer = client.post(reverse("public:status"), {"number": region.request_a.number, "phone": "8 910 111-22-33"})
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Заявка передана помощнику" in page
    assert region.person_a.full_name not in page and region.org_a.name not in page


def test_it_says_not_found_for_a_wrong_phone_the_same_way(region, client):
    cache.clear()
    page = client.post(reverse("public:status"), {"number": region.request_a.number, "phone": "+7 910 999-99-99"})
    assert "Не нашли заявку" in page.content.decode()


def test_it_limits_status_checks_per_hour(region, client):
    cache.clear()
    codes = [
        client.post(reverse("public:status"), {"number": "2026-000999", "phone": "+79101112233"}).status_code
        for _ in range(11)
    ]
    assert codes[:10] == [200] * 10 and codes[10] == 429


def test_it_refuses_a_malformed_number_by_the_field(region, client):
    cache.clear()
    page = client.post(reverse("public:status"), {"number": "abc", "phone": "+79101112233"}).content.decode()
    assert "Номер выглядит так" in page


def test_it_prefills_the_application_from_an_organization_page(region, client):
    groceries = ServiceCategory.objects.get(code="groceries")
    OrganizationService.objects.create(organization=region.org_a, category=groceries)
    page = client.get(
        reverse("public:organization", args=[region.org_a.pk]) + "?locality=Посёлок+А1&need=groceries"
    ).content.decode()
    assert "/?locality=%D0%9F" in page  # «назад» keeps the search
    link = page.split('class="big" href="')[1].split('"')[0].replace("&amp;", "&")
    form = client.get(link).content.decode()
    assert 'value="Посёлок А1"' in form
    assert f'value="{groceries.pk}"' in form.split(f'value="{groceries.pk}"')[0] + f'value="{groceries.pk}"'
    checkbox = form.split(f'value="{groceries.pk}"')[1].split(">")[0]
    assert "checked" in checkbox


def test_it_hints_at_the_settlement_when_a_need_is_tapped_first(region, client):
    page = client.get(reverse("home") + "?locality=&need=groceries").content.decode()
    assert "Укажите населённый пункт" in page and "autofocus" in page


def test_it_marks_required_fields_and_the_fields_for_someone_else(region, client):
    page = client.get(reverse("public:need_help")).content.decode()
    assert "обязательны" in page
    assert page.count("for-other") == 2


def test_it_replaces_the_map_by_the_addresses_without_tiles(region, client, settings):
    from directory.models import Organization

    OrganizationService.objects.create(
        organization=region.org_a, category=ServiceCategory.objects.get(code="groceries")
    )
    Organization.objects.filter(pk=region.org_a.pk).update(address="ул. Садовая, 1")
    query = {"locality": "Посёлок А1", "need": "groceries"}
    settings.MAP_TILE_URL = ""
    page = client.get(reverse("home"), query).content.decode()
    assert "Адрес: ул. Садовая, 1" in page and 'id="results-map"' not in page
    settings.MAP_TILE_URL = "https://tiles.example.ru/{z}/{x}/{y}.png"
    assert 'id="results-map"' in client.get(reverse("home"), query).content.decode()
