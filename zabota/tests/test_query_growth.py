"""#10: no list or dashboard asks the database once per row — the query count stays the same when five more
people with enrolments, calls, alerts and guardianships are added (and the page still answers and shows them)."""

from datetime import time, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from guardianship.models import Call as FamilyCall
from guardianship.models import Guardianship
from people.models import Beneficiary, Consent, Household
from phone.models import Alert, Call, Enrolment

# (role, address, text the added rows bring onto the page — "" where the page shows counts only).
# The phone dashboard has its own test with paging (phone/tests/test_dashboard_queries.py, #12).
PAGES = [
    ("coordinator", lambda r: reverse("phone:sheet"), "Добавленная Дарья 4"),
    ("volunteer", lambda r: reverse("phone:mine"), ""),
    ("anon", lambda r: reverse("phone:calendar", args=[r.calendar_token]), "Дарья"),
    ("coordinator", lambda r: reverse("guardianship:dashboard"), ""),
    ("coordinator", lambda r: reverse("guardianship:reports"), ""),
    ("coordinator", lambda r: reverse("people:list"), "Добавленная Дарья 4"),
    ("coordinator", lambda r: reverse("helprequests:list"), ""),
    ("coordinator", lambda r: reverse("volunteers:list"), ""),
    ("coordinator", lambda r: reverse("audit:list"), ""),
]


def _more(region, count=5):
    region.guardian_a.max_families = 10
    region.guardian_a.save()
    for n in range(count):
        person = Beneficiary.objects.create(full_name=f"Добавленная Дарья {n}", territory=region.a1, phone="")
        Consent.objects.create(beneficiary=person, purpose=Consent.Purpose.PERSONAL_DATA)
        enrolment = Enrolment.objects.create(
            beneficiary=person,
            volunteer=region.volunteer_a,
            weekdays=[0, 1, 2, 3, 4, 5, 6],
            window_start=time(9),
            window_end=time(18),
        )
        Call.objects.create(enrolment=enrolment, volunteer=region.volunteer_a, reached=False, notes="")
        Alert.objects.create(enrolment=enrolment)
        household = Household.objects.create(name=f"Семья {n}", territory=region.a1, is_serviceman_family=True)
        guardianship = Guardianship.objects.create(
            household=household, guardian=region.guardian_a, status="active", first_contact_at=timezone.now()
        )
        FamilyCall.objects.create(guardianship=guardianship, kind="14d", due_at=timezone.now() - timedelta(days=1))


def _count(client, url):
    with CaptureQueriesContext(connection) as queries:
        answer = client.get(url)
    assert answer.status_code == 200, (url, answer.status_code)
    return len(queries), answer


@pytest.mark.parametrize("role, url, shows", PAGES, ids=[f"{role}-{i}" for i, (role, *_) in enumerate(PAGES)])
def test_it_asks_the_same_number_of_queries_with_more_rows(region, role, url, shows):
    client = region.client(role)
    address = url(region)
    _count(client, address)  # warm: sessions, first-use caches
    before, _ = _count(client, address)
    _more(region)
    after, answer = _count(client, address)
    assert after <= before, f"{address}: {before} → {after} queries with 5 more people"
    assert shows in answer.content.decode()
