"""#9: the organization form checks coordinates and age on the server, names duplicate services in Russian,
and the organization's page says in one line whether residents see it and why not."""

from django.urls import reverse
from django.utils import timezone

from catalog.models import ServiceCategory
from directory.models import Organization
from directory.tests.test_views import _profile


def _post(region, **overrides):
    url = reverse("directory:edit", args=[region.org_a.pk])
    return region.client("coordinator").post(url, _profile(region, **overrides))


def test_it_refuses_impossible_coordinates_and_age_by_the_field(region):
    answer = _post(region, lat="555", lon="400", min_age="400")
    page = answer.content.decode()
    assert answer.status_code == 200
    assert "Широта должна быть числом от −90 до 90." in page
    assert "Долгота должна быть числом от −180 до 180." in page
    assert "Возраст — целое число от 0 до 120." in page
    region.org_a.refresh_from_db()
    assert region.org_a.lat != 555 and region.org_a.min_age != 400


def test_it_accepts_real_coordinates_and_age(region):
    assert _post(region, lat="55.5", lon="40.2", min_age="60").status_code == 302
    org = Organization.objects.get(pk=region.org_a.pk)
    assert (org.lat, org.lon, org.min_age) == (55.5, 40.2, 60)


def test_it_names_a_duplicate_service_row_in_russian(region):
    groceries = ServiceCategory.objects.get(code="groceries").pk
    page = _post(region, **{"services-TOTAL_FORMS": "2", "services-1-category": groceries}).content.decode()
    assert "Одна и та же услуга указана в нескольких строках" in page
    assert "&quot;category&quot;" not in page and "повторяющееся значение" not in page


def test_it_says_in_one_line_whether_residents_see_the_organization_and_why(region):
    url = reverse("directory:detail", args=[region.org_a.pk])
    client = region.client("coordinator")
    assert "Показывается жителям." in client.get(url).content.decode()
    Organization.objects.filter(pk=region.org_a.pk).update(verified_at=None, is_public=True)
    page = client.get(url).content.decode()
    assert "Не показывается жителям: не проверена координатором." in page
    assert "показывается жителям<" not in page
    Organization.objects.filter(pk=region.org_a.pk).update(
        is_public=False, last_confirmed_at=timezone.now() - timezone.timedelta(days=300)
    )
    page = client.get(url).content.decode()
    assert (
        "Не показывается жителям: организация решила не показываться; не проверена координатором; "
        "данные не подтверждались больше 7 месяцев." in page
    )


def test_it_tells_only_administrators_that_the_map_has_no_tiles(region, settings):
    settings.MAP_TILE_URL = ""
    note = "подложка карты не настроена"
    assert note in region.client("admin").get(reverse("directory:map")).content.decode()
    assert note not in region.client("coordinator").get(reverse("directory:map")).content.decode()
