from datetime import timedelta
from io import StringIO

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from audit.models import AuditEntry
from catalog.models import ServiceCategory
from directory.models import Organization, OrganizationService
from exports.testing import fetched


def _profile(region, **overrides):
    data = {
        "name": "НКО Района А",
        "kind": "ngo",
        "care_level": "community",
        "territory": region.a1.pk,
        "served_territories": [region.a.pk],
        "phone": "8 (4912) 55-01-01",
        "capacity": 7,
        "is_public": "on",
        "services-TOTAL_FORMS": "1",
        "services-INITIAL_FORMS": "0",
        "services-MIN_NUM_FORMS": "0",
        "services-MAX_NUM_FORMS": "1000",
        "services-0-category": ServiceCategory.objects.get(code="groceries").pk,
        "services-0-is_free": "on",
        "services-0-who_may_apply": "пенсионеры",
    }
    data.update(overrides)
    return data


def test_it_lets_org_staff_edit_their_own_profile_and_keeps_history(region):
    client = region.client("org_staff")
    response = client.post(reverse("directory:edit", args=[region.org_a.pk]), _profile(region))
    assert response.status_code == 302
    org = Organization.objects.get(pk=region.org_a.pk)
    assert org.capacity == 7 and org.phone == "+74912550101"
    assert org.services.get().who_may_apply == "пенсионеры"
    page = region.client("coordinator").get(reverse("directory:detail", args=[org.pk])).content.decode()
    assert "История изменений" in page and "Сколько обращений может вести одновременно: 10 → 7" in page
    assert "услуги" in page and "<strong>org_staff</strong>" in page


def test_it_refuses_org_staff_another_organization_and_audits_it(region):
    region.org_b.territory = region.a1  # visible to them, still not theirs
    region.org_b.save()
    response = region.client("org_staff").get(reverse("directory:edit", args=[region.org_b.pk]))
    assert response.status_code == 403
    assert AuditEntry.objects.filter(action="denied", username="org_staff", object_id=str(region.org_b.pk)).exists()


def test_it_names_bad_fields_and_saves_nothing(region):
    client = region.client("coordinator")
    data = _profile(region, phone="555", capacity="-1", lat="55.1")
    page = client.post(reverse("directory:edit", args=[region.org_a.pk]), data).content.decode()
    assert "Телефон: Телефон не распознан" in page
    assert "Долгота: Укажите и широту, и долготу" in page
    assert not OrganizationService.objects.filter(organization=region.org_a).exists()


def test_it_filters_sorts_and_exports_the_directory(region):
    OrganizationService.objects.create(organization=region.org_a, category=ServiceCategory.objects.get(code="firewood"))
    client = region.client("coordinator")
    page = client.get(reverse("directory:list"), {"service": "firewood"}).content.decode()
    assert "НКО Района А" in page
    assert "НКО Района А" not in client.get(reverse("directory:list"), {"service": "repairs"}).content.decode()
    assert "НКО Района А" not in client.get(reverse("directory:list"), {"verified": "no"}).content.decode()
    export = fetched(client, reverse("directory:export"), {"service": "firewood"})
    assert export.content[:2] == b"PK" and AuditEntry.objects.filter(action="export", details__rows=1).exists()


def test_it_lists_without_a_query_per_row(region, django_assert_max_num_queries):
    for i in range(30):
        org = Organization.objects.create(name=f"Орг {i}", kind="ngo", territory=region.a1)
        OrganizationService.objects.create(organization=org, category=ServiceCategory.objects.get(code="groceries"))
    client = region.client("coordinator")
    with django_assert_max_num_queries(12):
        client.get(reverse("directory:list"))


def test_it_hides_stale_unverified_and_private_listings_from_the_public(region, client):
    url = reverse("public:organization", args=[region.org_a.pk])
    assert client.get(url).status_code == 200
    Organization.objects.filter(pk=region.org_a.pk).update(last_confirmed_at=timezone.now() - timedelta(days=200))
    assert client.get(url).status_code == 200  # due for confirmation, still inside the grace period
    Organization.objects.filter(pk=region.org_a.pk).update(last_confirmed_at=timezone.now() - timedelta(days=220))
    assert client.get(url).status_code == 404
    Organization.objects.filter(pk=region.org_a.pk).update(last_confirmed_at=timezone.now(), is_public=False)
    assert client.get(url).status_code == 404
    Organization.objects.filter(pk=region.org_a.pk).update(is_public=True, verified_at=None)
    assert client.get(url).status_code == 404


def test_it_reminds_once_to_reconfirm_and_a_confirmation_restores_the_listing(region):
    region.users["org_staff"].email = "staff@example.ru"
    region.users["org_staff"].save()
    Organization.objects.filter(pk=region.org_a.pk).update(last_confirmed_at=timezone.now() - timedelta(days=190))
    call_command("periodic", stdout=StringIO())
    call_command("periodic", stdout=StringIO())
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["staff@example.ru"]
    assert "Данные актуальны" in mail.outbox[0].body
    region.client("org_staff").post(reverse("directory:confirm", args=[region.org_a.pk]))
    org = Organization.objects.get(pk=region.org_a.pk)
    assert org.confirmation_state() == "fresh" and org.confirm_reminded_at is None


def test_it_verifies_an_organization(region):
    Organization.objects.filter(pk=region.org_a.pk).update(verified_at=None)
    region.client("coordinator").post(reverse("directory:verify", args=[region.org_a.pk]))
    org = Organization.objects.get(pk=region.org_a.pk)
    assert org.verified_by == region.users["coordinator"] and org.verified_at is not None


def test_it_draws_the_staff_map_from_what_the_user_may_see(region):
    region.a1.boundary = {"type": "Polygon", "coordinates": [[[40, 55], [40.2, 55], [40.2, 55.2], [40, 55]]]}
    region.a1.save()
    features = region.client("coordinator").get(reverse("directory:map_data")).json()["features"]
    kinds = {(f["properties"]["kind"], f["properties"]["name"]) for f in features}
    assert ("organization", "НКО Района А") in kinds and ("territory", "Посёлок А1") in kinds
    assert any(kind == "volunteer" for kind, _ in kinds)
    assert all(name != "НКО Района Б" for _, name in kinds)
    assert not any(name == "Волонтёрова Вера" for _, name in kinds)  # areas, not names
    staff_features = region.client("org_staff").get(reverse("directory:map_data")).json()["features"]
    assert not any(f["properties"]["kind"] == "leader" for f in staff_features)


def test_it_hides_another_municipalitys_organization_but_shows_region_wide_ones(region):
    client = region.client("coordinator")
    assert client.get(reverse("directory:detail", args=[region.org_b.pk])).status_code == 404
    assert AuditEntry.objects.filter(action="denied", object_id=str(region.org_b.pk)).exists()
    region.org_b.served_territories.set([region.region])  # now it also serves municipality A
    assert client.get(reverse("directory:detail", args=[region.org_b.pk])).status_code == 200
    assert client.get(reverse("directory:edit", args=[region.org_b.pk])).status_code == 403
