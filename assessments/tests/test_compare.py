"""Comparison tables and «узкие места» are pure functions over plain scores."""

from assessments import compare

CRITERIA = [(1, "Известность"), (2, "Маршрутизация"), (3, "Ресурсы"), (4, "Менеджмент")]
FIRST = {"label": "14.01.2025", "scores": {1: 3, 2: 4, 3: 3, 4: "nr"}}
SECOND = {"label": "20.01.2026", "scores": {1: 4, 2: 4, 3: 2, 4: 3}}


def test_it_builds_the_table_of_a_known_pair_of_sessions():
    rows = compare.table(CRITERIA, [FIRST, SECOND])
    assert [[c["value"] for c in r["cells"]] for r in rows] == [[3, 4], [4, 4], [3, 2], ["nr", 3]]
    assert [[c["delta"] for c in r["cells"]] for r in rows] == [[None, 1], [None, 0], [None, -1], [None, None]]
    assert [r["average"] for r in rows] == [3.5, 4.0, 2.5, 3.0]
    assert rows[3]["cells"][0]["css"] == "score-nr" and rows[0]["cells"][0]["css"] == "score-3"


def test_it_lists_the_lowest_criteria_as_bottlenecks():
    rows = compare.table(CRITERIA, [FIRST, SECOND])
    assert [r["number"] for r in compare.bottlenecks(rows)] == [3, 4]


def test_it_does_not_call_not_required_a_bottleneck():
    rows = compare.table(CRITERIA, [FIRST])
    assert [r["number"] for r in compare.bottlenecks(rows)] == [1, 3]
    assert compare.text("nr") == "не требуется" and compare.text(None) == ""
