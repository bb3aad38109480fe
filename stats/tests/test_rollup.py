"""#12: the statistics dashboard reads a rollup the periodic job computes; a stale or missing one is computed
once by the page; the figures are those of a live computation at the moment shown («данные на HH:MM»)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from stats import period, rollup
from stats.models import Rollup
from stats.tests.test_dashboard import _request


@pytest.fixture
def rolled(region):
    from helprequests.models import HelpRequest

    HelpRequest.objects.all().delete()
    day = timezone.now() - timedelta(days=3)
    for _ in range(4):
        _request(region.person_a, day, hours=2)
    return region


def _page(client, territory):
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("stats:dashboard"), {"territory": territory.pk})
    assert page.status_code == 200
    return page.content.decode(), len(queries)


def _requests_figure(html):
    row = html.split('data-figure="requests"', 1)[1].split("</tr>", 1)[0]
    return row.split("<td>", 2)[1].split("</td>", 1)[0]


def test_it_computes_the_region_and_districts_ahead_in_the_periodic_check(rolled):
    message = rollup.refresh_dashboards()
    date_from, date_to = period.default_period()
    stored = set(Rollup.objects.filter(date_from=date_from, date_to=date_to).values_list("territory_id", flat=True))
    assert {rolled.region.pk, rolled.a.pk, rolled.b.pk} <= stored
    assert message.startswith("сводок статистики обновлено:")


def test_it_reads_the_rollup_with_a_fixed_number_of_queries_whatever_the_data(rolled):
    client = rolled.client("analyst")
    rollup.refresh_dashboards()
    _page(client, rolled.region)  # warm: session, first-use caches
    html, before = _page(client, rolled.region)
    assert _requests_figure(html) == "4"
    assert "Данные на " in html and "Район А" in html
    for _ in range(20):
        _request(rolled.person_b, timezone.now() - timedelta(days=1), hours=1)
    rollup.refresh_dashboards()
    html, after = _page(client, rolled.region)
    assert _requests_figure(html) == "24"
    assert after <= before <= 12, (before, after)


def test_it_shows_the_rollup_until_it_is_refreshed_then_the_new_figures(rolled):
    client = rolled.client("analyst")
    rollup.refresh_dashboards()
    _request(rolled.person_b, timezone.now() - timedelta(days=1), hours=1)
    html, _ = _page(client, rolled.region)
    assert _requests_figure(html) == "4"  # the figures of the rollup's moment, said on the page
    computed = Rollup.objects.get(territory=rolled.region, date_from=period.default_period()[0]).computed_at
    assert f"Данные на {timezone.localtime(computed):%H:%M}" in html
    Rollup.objects.update(computed_at=timezone.now() - rollup.ROLLUP_MAX_AGE - timedelta(minutes=1))
    html, _ = _page(client, rolled.region)  # stale: computed once by this request and stored
    assert _requests_figure(html) == "5"
    assert Rollup.objects.get(territory=rolled.region, date_from=period.default_period()[0]).computed_at > computed


def test_it_computes_a_period_nobody_asked_for_once_and_stores_it(rolled):
    client = rolled.client("analyst")
    day = timezone.localdate() - timedelta(days=10)
    params = {
        "territory": rolled.region.pk,
        "date_from": f"{day:%Y-%m-%d}",
        "date_to": f"{timezone.localdate():%Y-%m-%d}",
    }
    assert client.get(reverse("stats:dashboard"), params).status_code == 200
    assert Rollup.objects.filter(territory=rolled.region, date_from=day).count() == 1
    assert client.get(reverse("stats:dashboard"), params).status_code == 200
    assert Rollup.objects.filter(territory=rolled.region, date_from=day).count() == 1


def test_it_stores_exactly_what_a_live_computation_gives(rolled):
    date_from, date_to = period.default_period()
    now = timezone.now()
    figures, programmes = rollup.compute(rolled.region, date_from, date_to, now=now)
    rollup.refresh(rolled.region, date_from, date_to, now=now)
    stored_figures, stored_programmes, at = rollup.current(rolled.region, date_from, date_to, now=now)
    assert (stored_figures, stored_programmes, at) == (figures, programmes, now)


def test_it_drops_rollups_of_other_periods_after_a_day(rolled):
    old = timezone.localdate() - timedelta(days=200)
    rollup.refresh(rolled.region, old, old + timedelta(days=5), now=timezone.now() - timedelta(days=2))
    rollup.refresh_dashboards()
    assert not Rollup.objects.filter(date_from=old).exists()


def test_it_keeps_small_counts_masked_in_the_rollup_page(rolled):
    _request(rolled.person_b, timezone.now() - timedelta(days=1), hours=1)
    rollup.refresh_dashboards()
    html, _ = _page(rolled.client("analyst"), rolled.region)
    assert "Район Б" in html and "&lt; 3" in html
