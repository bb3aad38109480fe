"""Rollups of the statistics dashboard (#12): the heavy aggregates of a territory and period computed by the
periodic job (`manage.py periodic` → `refresh_dashboards`) and read by the page, the XLSX tables and the PDF.

A rollup older than ROLLUP_MAX_AGE (or missing: a period nobody asked for yet) is computed once by the request
that needs it and stored, so the next viewer reads it. The page says when its figures were computed
(«данные на 14:05»). Figures are the same as a live computation at that moment: the rollup stores exactly
what `selectors.figures_for` and `programme_selectors.programmes_for` return (aggregates only)."""

from datetime import date, timedelta

from django.utils import timezone

from accounts import access
from core import rollup
from stats import period, programme_selectors, selectors
from stats.models import Rollup
from territories.models import Territory

ROLLUP_MAX_AGE = rollup.ROLLUP_MAX_AGE
# Territories refreshed ahead by the periodic job (default period); settlements are computed when asked.
AHEAD_KINDS = (Territory.Kind.REGION, Territory.Kind.DISTRICT)
DATES = ("previous_from", "previous_to")


def compute(territory, date_from, date_to, now=None):
    """(figures, programmes) computed live: plain data, JSON-safe apart from the two dates of `figures`."""
    now = now or timezone.now()
    figures = selectors.figures_for(territory, date_from, date_to, now=now)
    programmes = programme_selectors.programmes_for(
        access.territory_reader(territory),
        territory,
        date_from,
        date_to,
        figures["previous_from"],
        figures["previous_to"],
    )
    return figures, programmes


def refresh(territory, date_from, date_to, now=None):
    """Compute the rollup now and store it (one row per territory and period); returns the row."""
    now = now or timezone.now()
    figures, programmes = compute(territory, date_from, date_to, now=now)
    stored = {**figures, **{key: figures[key].isoformat() for key in DATES}}
    from stats import gap_selectors

    found = gap_selectors.gaps_for(territory, date_from, date_to, now=now)
    values = {"computed_at": now, "figures": stored, "programmes": programmes, "gaps": found}
    return rollup.store(Rollup, values, territory=territory, date_from=date_from, date_to=date_to)


def _fresh(territory, date_from, date_to, now):
    row = rollup.fresh_rows(Rollup, now).filter(territory=territory, date_from=date_from, date_to=date_to).first()
    if row is None or row.gaps is None:
        row = refresh(territory, date_from, date_to, now=now)
    return row


def gaps(territory, date_from, date_to, now=None):
    """The coverage gaps of the rollup ({"lines", "places"} as `gap_selectors.gaps_for`) and their moment."""
    row = _fresh(territory, date_from, date_to, now or timezone.now())
    return row.gaps, row.computed_at


def current(territory, date_from, date_to, now=None):
    """The stored rollup if it is fresh, else computed once now. Returns (figures, programmes, computed_at)."""
    now = now or timezone.now()
    row = _fresh(territory, date_from, date_to, now)
    figures = {**row.figures, **{key: date.fromisoformat(row.figures[key]) for key in DATES}}
    return figures, row.programmes, row.computed_at


def refresh_dashboards(now=None):
    """Periodic check: the default period (the last 30 days) of the region and its districts is computed
    ahead; rollups of other periods are refreshed while they are being viewed and dropped after a day."""
    now = now or timezone.now()
    date_from, date_to = period.default_period(timezone.localdate(now))
    count = 0
    for territory in Territory.objects.filter(kind__in=AHEAD_KINDS).order_by("path"):
        refresh(territory, date_from, date_to, now=now)
        count += 1
    dropped, _ = Rollup.objects.filter(computed_at__lt=now - timedelta(days=1)).delete()
    return f"сводок статистики обновлено: {count}, удалено устаревших: {dropped}"
