"""Volunteer cards on the web: who may add whom, where, and who sees them (#10: the folder was empty)."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from exports.testing import fetched
from volunteers.models import Volunteer


def _card(region, **changes):
    data = {
        "full_name": "Новикова Нина Петровна",
        "phone": "8 910 111-22-33",
        "age_group": "silver",
        "territory": region.a1.pk,
        "organization": region.org_a.pk,
        "max_load": 3,
        "area_radius_km": 10,
        "is_active": "on",
    }
    data.update(changes)
    return data


def test_it_adds_a_volunteer_with_the_phone_in_one_format(region):
    answer = region.client("coordinator").post(reverse("volunteers:create"), _card(region))
    assert answer.status_code == 302
    volunteer = Volunteer.objects.get(full_name="Новикова Нина Петровна")
    assert volunteer.phone == "+79101112233"
    listing = region.client("coordinator").get(reverse("volunteers:list")).content.decode()
    assert "Новикова Нина Петровна" in listing


def test_it_refuses_org_staff_adding_a_volunteer_of_another_organization(region):
    page = region.client("org_staff").post(reverse("volunteers:create"), _card(region, organization=region.org_b.pk))
    assert page.status_code == 200
    assert page.context["form"].errors["organization"]
    assert not Volunteer.objects.filter(full_name="Новикова Нина Петровна").exists()


def test_it_refuses_a_territory_outside_the_coordinators_own(region):
    page = region.client("coordinator").post(reverse("volunteers:create"), _card(region, territory=region.b1.pk))
    assert page.status_code == 200
    assert "Выберите корректный вариант" in page.content.decode()
    assert not Volunteer.objects.filter(full_name="Новикова Нина Петровна").exists()


def test_it_hides_volunteers_of_another_territory(region):
    other = region.client(region.coordinator_b)
    assert region.volunteer_a.full_name not in other.get(reverse("volunteers:list")).content.decode()
    assert other.get(reverse("volunteers:detail", args=[region.volunteer_a.pk])).status_code == 404
    assert other.get(reverse("volunteers:edit", args=[region.volunteer_a.pk])).status_code == 404


def test_it_exports_only_the_coordinators_volunteers(region):
    Volunteer.objects.create(full_name="Борисова Бэлла", age_group="silver", territory=region.b1)
    answer = fetched(region.client("coordinator"), reverse("volunteers:export"))
    sheet = load_workbook(io.BytesIO(answer.content)).active
    names = {str(cell.value) for row in sheet.iter_rows() for cell in row if cell.value}
    assert region.volunteer_a.full_name in names and "Борисова Бэлла" not in names
