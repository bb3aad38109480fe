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


# --- #12: long lists read after a cursor, dashboards from rollups ---------------------------------------------


def _walk(client, url, cursor_param="after"):
    """Follow «Дальше →» from the first page to the last: (rows' hrefs per page, queries per page)."""
    import re

    pages, counts = [], []
    address = url
    while address:
        count, answer = _count(client, address)
        html = answer.content.decode()
        pages.append(re.findall(r'href="(/people/\d+/)"', html))
        counts.append(count)
        following = re.search(rf'href="\?([^"]*{cursor_param}=[^"]+)" rel="next"', html)
        address = f"{url}?{following.group(1).replace('&amp;', '&')}" if following else None
    return pages, counts


def test_it_pages_the_people_list_after_a_cursor_without_counting(region):
    client = region.client("coordinator")
    _more(region, 60)
    pages, counts = _walk(client, reverse("people:list"))
    shown = [href for page in pages for href in page]
    expected = [
        f"/people/{pk}/"
        for pk in Beneficiary.objects.filter(merged_into=None, territory__path__startswith=region.a.path)
        .order_by("full_name", "pk")
        .values_list("pk", flat=True)
    ]
    assert len(pages) >= 3 and all(len(page) == 25 for page in pages[:-1])
    assert shown == expected  # every person once, in order, across the pages
    assert len(set(counts[1:])) == 1 and counts[-1] <= counts[0] + 1, counts
    first = client.get(reverse("people:list"), {"after": "не курсор"})
    assert first.status_code == 200 and "← В начало" not in first.content.decode()


def test_it_pages_the_requests_and_the_audit_log_after_a_cursor(region):
    from stats.tests.test_dashboard import _request

    client = region.client("coordinator")
    from audit import log as audit_log
    from audit.models import AuditEntry

    for n in range(60):  # more than one page of 50 entries
        audit_log.record(AuditEntry.Action.VIEW, user=region.users["operator"], details={"what": f"тест {n}"})
    for n in range(30):
        _request(region.person_a, timezone.now() - timedelta(hours=n))
    for url in (reverse("audit:list"), reverse("helprequests:list") + "?queue=all"):
        first_count, first = _count(client, url)
        assert "Дальше →" in first.content.decode() and "← В начало" not in first.content.decode()
        joiner = "&" if "?" in url else "?"
        next_count, second = _count(client, url + joiner + _next_query(first))
        assert "← В начало" in second.content.decode()
        assert next_count <= first_count + 1, (url, first_count, next_count)
    rows = first.content.decode().count('href="/requests/') + second.content.decode().count('href="/requests/')
    assert rows >= 30


def _next_query(answer):
    import re

    return re.search(r'href="\?([^"]*after=[^"]+)" rel="next"', answer.content.decode()).group(1).replace("&amp;", "&")


def test_it_reads_the_statistics_dashboard_from_its_rollup_with_a_fixed_count(region):
    from stats.rollup import refresh_dashboards

    client = region.client("analyst")
    refresh_dashboards()
    _count(client, reverse("stats:dashboard"))
    before, answer = _count(client, reverse("stats:dashboard"))
    assert "Данные на " in answer.content.decode()
    _more(region)
    refresh_dashboards()
    after, answer = _count(client, reverse("stats:dashboard"))
    assert after <= before
    assert "Статистика для решений" in answer.content.decode()


def test_it_pages_a_name_search_after_a_cursor_in_name_order(region):
    import re

    client = region.client("coordinator")
    _more(region, 30)
    url = reverse("people:list")
    first = client.get(url, {"q": "Добавленная"}).content.decode()
    second = client.get(f"{url}?{_next_query_of(first)}").content.decode()
    names = re.findall(r">(Добавленная Дарья \d+)</a>", first) + re.findall(r">(Добавленная Дарья \d+)</a>", second)
    assert names == sorted(names, key=lambda n: (n,)) and len(names) == len(set(names)) == 30
    assert "q=" in _next_query_of(first)  # the search stays in the «Дальше» link


def _next_query_of(html):
    import re

    return re.search(r'href="\?([^"]*after=[^"]+)" rel="next"', html).group(1).replace("&amp;", "&")
