"""Figures API for a regional portal: aggregates only, never a name, phone or address."""

from datetime import date, timedelta

from django.http import Http404
from ninja import Router, Schema

from accounts import access
from stats import figures, period, selectors

router = Router(tags=["Статистика"])


class TerritoryRef(Schema):
    id: int
    name: str


class Figures(Schema):
    requests: int
    people: int
    connected_within_limit_pct: float | None
    median_hours_to_connect: float | None
    p90_hours_to_connect: float | None
    overdue_now: int | None
    satisfaction_avg: float | None
    followups_on_time_pct: float | None


class StatsSummaryOut(Figures):
    territory: TerritoryRef
    date_from: date
    date_to: date
    people_known: int
    previous: Figures
    previous_from: date
    previous_to: date


class LineOut(Schema):
    territory_id: int | None
    name: str
    requests: int | str
    people: int | str
    connected_within_limit_pct: float | None
    median_hours_to_connect: float | None
    overdue_now: int | str


class TableOut(Schema):
    territory: TerritoryRef
    date_from: date
    date_to: date
    lines: list[LineOut]
    total: LineOut


def _territory(request, territory_id):
    if territory_id is None:
        territory = selectors.default_territory(request.user)
        if territory is None:
            raise Http404
        return territory
    return access.get_or_404(
        request, selectors.territories_for(request.user), "stats.view", field="id", pk=territory_id
    )


def _figures(request, territory_id, date_from, date_to):
    access.require(request, "stats.view")
    territory = _territory(request, territory_id)
    date_from, date_to = period.check_period(date_from, date_to)
    data = selectors.figures_for(territory, date_from, date_to)
    return territory, date_from, date_to, data


@router.get("/stats/summary", response=StatsSummaryOut, summary="Сводные показатели по территории за период")
def summary(request, territory_id: int | None = None, date_from: date | None = None, date_to: date | None = None):
    territory, date_from, date_to, data = _figures(request, territory_id, date_from, date_to)
    return {
        **data["current"],
        "territory": {"id": territory.pk, "name": territory.name},
        "date_from": date_from,
        "date_to": date_to,
        "people_known": data["people_known"],
        "previous": data["previous"],
        "previous_from": data["previous_from"],
        "previous_to": data["previous_to"],
    }


@router.get("/stats/territories", response=TableOut, summary="Показатели по дочерним территориям с итогом")
def territories(request, territory_id: int | None = None, date_from: date | None = None, date_to: date | None = None):
    territory, date_from, date_to, data = _figures(request, territory_id, date_from, date_to)
    return {
        "territory": {"id": territory.pk, "name": territory.name},
        "date_from": date_from,
        "date_to": date_to,
        "lines": [figures.masked_line(line, hidden=None) for line in data["lines"]],
        "total": figures.masked_line(data["total"], hidden=None),
    }


class GapOut(Schema):
    territory_id: int
    territory: str
    code: str
    need: str
    requests: int | str
    people: int | str
    families: int | str
    helpers: int
    gap: bool
    median_wait_hours: float | None
    waiting_now: int | str


class GapsOut(Schema):
    territory: TerritoryRef
    date_from: date
    date_to: date
    gaps: int
    lines: list[GapOut]


@router.get("/stats/gaps", response=GapsOut, summary="Узкие места: территории и потребности без помощника")
def gaps(request, territory_id: int | None = None, date_from: date | None = None, date_to: date | None = None):
    from stats import gap_selectors
    from stats import gaps as gap_figures

    access.require(request, "stats.view")
    territory = _territory(request, territory_id)
    date_from, date_to = period.check_period(date_from, date_to)
    lines = gap_selectors.gaps_for(territory, date_from, date_to)["lines"]
    return {
        "territory": {"id": territory.pk, "name": territory.name},
        "date_from": date_from,
        "date_to": date_to,
        "gaps": sum(1 for line in lines if line["gap"]),
        "lines": [gap_figures.masked(line) for line in lines],
    }


class ProgrammeRow(Schema):
    key: str
    label: str
    current: int | float | str | None
    previous: int | float | str | None
    change: float | None


class ProgrammeGroup(Schema):
    key: str
    label: str
    rows: list[ProgrammeRow]


class ProgrammeOut(Schema):
    key: str
    title: str
    available: bool
    rows: list[ProgrammeRow]
    groups: list[ProgrammeGroup]


class ProgrammesOut(Schema):
    territory: TerritoryRef
    date_from: date
    date_to: date
    previous_from: date
    previous_to: date
    programmes: list[ProgrammeOut]


@router.get(
    "/stats/programmes",
    response=ProgrammesOut,
    summary="Показатели программ (телефонная служба, опека, волонтёры, организации, сообщества, мероприятия, сессии)",
)
def programmes(request, territory_id: int | None = None, date_from: date | None = None, date_to: date | None = None):
    from stats import programme_sections, programme_selectors

    access.require(request, "stats.view")
    territory = _territory(request, territory_id)
    date_from, date_to = period.check_period(date_from, date_to)
    start, end = selectors.bounds(date_from, date_to)
    prev_start, prev_end = figures.previous_period(start, end)
    previous_from, previous_to = prev_start.date(), (prev_end - timedelta(days=1)).date()
    data = programme_selectors.programmes_for(request.user, territory, date_from, date_to, previous_from, previous_to)
    return {
        "territory": {"id": territory.pk, "name": territory.name},
        "date_from": date_from,
        "date_to": date_to,
        "previous_from": previous_from,
        "previous_to": previous_to,
        "programmes": programme_sections.sections(data),
    }
