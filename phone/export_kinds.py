"""The «Алло, волонтёр!» KPI export (#12): built by the worker with the owner's scope (exports.registry).
Figures only (analysts get them too): the same period, territory and cells as the KPI page — read from the
same rollup (`phone.rollup.for_page`, refreshed once when stale), so the file equals the page."""

from types import SimpleNamespace

from django.utils import timezone

from core.utils import int_param, period
from core.xlsx import Percent, export_about
from exports.registry import Kind, Rows, register
from phone import rollup, selectors


def _chosen(user, params):
    """(territory, start, finish) as the KPI page chose them for this user and these filters."""
    start, finish = period(SimpleNamespace(GET=params), lambda today: today.replace(day=1))
    territory = selectors.kpi_territory(selectors.kpi_territories(user), int_param(params.get("territory")))
    return territory, start, finish


def kpi_rows(user, params):
    from phone.views import KPI_LABELS, SERIES_LABELS

    territory, start, finish = _chosen(user, params)
    figures, series, total, _computed_at = rollup.for_page(user, territory, start, finish)
    rows = [(KPI_LABELS[k], _cell(k, figures[k])) for k in KPI_LABELS]
    if series:
        rows += [("", ""), ("По кварталам с начала работы службы", "")]
        rows += [tuple(SERIES_LABELS.values())]
        rows += [tuple(_cell(k, r[k]) for k in SERIES_LABELS) for r in [*series, total]]
    return Rows(len(rows), iter(rows), None)


def _cell(key, value):
    """Numbers stay numbers (shares as percents, like the centre results file); «—» for nothing."""
    if value is None:
        return "—"
    if key.endswith("_pct") and isinstance(value, int | float):
        return Percent(value / 100)
    return value


def kpi_headers(user, params):
    _territory, start, finish = _chosen(user, params)
    return [f"Показатель (с {start:%d.%m.%Y} по {finish:%d.%m.%Y})", "Значение"]


def kpi_about(user, params):
    territory, start, finish = _chosen(user, params)
    *_figures, computed_at = rollup.for_page(user, territory, start, finish)
    about = export_about(user, territory=territory, start=start, finish=finish)
    return f"{about} · Данные на {timezone.localtime(computed_at):%d.%m.%Y %H:%M}"


register(
    Kind(
        key="phone_kpi",
        title="KPI «Алло, волонтёр!»",
        sheet="Алло, волонтёр!",
        filename="allo-volonter-kpi",
        capability="phone.kpi",
        headers=kpi_headers,
        rows=kpi_rows,
        params=("territory", "date_from", "date_to"),
        about=kpi_about,
    )
)
