"""List pages stay within a fixed number of queries however many rows they show."""

from datetime import timedelta

from django.utils import timezone

from catalog.models import ServiceCategory
from centres.models import Event, Visit


def _many(region):
    groceries = ServiceCategory.objects.get(code="groceries")
    Visit.objects.bulk_create(
        [
            Visit(centre=region.centre_a, beneficiary=region.person_a, service=groceries, volunteer=region.volunteer_a)
            for _ in range(20)
        ]
    )
    Event.objects.bulk_create(
        [
            Event(
                centre=region.centre_a,
                kind="lecture",
                title=f"Лекция {i}",
                starts_at=timezone.now() + timedelta(days=i),
            )
            for i in range(1, 20)
        ]
    )


def test_list_pages_use_a_fixed_number_of_queries(region, django_assert_max_num_queries):
    _many(region)
    client = region.client("org_staff")
    pk = region.centre_a.pk
    for url in (
        "/centres/",
        f"/centres/{pk}/visits/",
        f"/centres/{pk}/events/",
        f"/centres/{pk}/desk/",
        f"/centres/{pk}/care/",
        "/centres/candidates/",
    ):
        with django_assert_max_num_queries(22):
            assert client.get(url).status_code == 200, url
    with django_assert_max_num_queries(12):
        assert client.get("/events/", {"locality": "Посёлок А1"}).status_code == 200
