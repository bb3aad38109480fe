"""The «Алло, волонтёр!» KPI export is built by the worker with the owner's scope (#12)."""

import io

from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from exports.testing import fetched
from phone.views import KPI_LABELS


def _values(response):
    assert response.status_code == 200
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_it_exports_the_kpi_of_the_chosen_period_and_territory(region):
    query = {"format": "xlsx", "territory": region.a1.pk, "date_from": "2026-01-01", "date_to": "2026-01-31"}
    rows = _values(fetched(region.client("analyst"), reverse("phone:kpi"), query))
    assert rows[0][0].startswith("Территория: Посёлок А1 · Период: с 01.01.2026 по 31.01.2026")
    assert rows[1] == ["Показатель (с 01.01.2026 по 31.01.2026)", "Значение"]
    assert [r[0] for r in rows[2 : 2 + len(KPI_LABELS)]] == list(KPI_LABELS.values())


def test_a_territory_out_of_scope_falls_back_to_the_owners_own(region):
    query = {"format": "xlsx", "territory": region.a1.pk}
    rows = _values(fetched(region.client(region.coordinator_b), reverse("phone:kpi"), query))
    assert rows[0][0].startswith("Территория: Район Б ·")


def test_it_reads_the_rollup_the_page_shows_so_the_file_equals_the_page(region):
    from phone import rollup
    from phone.models import KpiRollup

    today = timezone.localdate()
    date_from, date_to = rollup.default_period(today)
    rollup.current(region.a1, date_from, date_to)  # the page's stored row (fresh for an hour)
    first = next(iter(KPI_LABELS))
    KpiRollup.objects.filter(territory=region.a1).update(figures={**_stored(region), first: 4242})
    query = {"format": "xlsx", "territory": region.a1.pk, "date_from": f"{date_from:%Y-%m-%d}"}
    query["date_to"] = f"{date_to:%Y-%m-%d}"
    client = region.client("analyst")
    rows = _values(fetched(client, reverse("phone:kpi"), query))
    assert rows[2][:2] == [KPI_LABELS[first], 4242]
    assert "Данные на" in rows[0][0]
    del query["format"]
    page = client.get(reverse("phone:kpi"), query).content.decode()
    assert "4242" in page


def _stored(region):
    from phone.models import KpiRollup

    return KpiRollup.objects.get(territory=region.a1).figures


def test_it_writes_the_figures_as_numbers_and_the_shares_as_percents(region):
    from phone import rollup
    from phone.models import KpiRollup

    date_from, date_to = rollup.default_period(timezone.localdate())
    rollup.current(region.a1, date_from, date_to)
    KpiRollup.objects.filter(territory=region.a1).update(figures={**_stored(region), "calls": 30, "reached_pct": 80.0})
    query = {"format": "xlsx", "territory": region.a1.pk, "date_from": f"{date_from:%Y-%m-%d}"}
    query["date_to"] = f"{date_to:%Y-%m-%d}"
    response = fetched(region.client("analyst"), reverse("phone:kpi"), query)
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = {row[0].value: row[1] for row in sheet.iter_rows(min_row=3, max_col=2) if row[0].value}
    assert cells[KPI_LABELS["calls"]].value == 30
    reached = cells[KPI_LABELS["reached_pct"]]
    assert reached.value == 0.8 and reached.number_format == "0.0%"
    numbers = [cells[label].value for label in KPI_LABELS.values() if cells[label].value != "—"]
    assert not [v for v in numbers if isinstance(v, str)], numbers
