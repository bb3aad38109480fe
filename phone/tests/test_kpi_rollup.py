"""#12: the KPI page reads a rollup — exactly the live computation, computed once an hour or by the periodic check."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from phone import queries, rollup
from phone.models import KpiRollup
from phone.tests.test_kpi_sql import _service


def _live(user, territory, date_from, date_to):
    enrolments, identifications = queries.kpi_scope(user, territory)
    figures = queries.kpi_for(enrolments, date_from, date_to, identifications)
    series, total = queries.quarterly_for(enrolments, identifications, date_to)
    return figures, series, total


def test_it_stores_exactly_what_the_live_computation_returns(region):
    _service(region)
    coordinator = region.users["coordinator"]  # of district A
    today = timezone.localdate()
    for territory, (date_from, date_to) in [
        (None, rollup.default_period(today)),
        (region.a1, rollup.default_period(today)),
        (None, (today - timedelta(days=400), today - timedelta(days=100))),
    ]:
        figures, series, total, at = rollup.for_page(coordinator, territory, date_from, date_to)
        assert (figures, series, total) == _live(coordinator, territory, date_from, date_to)
        assert series and total["calls"] > 0
    assert set(KpiRollup.objects.values_list("territory", flat=True)) == {region.a.pk, region.a1.pk}
    region_wide = rollup.current(region.region, *rollup.default_period(today))[:3]
    assert region_wide == _live(region.users["admin"], region.region, *rollup.default_period(today))


def test_it_reads_a_fresh_rollup_and_recomputes_a_stale_one(region):
    _service(region)
    today, now = timezone.localdate(), timezone.now()
    period = rollup.default_period(today)
    first = rollup.current(region.a, *period, now=now)
    with CaptureQueriesContext(connection) as read:
        again = rollup.current(region.a, *period, now=now + timedelta(minutes=59))
    assert again == first and len(read.captured_queries) == 1
    later = rollup.current(region.a, *period, now=now + timedelta(minutes=61))
    assert later[3] == now + timedelta(minutes=61) and later[:3] == first[:3]
    assert KpiRollup.objects.count() == 1


def test_the_periodic_check_computes_the_region_and_districts_ahead_and_drops_old_rows(region):
    _service(region)
    now = timezone.now()
    old = KpiRollup.objects.create(
        territory=region.b1, date_from=now.date(), date_to=now.date(), computed_at=now - timedelta(days=2), figures={}
    )
    message = rollup.refresh_kpi(now=now)
    assert "обновлено: 3" in message and "удалено устаревших: 1" in message
    assert not KpiRollup.objects.filter(pk=old.pk).exists()
    period = rollup.default_period(timezone.localdate(now))
    assert set(
        KpiRollup.objects.filter(date_from=period[0], date_to=period[1]).values_list("territory", flat=True)
    ) == {
        region.region.pk,
        region.a.pk,
        region.b.pk,
    }


def test_the_page_reads_the_rollup_with_a_fixed_number_of_queries_and_says_when(region):
    _service(region)
    client = region.client("coordinator")
    rollup.refresh_kpi()
    with CaptureQueriesContext(connection) as first:
        page = client.get(reverse("phone:kpi")).content.decode()
    assert "Данные на" in page and "По кварталам с начала работы службы" in page
    _service(region, seed=2)  # more calls: the page still reads one stored row
    with CaptureQueriesContext(connection) as second:
        client.get(reverse("phone:kpi"))
    assert len(second.captured_queries) == len(first.captured_queries)
    assert not any('"phone_call"' in q["sql"] for q in second.captured_queries)
