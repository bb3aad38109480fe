import io
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from assessments import selectors, services
from exports.testing import fetched


def _session(region, territory, held_on, scores, user="coordinator"):
    actor = region.users[user]
    session = services.session_create(actor=actor, territory=territory, held_on=held_on)
    services.scores_save(session=session, rows={n: {"value": v} for n, v in scores.items()}, actor=actor)
    return session


def test_it_compares_a_territory_over_time(region):
    _session(region, region.a1, date(2025, 1, 14), {1: "3", 2: "4", 3: "3", 4: "nr"})
    _session(region, region.a1, date(2026, 1, 20), {1: "4", 2: "4", 3: "2", 4: "3"})
    data = selectors.over_time(region.users["coordinator"], region.a1)
    assert [c["label"] for c in data["columns"]] == ["14.01.2025", "20.01.2026"]
    cells = {r["number"]: [(c["value"], c["delta"]) for c in r["cells"]] for r in data["rows"]}
    assert (
        cells[1] == [(3, None), (4, 1)] and cells[3] == [(3, None), (2, -1)] and cells[4] == [("nr", None), (3, None)]
    )
    assert [r["number"] for r in data["bottlenecks"]] == [3, 4]
    page = region.client("coordinator").get(reverse("assessments:over_time"), {"territory": region.a1.pk})
    assert "(+1)" in page.content.decode() and "(-1)" in page.content.decode()


def test_it_puts_territories_side_by_side_for_one_version(region):
    # session_a (district A): criterion 1 → 3, 4 → не требуется; an older and a newer session of A1.
    _session(region, region.a1, date(2020, 1, 1), {1: "1"})
    _session(region, region.a1, date(2026, 1, 20), {1: "5", 2: "2"})
    admin = region.users["admin"]
    data = selectors.heat_map(admin, region.session_a.template)
    labels = [c["label"] for c in data["columns"]]
    assert labels == ["Район А", "Посёлок А1", "Район Б"]
    first = data["rows"][0]
    assert [c["value"] for c in first["cells"]] == [3, 5, None] and first["average"] == 4.0
    assert [r["number"] for r in data["bottlenecks"]] == [2]
    coordinator = selectors.heat_map(region.users["coordinator"], region.session_a.template)
    assert "Район Б" not in [c["label"] for c in coordinator["columns"]]


def test_it_exports_the_heat_map_to_xlsx(region):
    _session(region, region.a1, date(2026, 1, 20), {1: "5", 4: "nr"})
    response = fetched(region.client("analyst"), reverse("assessments:heat_map_export"))  # by the worker (#12)
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.values)[1:]  # row 1: territory and period of the export
    assert rows[0][:4] == ("№", "Критерий", "Район А", "Посёлок А1")
    assert rows[1][2:4] == ("3", "5")
    assert rows[4][2:4] == ("не требуется", "не требуется")


def test_it_shows_the_heat_map_with_bottlenecks_to_an_analyst(region):
    response = region.client("analyst").get(reverse("assessments:heat_map"))
    body = response.content.decode()
    assert response.status_code == 200 and "Узкие места" in body and "score-3" in body
