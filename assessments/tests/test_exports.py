"""The expert sessions' exports are built by the worker with the owner's scope (#12)."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from exports.models import Export
from exports.testing import fetched


def _values(response):
    assert response.status_code == 200
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_it_exports_the_sessions_of_the_owners_territory_only(region):
    rows = _values(fetched(region.client("coordinator"), reverse("assessments:export")))
    assert rows[1][:4] == ["Дата", "Территория", "Тема", "Чек-лист"] and rows[1][-1] == "Критерий 9"
    assert [r[1] for r in rows[2:]] == ["Район А"]
    assert rows[2][4] == "3"  # criterion 1 scored 3 in the fixture
    rows = _values(fetched(region.client(region.coordinator_b), reverse("assessments:export")))
    assert [r[1] for r in rows[2:]] == ["Район Б"]
    assert Export.objects.filter(kind="assessment_sessions").first().file_name.startswith("ekspertnye-sessii-")


def test_it_exports_the_comparison_as_figures_in_the_owners_territory(region):
    rows = _values(fetched(region.client("coordinator"), reverse("assessments:heat_map_export")))
    assert rows[1][:2] == ["№", "Критерий"] and rows[1][-1] == "Среднее"
    assert "Район Б" not in rows[1]
    export = Export.objects.get()
    assert export.title == "Сравнение оценок «Доступность заботы»" and export.file_name.startswith("teplovaya-karta-")
