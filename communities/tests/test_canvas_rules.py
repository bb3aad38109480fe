"""The canvas rules are pure functions: no database."""

from communities import canvas


def test_it_has_the_seeds_17_blocks_and_9_sections():
    assert len(canvas.FULL_BLOCKS) == 17
    assert len(canvas.MINIMUM_BLOCKS) == 9
    assert canvas.FULL_BLOCKS[0].question == "Зачем существует сообщество?"
    assert canvas.MINIMUM_BLOCKS[2].question == "Какие 3 принципа нам важны?"


def test_it_refuses_a_fourth_value_in_russian():
    errors = canvas.validate("minimum", {"purpose": "x"}, ["a", "b", "c", "d"], [])
    assert errors["values"] == ["Ценностей должно быть ровно 3: уберите лишние (4 указано)."]


def test_it_refuses_a_metric_without_a_target():
    errors = canvas.validate("minimum", {"purpose": "x"}, ["a", "b", "c"], [{"name": "Встреч в месяц", "target": ""}])
    assert errors["metrics"] == ["Метрика 1 «Встреч в месяц»: укажите целевое значение через 12 месяцев."]


def test_it_accepts_three_values_and_metrics_with_targets():
    metrics = [{"name": f"m{i}", "target": "10"} for i in range(3)]
    assert canvas.validate("minimum", {"purpose": "x"}, ["a", "b", "c"], metrics) == {}
    assert canvas.is_complete("minimum", {b.code: "x" for b in canvas.MINIMUM_BLOCKS}, ["a", "b", "c"], metrics)


def test_it_diffs_two_versions_by_block():
    changes = canvas.diff(
        "full",
        {"purpose": "Помогать соседям", "rules": "Без политики"},
        {"purpose": "Помогать старшим соседям", "rules": "Без политики"},
    )
    assert [c["label"] for c in changes] == ["Цель"]
    assert ("removed", "Помогать соседям") in changes[0]["lines"]
    assert ("added", "Помогать старшим соседям") in changes[0]["lines"]
