"""Pure functions of questionnaires: reading a respondent's form and summarizing known answers."""

from django.http import QueryDict

from outreach import questions as q

SCALE = {
    "id": 1,
    "section": "",
    "text": "Активность",
    "kind": "scale",
    "required": True,
    "choices": [],
    "allow_other": False,
}
SINGLE = {
    "id": 2,
    "section": "",
    "text": "Деятельность",
    "kind": "single",
    "required": True,
    "choices": ["Основная", "Вспомогательная"],
    "allow_other": False,
}
MULTI = {
    "id": 3,
    "section": "",
    "text": "Направления",
    "kind": "multiple",
    "required": False,
    "choices": ["Долголетие", "Уход", "Срочная помощь"],
    "allow_other": True,
}
NUMBER = {
    "id": 4,
    "section": "",
    "text": "Сколько НКО",
    "kind": "number",
    "required": False,
    "choices": [],
    "allow_other": False,
}
TEXT = {
    "id": 5,
    "section": "",
    "text": "Запросы",
    "kind": "text",
    "required": False,
    "choices": [],
    "allow_other": False,
}
ALL = [SCALE, SINGLE, MULTI, NUMBER, TEXT]


def _data(**values):
    data = QueryDict(mutable=True)
    for key, value in values.items():
        for v in value if isinstance(value, list) else [value]:
            data.appendlist(key, v)
    return data


def test_it_summarizes_scale_answers_3_4_5_as_mean_4_and_a_distribution():
    item = q.summarize([SCALE], [{"1": 3}, {"1": 4}, {"1": 5}, {}])[0]
    assert item["n"] == 3
    assert item["mean"] == 4.0
    assert item["distribution"] == [0, 0, 1, 1, 1]
    assert [r["pct"] for r in item["rows"]] == [0.0, 0.0, 33.3, 33.3, 33.3]


def test_it_counts_choices_with_other_texts_and_lists_open_answers():
    answers = [
        {"3": {"choices": ["Уход", "Срочная помощь"], "other": ""}, "5": "Нужен транспорт", "4": 3},
        {"3": {"choices": ["Уход"], "other": "Юридическая помощь"}, "4": 5},
        {"3": {"choices": [], "other": "Досуг"}},
    ]
    multi, number, text = q.summarize([MULTI, NUMBER, TEXT], answers)
    assert [(r["label"], r["count"]) for r in multi["rows"]] == [
        ("Долголетие", 0),
        ("Уход", 2),
        ("Срочная помощь", 1),
        ("Другое", 2),
    ]
    assert multi["others"] == ["Юридическая помощь", "Досуг"]
    assert (number["n"], number["mean"], number["median"], number["min"], number["max"]) == (2, 4.0, 4.0, 3, 5)
    assert text["texts"] == ["Нужен транспорт"]


def test_it_reads_a_complete_form():
    answers, errors = q.read(
        ALL,
        _data(q1="4", q2="0", q3=["1", "other"], q3_other="Юристы", q4="12,5", q5="  Нужен транспорт "),
        final=True,
    )
    assert errors == {}
    assert answers == {
        "1": 4,
        "2": {"choices": ["Основная"], "other": ""},
        "3": {"choices": ["Уход"], "other": "Юристы"},
        "4": 12.5,
        "5": "Нужен транспорт",
    }


def test_it_refuses_missing_required_and_out_of_range_answers_in_russian():
    _, errors = q.read(ALL, _data(q1="7", q4="много", q3=["other"], q5="x" * 2001), final=True)
    assert errors["q1"] == ["Оценка — целое число от 1 до 5."]
    assert errors["q2"] == ["Ответьте на этот вопрос — он обязательный."]
    assert errors["q3"] == ["Вы выбрали «Другое» — напишите свой вариант."]
    assert errors["q4"] == ["Введите число, например 12 или 3,5."]
    assert errors["q5"][0].startswith("Ответ не длиннее 2000 знаков")


def test_it_refuses_choices_that_are_not_offered_and_two_answers_to_a_single_choice():
    _, errors = q.read([SINGLE], _data(q2=["0", "1"]), final=False)
    assert errors == {"q2": ["Выберите один вариант."]}
    _, errors = q.read([SINGLE], _data(q2="9"), final=False)
    assert errors == {"q2": ["Выберите вариант из списка."]}
    _, errors = q.read([NUMBER], _data(q4="1e12"), final=False)
    assert "не больше" in errors["q4"][0]


def test_it_saves_a_draft_without_the_required_answers():
    answers, errors = q.read(ALL, _data(q5="Черновик"), final=False)
    assert errors == {} and answers == {"5": "Черновик"}


def test_it_restores_a_draft_into_form_values():
    values = q.initial(ALL, {"1": 3, "3": {"choices": ["Уход"], "other": "Юристы"}, "4": 2.5})
    assert values == {"q1": "3", "q3": ["1", "other"], "q3_other": "Юристы", "q4": "2,5"}


def test_it_computes_response_rates_by_group():
    rows = [
        {"t": "Район А", "answered": True},
        {"t": "Район А", "answered": False},
        {"t": "Район Б", "answered": True},
    ]
    table, total = q.response_rates(rows, "t")
    assert table == [
        {"label": "Район А", "sent": 2, "answered": 1, "pct": 50.0},
        {"label": "Район Б", "sent": 1, "answered": 1, "pct": 100.0},
    ]
    assert total == {"label": "Всего", "sent": 3, "answered": 2, "pct": 66.7}
