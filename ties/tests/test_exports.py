"""The «Риск одиночества: свод» export is built by the worker with the owner's scope (#12): analysts get
counts of 1–2 masked «< 3», as on the page."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from exports.models import Export
from exports.testing import fetched
from ties.tests.test_worklist import _isolated


def _values(response):
    assert response.status_code == 200
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_it_exports_the_counts_masked_for_analysts_and_in_the_owners_territory(region):
    _isolated(region, "Сводова Светлана Петровна")
    rows = _values(fetched(region.client("analyst"), reverse("ties:counts"), {"format": "xlsx"}))
    assert rows[1] == ["Территория", "Высокий", "Средний", "Низкий", "Всего"]
    line = next(r for r in rows[2:] if r[0] == "Посёлок А1")
    assert line[1] == "< 3" and "Сводова" not in str(rows)
    assert Export.objects.get().file_name.startswith("risk-odinochestva-svod-")
    rows = _values(fetched(region.client(region.coordinator_b), reverse("ties:counts"), {"format": "xlsx"}))
    assert "Посёлок А1" not in [r[0] for r in rows[2:]]
