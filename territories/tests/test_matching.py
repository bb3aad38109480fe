import pytest

from territories.matching import best_matches

PLACES = [(1, "Озёрск"), (2, "Озёры"), (3, "Ключи"), (4, "Спас-Клепики"), (5, "Ерахтур"), (6, "Заречный")]


@pytest.mark.parametrize(
    "typed",
    ["Озёрск", "озерск", "ОЗЕРСК", "  г. Озёрск ", "Озерскк", "Озрск", "город Озерск"],
)
def test_it_finds_a_locality_despite_case_yo_and_small_typos(typed):
    assert best_matches(typed, PLACES)[0] == 1


def test_it_offers_prefix_matches_for_autocomplete():
    assert best_matches("оз", PLACES) == [1, 2]  # alphabetical: Озёрск, Озёры


def test_it_finds_nothing_for_gibberish_or_empty():
    assert best_matches("Владивосток", PLACES) == []
    assert best_matches("   ", PLACES) == []


def test_it_handles_hyphenated_names():
    assert best_matches("спас клепики", PLACES)[0] == 4
