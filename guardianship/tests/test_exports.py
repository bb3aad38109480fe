"""The guardianship exports are built by the worker with the owner's scope (#12)."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from exports.testing import fetched


def _values(response):
    assert response.status_code == 200
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_it_exports_the_register_of_guardians_in_the_owners_territory_only(region):
    rows = _values(fetched(region.client("coordinator"), reverse("guardianship:guardians"), {"format": "xlsx"}))
    assert rows[0][0].startswith("Территория: ")
    assert rows[1][:3] == ["Опекун", "Вид", "Территория"] and len(rows[1]) == 11
    assert [r[0] for r in rows[2:]] == [region.guardian_a.name]
    assert rows[2][4] == "+7 910 000-00-01" and rows[2][9] == "МВ-1"
    other = _values(fetched(region.client(region.coordinator_b), reverse("guardianship:guardians"), {"format": "xlsx"}))
    assert region.guardian_a.name not in [r[0] for r in other[2:]]


def test_it_exports_the_report_as_figures_in_the_owners_territory_only(region):
    query = {"territory": region.a.pk, "format": "xlsx"}
    rows = _values(fetched(region.client("analyst"), reverse("guardianship:reports"), query))
    assert rows[0][:2] == ["Территория", "Требуется опека (на сегодня)"]
    assert any(str(r[0]).startswith("Итого: Район А") for r in rows)
    assert "Ивановых" not in str(rows)
    # district B's coordinator asking for A gets their own district
    rows = _values(fetched(region.client(region.coordinator_b), reverse("guardianship:reports"), query))
    labels = [str(r[0]) for r in rows]
    assert any(label.startswith("Итого: Район Б") for label in labels) and "Посёлок А1" not in labels
