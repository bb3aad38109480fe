"""#12: the requests' search box finds its matches through trigram indexes on PostgreSQL (ids by number or text,
and by the person's name), and the follow-up queues read each open call's request by its key — the same rows
as the filters they replaced."""

import pytest
from django.db import connection
from django.db.models import Q
from django.utils import timezone

from accounts import access
from helprequests import queues, selectors
from helprequests.models import FollowUp, HelpRequest
from helprequests.services import request_create
from helprequests.tests.test_queue_counts import _requests


def _old_search(qs, q):
    return qs.filter(Q(number__icontains=q) | Q(beneficiary__full_name__icontains=q) | Q(description__icontains=q))


def test_it_finds_the_requests_the_single_filter_found(region):
    request_create(beneficiary=region.person_a, channel="hotline", needs=[], description="Нужны дрова на зиму")
    request_create(beneficiary=region.person_b, channel="hotline", needs=[], description="Купить лекарства")
    number = HelpRequest.objects.order_by("pk").first().number
    for user in (region.users["coordinator"], region.users["admin"], region.users["operator"]):
        base = access.scoped(user, queues.all_requests())
        for q in ["иванова", "Анна", "ДРОВА", "лекарств", number, number[-3:], "нет такого"]:
            found = list(selectors.search(base, q).order_by("-received_at", "-pk"))
            assert found == list(_old_search(base, q).order_by("-received_at", "-pk")), (user, q)
    page = region.client("operator").get("/requests/", {"queue": "all", "q": "дрова"}).content.decode()
    assert "Нужны дрова на зиму" in page or region.person_a.full_name in page


def test_it_lists_the_open_follow_up_calls_of_the_requests_in_scope_as_before(region):
    _requests(region)
    now = timezone.now()
    for user in (region.users["coordinator"], region.users["admin"], region.users["org_staff"]):
        base = access.scoped(user, queues.all_requests())
        before = FollowUp.objects.filter(request__in=base, done_at__isnull=True)
        assert sorted(queues.open_followups_of(base).values_list("pk", flat=True)) == sorted(
            before.values_list("pk", flat=True)
        )
        for key, (_, fn) in queues.FOLLOWUP_QUEUES.items():
            assert set(fn(base, now)) == set(before.filter(pk__in=fn(base, now).values("pk"))), key
    assert FollowUp.objects.filter(done_at__isnull=True).exists()


@pytest.mark.django_db
def test_it_indexes_the_requests_number_and_text_by_trigrams_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("trigram indexes exist on PostgreSQL only")
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname FROM pg_indexes WHERE tablename = 'helprequests_helprequest'")
        names = {row[0] for row in cursor.fetchall()}
    assert {"helprequest_number_trgm", "helprequest_description_trgm"} <= names
    sql, params = selectors.search(HelpRequest.objects.all(), "дрова").values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # Without sequential and plain index scans, only a bitmap scan of an index answering LIKE '%…%' is left.
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute("SET LOCAL enable_indexonlyscan = off")
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "helprequest_description_trgm" in plan and "people_name_trgm" in plan
