"""Export kinds of the statistics (#12): built by the worker with the owner's scope (exports.registry).

The territory and period are chosen again in the worker exactly as the page chose them (`stats.views.choice`
over the owner's territories), so an analyst still gets aggregates only, with small counts masked «< 3»."""

from types import SimpleNamespace

from exports.registry import Document, Kind, Rows, register
from stats import report, workbook
from stats.views import _sort, choice
from stats.views_gaps import GAP_HEADERS, cells

FILTERS = ("territory", "date_from", "date_to", "sort")


def _chosen(user, params):
    """(territory, date_from, date_to, sort) as the dashboard chose them for this user and these filters."""
    asked = SimpleNamespace(user=user, GET=params)  # what `choice` reads: the user and the filters
    _territories, territory, date_from, date_to, _errors = choice(asked)
    return territory, date_from, date_to, _sort(asked)


def territory_rows(user, params):
    territory, date_from, date_to, sort = _chosen(user, params)
    rows = []
    if territory:
        rows = workbook.territory_rows(report.build(user, territory, date_from, date_to, sort=sort))
    return Rows(len(rows), iter(rows), None)


def tables_write(user, params, path, progress):
    territory, date_from, date_to, sort = _chosen(user, params)
    data = report.build(user, territory, date_from, date_to, sort=sort) if territory else None
    return workbook.write(path, data, params.get("table", "")), None


def gap_rows(user, params):
    from stats import gap_selectors

    territory, date_from, date_to, _sort = _chosen(user, params)
    lines = gap_selectors.gaps_for(territory, date_from, date_to)["lines"] if territory else []
    return Rows(len(lines), (cells(line) for line in lines), None)


def report_pdf(user, params):
    """The dashboard as a printable PDF for a ministry meeting: cover, figures, bars, programmes, gaps."""
    from django.utils import timezone

    from core import documents

    territory, date_from, date_to, sort = _chosen(user, params)
    if territory is None:
        raise PermissionError("территория вне вашей области")
    data = report.build(user, territory, date_from, date_to, sort=sort, gaps=True)
    data.update(
        {
            "prepared": timezone.localtime(),
            "table_headers": report.TABLE_HEADERS,
            "bars": {key: report.bars(chart) for key, chart in data["charts"].items()},
        }
    )
    content = documents.render_pdf("stats/report_print.html", data)
    return Document(content, name=f"Статистика {territory.name} {date_from:%d.%m.%Y}-{date_to:%d.%m.%Y}")


def _titled(title):
    """The export's title names the territory and the period, so two exports of one table differ in the list."""

    def label(user, params):
        territory, date_from, date_to, _sort = _chosen(user, params)
        if territory is None:
            return title
        return f"{title}: {territory.name}, {date_from:%d.%m.%Y}–{date_to:%d.%m.%Y}"

    return label


def _no_about(user, params):
    return ""  # the statistics files had no line above the columns


register(
    Kind(
        key="stats_territories",
        title="Статистика по территориям",
        label=_titled("Статистика по территориям"),
        sheet="Территории",
        filename="statistika-territorii",
        capability="stats.view",
        headers=report.TABLE_HEADERS,
        rows=territory_rows,
        params=FILTERS,
        about=_no_about,
    )
)
register(
    Kind(
        key="stats_tables",
        title="Статистика: таблицы панели",
        label=_titled("Статистика: таблицы панели"),
        filename=lambda params: workbook.filename(params.get("table", "")),
        capability="stats.view",
        write=tables_write,
        params=(*FILTERS, "table"),
    )
)
register(
    Kind(
        key="stats_gaps",
        title="Статистика: узкие места",
        label=_titled("Статистика: узкие места"),
        sheet="Узкие места",
        filename="uzkie-mesta",
        capability="stats.view",
        headers=GAP_HEADERS,
        rows=gap_rows,
        params=FILTERS,
        about=_no_about,
    )
)
register(
    Kind(
        key="stats_report_pdf",
        title="Статистика: отчёт PDF",
        label=_titled("Статистика: отчёт PDF"),
        filename="statistika-otchet",
        capability="stats.view",
        extension="pdf",
        document=report_pdf,
        params=FILTERS,
    )
)
