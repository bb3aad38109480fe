"""The support centres' exports are built by the worker with the owner's scope (#12)."""

import io

from django.urls import reverse
from openpyxl import load_workbook

from exports import services
from exports.models import Export
from exports.testing import fetched


def _values(response):
    assert response.status_code == 200
    return [[c.value for c in row] for row in load_workbook(io.BytesIO(response.content)).active.iter_rows()]


def test_it_exports_the_visits_of_a_centre_in_scope(region):
    url = reverse("centres:visit_export", args=[region.centre_a.pk])
    rows = _values(fetched(region.client("coordinator"), url))
    assert rows[0][0].startswith("Центр А1 · Территория: Посёлок А1 · Период: с ")
    assert rows[1] == [
        "Дата",
        "Человек",
        "Возраст",
        "Услуга",
        "Кто оказал",
        "Оплата",
        "Сумма, ₽",
        "Откуда узнали",
        "Обращение",
    ]
    assert [r[1] for r in rows[2:]] == [region.person_a.full_name]
    export = Export.objects.get()
    assert export.file_name.startswith("posescheniya-") and export.params == {"centre": str(region.centre_a.pk)}
    # another district's coordinator: refused in the request, and the worker refuses the centre too
    assert region.client(region.coordinator_b).get(url).status_code == 404
    foreign = Export.objects.create(
        owner=region.coordinator_b, kind="centre_visits", title="x", params={"centre": str(region.centre_a.pk)}
    )
    services.export_build(export_id=foreign.pk)
    foreign.refresh_from_db()
    assert foreign.status == Export.Status.FAILED and not foreign.file


def test_it_exports_the_results_of_a_centre_as_figures(region):
    rows = _values(fetched(region.client("analyst"), reverse("centres:report_xlsx", args=[region.centre_a.pk])))
    assert rows[0][0].startswith("Территория: Посёлок А1 · Период: с 01.01.")
    assert rows[1][0].startswith("Центр А1: итоги ") and rows[1][1] == "Значение"
    assert "Услуги по видам" in [r[0] for r in rows[2:]]
    assert region.person_a.full_name not in str(rows)
    assert Export.objects.get().file_name.startswith(f"itogi-{region.centre_a.pk}-")
