import hashlib
import io
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction
from django.test import Client
from django.utils import timezone

from accounts.models import User
from demo.generate import REGION_NAME
from directory.models import Organization
from helprequests.models import HelpRequest, Status
from people.models import Beneficiary, Consent
from phone.models import Call, Enrolment
from territories.models import Territory
from volunteers.models import Volunteer

SCALE = 0.0005


class Rollback(Exception):
    pass


def _digest():
    """What the region holds, without database ids (sequences move on between runs)."""
    h = hashlib.sha256()
    for row in Beneficiary.objects.order_by("full_name", "phone", "birth_date").values_list(
        "full_name", "phone", "birth_date", "lat", "lon", "territory__name", "address"
    ):
        h.update(repr(row).encode())
    for row in HelpRequest.objects.order_by("number").values_list(
        "number",
        "status",
        "beneficiary__full_name",
        "received_at",
        "helper_organization__name",
        "helper_volunteer__phone",
    ):
        h.update(repr(row).encode())
    for row in Organization.objects.order_by("name").values_list("name", "phone", "lat", "lon", "territory__name"):
        h.update(repr(row).encode())
    h.update(repr(list(Call.objects.order_by("called_at", "reached").values_list("called_at", "reached"))).encode())
    return h.hexdigest()


def _generate(today):
    call_command("generate_region", scale=SCALE, seed=7, today=today.isoformat(), stdout=io.StringIO())


@pytest.mark.django_db
def test_it_is_deterministic_and_refuses_a_second_region():
    today = date(2026, 12, 7)
    digests = []
    for _ in range(2):
        try:
            with transaction.atomic():
                _generate(today)
                digests.append(_digest())
                with pytest.raises(CommandError, match="уже создан"):
                    _generate(today)
                raise Rollback
        except Rollback:
            pass
    assert digests[0] == digests[1]
    assert not Territory.objects.filter(name=REGION_NAME).exists()


@pytest.mark.django_db
def test_it_fills_every_status_and_programme_and_the_main_pages_answer():
    today = timezone.localdate()
    _generate(today)
    region = Territory.objects.get(name=REGION_NAME)
    assert Beneficiary.objects.count() == 500
    assert Consent.objects.filter(purpose=Consent.Purpose.PERSONAL_DATA).count() == 500
    assert Call.objects.count() == 5000
    statuses = set(HelpRequest.objects.values_list("status", flat=True))
    assert statuses == set(Status.values)
    # Every request a helper works on names the helper.
    working = HelpRequest.objects.filter(status__in=[Status.ASSIGNED, Status.ACCEPTED, Status.CONNECTED])
    assert not working.filter(helper_organization=None, helper_volunteer=None).exists()
    assert Territory.objects.filter(path__startswith=region.path).count() == Territory.objects.count()
    assert Organization.objects.publicly_listed().exists() and Volunteer.objects.filter(status="candidate").exists()
    assert Enrolment.objects.active().exists() and Enrolment.objects.exclude(ended_at=None).exists()

    person = Beneficiary.objects.exclude(phone="").order_by("pk").first()
    req = HelpRequest.objects.filter(status=Status.NEW).order_by("pk").first()
    settlement = Territory.objects.filter(kind="settlement").order_by("pk").first()
    surname = person.full_name.split()[0]
    pages = [
        (None, f"/?locality={settlement.name}&need=groceries"),
        ("bench_operator", "/requests/?queue=open"),
        ("bench_operator", f"/people/?q={surname}"),
        ("bench_operator", f"/people/?q={person.phone[-7:]}"),
        ("bench_operator", f"/people/{person.pk}/"),
        ("bench_operator", f"/requests/{req.pk}/"),
        ("bench_volunteer_1", "/phone/today/"),
        ("bench_coordinator", "/phone/"),
        ("bench_analyst", f"/stats/?territory={region.pk}"),
    ]
    for username, url in pages:
        client = Client()
        if username:
            client.force_login(User.objects.get(username=username))
        response = client.get(url)
        assert response.status_code == 200, url
    client = Client()
    client.force_login(User.objects.get(username="bench_operator"))
    assert person.full_name in client.get(f"/people/?q={person.phone[-7:]}").content.decode()
