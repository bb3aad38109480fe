"""The whole dashboard as plain, masked data: the page, the XLSX workbook and the PDF report share it."""

from helprequests.models import Channel, CloseReason, Status, Urgency
from stats import figures, programme_sections, rollup

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

# The territory table's columns: (key, header); ?sort=key ascending, ?sort=-key descending.
COLUMNS = [
    ("name", "Территория"),
    ("requests", "Обращений"),
    ("people", "Людей"),
    ("connected_within_limit_pct", "Связь в срок, %"),
    ("median_hours_to_connect", "Медиана часов до связи"),
    ("overdue_now", "Просрочено сейчас"),
]
TABLE_HEADERS = [header for _, header in COLUMNS]
SORTS = {key for key, _ in COLUMNS} | {f"-{key}" for key, _ in COLUMNS}


def figure_rows(data):
    rows = []
    for key, label in FIGURES:
        current, previous = data["current"][key], data["previous"][key]
        change = figures.change(current, previous)
        if key in figures.MASKED_COLUMNS and figures.SMALL in (figures.mask(current), figures.mask(previous)):
            change = None  # the difference would reveal a masked small count
        masked = key in figures.MASKED_COLUMNS
        rows.append(
            {
                "key": key,
                "label": label,
                "current": figures.mask(current) if masked else current,
                "previous": figures.mask(previous) if masked else previous,
                "change": change,
            }
        )
    return rows


def breakdown_tables(data):
    result = []
    for key, label, labels in BREAKDOWNS:
        current, previous = data["breakdowns"][key], data["previous_breakdowns"][key]
        names = list(current) + [n for n in previous if n not in current]
        rows = [
            {
                "name": (labels or {}).get(n, n),
                "raw": current.get(n, 0),
                "current": figures.mask(current.get(n, 0)),
                "previous": figures.mask(previous.get(n, 0)),
            }
            for n in names
        ]
        result.append({"key": key, "label": label, "rows": rows})
    return result


def chart(key, title, pairs):
    """A bar chart's data with its text alternative; masked small counts are left out of the bars."""
    labels = [name for name, _ in pairs]
    values = [value if value == 0 or value >= 3 else None for _, value in pairs]
    described = ", ".join(f"{name} — {figures.mask(value)}" for name, value in pairs) or "нет данных"
    return {
        "id": f"chart-{key}",
        "data_id": f"chart-{key}-data",
        "title": title,
        "labels": labels,
        "values": values,
        "alt": f"Столбчатая диаграмма «{title}»: {described}. Те же числа — в таблице под диаграммой.",
    }


def build(user, territory, date_from, date_to, sort=None, gaps=False):
    """The dashboard of a territory the user may choose, read from its rollup (computed once when stale)."""
    data, programmes, computed_at = rollup.current(territory, date_from, date_to)
    lines = figures.sort_lines(data["lines"], sort if sort in SORTS else None)
    tables = breakdown_tables(data)
    need = next(t for t in tables if t["key"] == "need")
    report = {
        "territory": territory,
        "date_from": date_from,
        "date_to": date_to,
        "data": data,
        "rows": figure_rows(data),
        "breakdowns": tables,
        "lines": [figures.masked_line(line) for line in lines],
        "total": figures.masked_line(data["total"]),
        "people_known": figures.mask(data["people_known"]),
        "charts": {
            "territories": chart(
                "territories", "Обращения по территориям", [(line["name"], line["requests"]) for line in data["lines"]]
            ),
            "needs": chart("needs", "Обращения по потребностям", [(r["name"], r["raw"]) for r in need["rows"]]),
        },
        "programmes": programme_sections.sections(programmes),
        "computed_at": computed_at,
    }
    if gaps:
        from stats import gaps as gap_figures

        found, _ = rollup.gaps(territory, date_from, date_to)
        report["gaps"] = [gap_figures.masked(line) for line in found["lines"]]
        report["gap_places"] = [{**p, "label": gap_figures.label(p)} for p in found["places"]]
    return report


def bars(chart_data):
    """A chart as rows of simple bars for print: (label, shown value, bar width in % of the largest)."""
    values = [v for v in chart_data["values"] if v]
    top = max(values) if values else 0
    rows = []
    for label, value in zip(chart_data["labels"], chart_data["values"], strict=True):
        shown = figures.SMALL if value is None else value
        rows.append({"label": label, "value": shown, "width": round(100 * value / top) if value and top else 0})
    return {"title": chart_data["title"], "bars": rows}
