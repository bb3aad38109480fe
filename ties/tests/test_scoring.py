"""The isolation-risk score on hand-made cases: each factor raises (or lowers) the score as documented."""

import pytest
from django.conf import settings

from ties.scoring import HIGH, LOW, MEDIUM, Facts, female_by_name, score

CONFIG = settings.ISOLATION_RISK
W = CONFIG["weights"]
# A baseline with no risk factor at all: two active ties, a contact yesterday, age 70.
BASE = {"active_ties": 2, "days_since_contact": 1, "age": 70}


@pytest.mark.parametrize(
    "change, delta, sentence",
    [
        ({"lives_alone": True, "female": True}, W["lives_alone"], "живёт одна"),
        ({"lives_alone": True, "female": False}, W["lives_alone"], "живёт один"),
        ({"lives_alone": True}, W["lives_alone"], "живёт один(а)"),
        ({"mobility": "limited"}, W["mobility_limited"], "передвигается с трудом"),
        ({"mobility": "homebound"}, W["mobility_homebound"], "не выходит из дома"),
        ({"mobility": "bedridden"}, W["mobility_bedridden"], "не встаёт с постели"),
        ({"active_ties": 0}, W["no_ties"], "нет ни одной активной связи"),
        ({"active_ties": 1}, W["one_tie"], "всего одна активная связь"),
        ({"days_since_contact": 7}, 1, "нет контакта 7 дней"),
        ({"days_since_contact": 14}, 2, "нет контакта 14 дней"),
        ({"days_since_contact": 21}, 3, "нет контакта 21 день"),
        ({"days_since_contact": 22}, 3, "нет контакта 22 дня"),
        ({"days_since_contact": None}, CONFIG["never_contacted"], "успешных контактов не записано"),
        ({"age": 84}, W["age_80"], "84 года"),
        ({"age": 91}, W["age_90"], "91 год"),
        ({"bereavement": True, "female": True}, W["bereavement"], "недавно потеряла близкого человека"),
        ({"hospital": True, "female": False}, W["hospital"], "недавно был в больнице"),
        ({"refused_help": True}, W["refused_help"], "отказывается от помощи"),
        ({"relative_nearby": True}, W["relative_nearby"], "рядом живёт родственник"),
        ({"regular_calls": True}, W["regular_calls"], "регулярные звонки «Алло, волонтёр!»"),
        ({"daily_contact": True}, W["daily_contact"], "ежедневный контакт с близкими"),
    ],
)
def test_it_moves_the_score_by_each_factors_weight_with_its_sentence(change, delta, sentence):
    base = score(Facts(**BASE), CONFIG)
    changed = score(Facts(**{**BASE, **change}), CONFIG)
    assert base.score == 0 and base.level == LOW and base.sentences == []
    assert changed.score - base.score == delta
    assert sentence in changed.sentences


def test_it_rates_an_isolated_woman_high_and_explains_it():
    result = score(
        Facts(lives_alone=True, female=True, mobility="homebound", active_ties=0, days_since_contact=21, age=86),
        CONFIG,
    )
    assert result.level == HIGH and result.level_name == "высокий"
    assert result.sentences == [
        "нет ни одной активной связи",
        "нет контакта 21 день",
        "живёт одна",
        "не выходит из дома",
        "86 лет",
    ]


def test_it_rates_a_person_with_daily_calls_and_a_relative_nearby_low():
    result = score(
        Facts(
            lives_alone=True,
            mobility="homebound",
            age=88,
            active_ties=2,
            days_since_contact=0,
            regular_calls=True,
            relative_nearby=True,
            daily_contact=True,
        ),
        CONFIG,
    )
    assert result.level == LOW


def test_it_draws_the_level_boundaries_from_the_settings():
    medium = CONFIG["thresholds"]["medium"]
    high = CONFIG["thresholds"]["high"]
    # days_since_contact=None gives `never_contacted` points; lives_alone adds 2; no ties adds 3.
    assert score(Facts(active_ties=2, days_since_contact=None), CONFIG).score == CONFIG["never_contacted"]
    assert score(Facts(active_ties=2, days_since_contact=None), CONFIG).level == (
        MEDIUM if CONFIG["never_contacted"] >= medium else LOW
    )
    assert score(Facts(lives_alone=True, active_ties=0, days_since_contact=None), CONFIG).score >= high
    custom = {**CONFIG, "thresholds": {"medium": 1, "high": 2}}
    assert score(Facts(lives_alone=True, active_ties=2, days_since_contact=1), custom).level == HIGH


def test_it_reads_the_gender_for_the_wording_from_the_patronymic():
    assert female_by_name("Иванова Анна Петровна") is True
    assert female_by_name("Соколов Николай Петрович") is False
    assert female_by_name("Обезличено №5") is None
