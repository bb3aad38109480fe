"""Coverage gaps («узкие места»): a table, a map of territories with labels, XLSX."""

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render

from accounts import access
from exports.views import start as exports_start
from stats import gap_selectors, gaps, rollup
from stats.views import choice, query

GAP_HEADERS = [
    "Территория",
    "Потребность",
    "Обращений",
    "Людей обратились",
    "Семей «Требуется опека»",
    "Помощников рядом",
    "Узкое место",
    "Медиана часов ожидания",
    "Ждут связи сейчас",
]
GAP_KEYS = [
    "territory",
    "need",
    "requests",
    "people",
    "families",
    "helpers",
    "gap",
    "median_wait_hours",
    "waiting_now",
]


def cells(line):
    """A masked gap line as spreadsheet or PDF cells."""
    line = gaps.masked(line)
    values = []
    for key in GAP_KEYS:
        value = line[key]
        if key == "gap":
            value = "нет помощника" if value else "—"
        values.append("—" if value is None else value)
    return values


@login_required
def gaps_page(request):
    access.require(request, "stats.view")
    territories, territory, date_from, date_to, errors = choice(request)
    context = {"territories": territories, "territory": territory, "errors": errors, "tab": "gaps"}
    if territory is not None:
        data, computed_at = rollup.gaps(territory, date_from, date_to)  # the dashboard's rollup (#12)
        lines = [gaps.masked(line) for line in data["lines"]]
        context.update(
            {
                "computed_at": computed_at,
                "date_from": date_from,
                "date_to": date_to,
                "query": query(territory, date_from, date_to),
                "lines": lines,
                "gap_count": sum(1 for line in lines if line["gap"]),
                "places": [{**p, "label": gaps.label(p)} for p in data["places"]],
            }
        )
    return render(request, "stats/gaps.html", context)


@login_required
def gaps_export(request):
    """Queued for the worker (stats.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "stats_gaps")


@login_required
def gaps_map(request):
    access.require(request, "stats.view")
    territories, territory, date_from, date_to, errors = choice(request)
    if territory is None:
        return JsonResponse({"type": "FeatureCollection", "features": []})
    places = rollup.gaps(territory, date_from, date_to)[0]["places"]
    return JsonResponse(gap_selectors.map_features(territory, places))
