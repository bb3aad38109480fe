"""Rollups of the KPI page «Показатели «Алло, волонтёр!»» (#12), as the statistics dashboard's (stats.rollup).

The quarterly series since the service began reads every call of the scope (1 000 000 at scale 0.1: seconds),
so the page reads a stored row instead: the period's figures (`queries.kpi_for`) and the series with its
total row (`queries.quarterly_for`) of a territory and period, exactly what they return. The periodic check
(`manage.py periodic` → `refresh_kpi`) computes the default period (this month) of the region and every
district ahead; a row older than core.rollup.ROLLUP_MAX_AGE, or a period nobody asked for yet, is computed once by the
request that needs it and stored for the next viewer (the series is taken from a fresh row ending in the
same quarter when there is one). The page says «Данные на HH:MM». Rows of other periods are dropped after a
day. Aggregates only: counts and shares, never a person."""

from datetime import timedelta

from django.utils import timezone

from accounts import access
from core import rollup
from phone import kpi, queries
from phone.models import KpiRollup
from territories.models import Territory

AHEAD_KINDS = (Territory.Kind.REGION, Territory.Kind.DISTRICT)


def default_period(today):
    """The page's period when none is asked for: from the first of the month to today."""
    return today.replace(day=1), today


def compute(territory, date_from, date_to, series=None):
    """(figures, series, total) computed live; `series`: a (series, total) pair to reuse (same last quarter)."""
    enrolments, identifications = queries.kpi_scope(access.territory_reader(territory))
    figures = queries.kpi_for(enrolments, date_from, date_to, identifications)
    rows, total = series if series is not None else queries.quarterly_for(enrolments, identifications, date_to)
    return figures, rows, total


def _same_quarter(territory, date_to, now):
    """A fresh row's series ending in the quarter of `date_to` (the series depends on nothing else)."""
    first, last = kpi.quarter_bounds(*kpi.quarter_of(date_to))
    row = (
        rollup.fresh_rows(KpiRollup, now)
        .filter(territory=territory, date_to__range=(first, last))
        .only("series", "total")
        .order_by("-computed_at")
        .first()
    )
    return (row.series, row.total) if row is not None else None


def refresh(territory, date_from, date_to, now=None, reuse_series=False):
    """Compute the rollup now and store it (one row per territory and period); returns the row."""
    now = now or timezone.now()
    series = _same_quarter(territory, date_to, now) if reuse_series else None
    figures, rows, total = compute(territory, date_from, date_to, series=series)
    values = {"computed_at": now, "figures": figures, "series": rows, "total": total}
    return rollup.store(KpiRollup, values, territory=territory, date_from=date_from, date_to=date_to)


def current(territory, date_from, date_to, now=None):
    """The stored rollup if fresh, else computed once now. Returns (figures, series, total, computed_at)."""
    now = now or timezone.now()
    row = rollup.fresh_rows(KpiRollup, now).filter(territory=territory, date_from=date_from, date_to=date_to).first()
    if row is None:
        row = refresh(territory, date_from, date_to, now=now, reuse_series=True)
    return row.figures, row.series, row.total, row.computed_at


def for_page(user, territory, date_from, date_to, now=None):
    """The KPI page's figures for the user: of the chosen territory (one the user may choose), else of the
    user's territory. A user without a territory (or the whole installation) is counted live."""
    from accounts import access

    now = now or timezone.now()
    scope = territory if territory is not None else (None if access.is_nationwide(user) else user.territory)
    if scope is None:
        enrolments, identifications = queries.kpi_scope(user, territory)
        figures = queries.kpi_for(enrolments, date_from, date_to, identifications)
        series, total = queries.quarterly_for(enrolments, identifications, date_to)
        return figures, series, total, now
    return current(scope, date_from, date_to, now=now)


def refresh_kpi(now=None):
    """Periodic check: this month of the region and its districts computed ahead; rows of other periods are
    refreshed while viewed and dropped after a day."""
    now = now or timezone.now()
    date_from, date_to = default_period(timezone.localdate(now))
    count = 0
    for territory in Territory.objects.filter(kind__in=AHEAD_KINDS).order_by("path"):
        refresh(territory, date_from, date_to, now=now)
        count += 1
    dropped, _ = KpiRollup.objects.filter(computed_at__lt=now - timedelta(days=1)).delete()
    return f"сводок показателей телефонной службы обновлено: {count}, удалено устаревших: {dropped}"
