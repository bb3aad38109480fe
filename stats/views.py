"""The analyst's dashboard: figures beside the previous period, a table per child territory, XLSX, a chart."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import render

from accounts import access
from audit import log as audit_log
from core.xlsx import xlsx_response
from helprequests.models import Channel, CloseReason, Status, Urgency
from stats import figures, period, programme_sections, programme_selectors, selectors

FIGURES = [
    ("requests", "Обращений поступило"),
    ("people", "Людей обратились (каждый один раз)"),
    ("connected_within_limit_pct", "Связь установлена в срок, %"),
    ("median_hours_to_connect", "Медиана часов до связи"),
    ("p90_hours_to_connect", "90-й перцентиль часов до связи"),
    ("overdue_now", "Просрочено сейчас (ждут связи дольше срока)"),
    ("followups_on_time_pct", "Контрольные звонки сделаны вовремя, %"),
    ("satisfaction_avg", "Удовлетворённость (1–5), средняя"),
]

BREAKDOWNS = [
    ("need", "Что нужно", None),
    ("channel", "Канал", dict(Channel.choices)),
    ("status", "Статус сейчас", dict(Status.choices)),
    ("urgency", "Срочность", dict(Urgency.choices)),
    ("close_reason", "Причины закрытия (закрыты в периоде)", dict(CloseReason.choices)),
]

TABLE_HEADERS = [
    "Территория",
    "Обращений",
    "Людей",
    "Связь в срок, %",
    "Медиана часов до связи",
    "Просрочено сейчас",
]


def choice(request):
    """Territory and period from the query string; bad values fall back to defaults with a message."""
    territories = selectors.territories_for(request.user)
    territory = None
    raw = request.GET.get("territory", "")
    if raw.isdigit():
        territory = territories.filter(pk=int(raw)).first()
    territory = territory or selectors.default_territory(request.user)
    errors = []
    date_from = period.parse_day(request.GET.get("date_from", ""))
    date_to = period.parse_day(request.GET.get("date_to", ""))
    if request.GET.get("date_from") and date_from is None or request.GET.get("date_to") and date_to is None:
        errors.append("Дата не распознана: используйте формат ДД.ММ.ГГГГ. Показаны последние 30 дней.")
        date_from = date_to = None
    try:
        date_from, date_to = period.check_period(date_from, date_to)
    except ValidationError as exc:
        errors.extend(m for messages in exc.message_dict.values() for m in messages)
        date_from, date_to = period.check_period(None, None)
    return territories, territory, date_from, date_to, errors


def query(territory, date_from, date_to):
    """The filter as a query string for links between the tabs, exports and the PDF."""
    return f"territory={territory.pk}&date_from={date_from:%Y-%m-%d}&date_to={date_to:%Y-%m-%d}"


def _rows(data):
    rows = []
    for key, label in FIGURES:
        current, previous = data["current"][key], data["previous"][key]
        change = figures.change(current, previous)
        if key in figures.MASKED_COLUMNS and figures.SMALL in (figures.mask(current), figures.mask(previous)):
            change = None  # the difference would reveal a masked small count
        rows.append(
            {
                "key": key,
                "label": label,
                "current": figures.mask(current) if key in figures.MASKED_COLUMNS else current,
                "previous": figures.mask(previous) if key in figures.MASKED_COLUMNS else previous,
                "change": change,
            }
        )
    return rows


def _breakdowns(data):
    result = []
    for key, label, labels in BREAKDOWNS:
        current, previous = data["breakdowns"][key], data["previous_breakdowns"][key]
        names = list(current) + [n for n in previous if n not in current]
        result.append(
            {
                "key": key,
                "label": label,
                "rows": [
                    {
                        "name": (labels or {}).get(n, n),
                        "current": figures.mask(current.get(n, 0)),
                        "previous": figures.mask(previous.get(n, 0)),
                    }
                    for n in names
                ],
            }
        )
    return result


@login_required
def dashboard(request):
    access.require(request, "stats.view")
    territories, territory, date_from, date_to, errors = choice(request)
    context = {"territories": territories, "territory": territory, "errors": errors, "tab": "figures"}
    if territory is None:
        return render(request, "stats/dashboard.html", context)
    data = selectors.figures_for(territory, date_from, date_to)
    lines = [figures.masked_line(line) for line in data["lines"]]
    chart = {
        "labels": [line["name"] for line in data["lines"]],
        "values": [
            line["requests"] if line["requests"] >= 3 or line["requests"] == 0 else None for line in data["lines"]
        ],
    }
    context.update(
        {
            "date_from": date_from,
            "date_to": date_to,
            "query": query(territory, date_from, date_to),
            "data": data,
            "rows": _rows(data),
            "breakdowns": _breakdowns(data),
            "lines": lines,
            "total": figures.masked_line(data["total"]),
            "chart": chart,
            "people_known": figures.mask(data["people_known"]),
            "programmes": programme_sections.sections(
                programme_selectors.programmes_for(
                    request.user, territory, date_from, date_to, data["previous_from"], data["previous_to"]
                )
            ),
        }
    )
    return render(request, "stats/dashboard.html", context)


@login_required
def export(request):
    access.require(request, "stats.view")
    territories, territory, date_from, date_to, errors = choice(request)
    data = selectors.figures_for(territory, date_from, date_to) if territory else {"lines": [], "total": None}
    keys = ["name", "requests", "people", "connected_within_limit_pct", "median_hours_to_connect", "overdue_now"]
    lines = [figures.masked_line(line) for line in data["lines"]]
    if data["total"]:
        lines.append(figures.masked_line(data["total"]))
    response = xlsx_response(
        "statistika-territorii",
        TABLE_HEADERS,
        ([line[k] if line[k] is not None else "—" for k in keys] for line in lines),
        title="Территории",
    )
    audit_log.exported(request, "Статистика по территориям", response.row_count)
    return response
