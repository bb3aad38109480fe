"""The analyst's dashboard: figures beside the previous period, a sortable table per child territory, charts
with their numbers, programmes; every table to XLSX."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from accounts import access
from exports.views import start as exports_start
from stats import period, report, selectors


def choice(request):
    """Territory and period from the query string; bad values fall back to defaults with a message."""
    territories = selectors.territories_for(request.user)
    territory = None
    raw = request.GET.get("territory", "")
    if raw.isdigit():
        territory = selectors.territory_chosen(request.user, int(raw))
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


def _sort(request):
    sort = request.GET.get("sort", "")
    return sort if sort in report.SORTS else ""


def _headers(sort):
    """Column headers as links: a click sorts by the column, a second click reverses; aria-sort tells which."""
    result = []
    for key, label in report.COLUMNS:
        state = "ascending" if sort == key else "descending" if sort == f"-{key}" else None
        result.append({"key": key, "label": label, "state": state, "next": f"-{key}" if sort == key else key})
    return result


@login_required
def dashboard(request):
    access.require(request, "stats.view")
    territories, territory, date_from, date_to, errors = choice(request)
    context = {"territories": territories, "territory": territory, "errors": errors, "tab": "figures"}
    if territory is None:
        return render(request, "stats/dashboard.html", context)
    sort = _sort(request)
    context.update(report.build(request.user, territory, date_from, date_to, sort=sort))
    context.update({"query": query(territory, date_from, date_to), "sort": sort, "headers": _headers(sort)})
    context["pdf_url"] = reverse("stats:report_pdf")
    return render(request, "stats/dashboard.html", context)


@login_required
def export(request):
    """Queued for the worker (stats.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "stats_territories")


@login_required
def tables_export(request):
    """Every table of the dashboard (or one, ?table=key) as sheets of one XLSX workbook, built by the worker."""
    return exports_start(request, "stats_tables")


@login_required
def report_pdf(request):
    """The dashboard as a printable PDF for a ministry meeting, built by the worker (stats.export_kinds, #12)."""
    access.require(request, "stats.view")
    if choice(request)[1] is None:
        raise Http404
    return exports_start(request, "stats_report_pdf")
