"""Russian declension for letters (pytrovich): greetings, dative address lines, flags when unsure."""

import pytest

from outreach.declension import declension, detect_gender, position_dative


@pytest.mark.parametrize(
    ("last", "first", "middle", "greeting", "dative"),
    [
        ("Иванов", "Иван", "Петрович", "Уважаемый Иван Петрович!", "Иванову Ивану Петровичу"),
        ("Сергеева", "Анна", "Сергеевна", "Уважаемая Анна Сергеевна!", "Сергеевой Анне Сергеевне"),
        ("Захарова", "Мария", "Ивановна", "Уважаемая Мария Ивановна!", "Захаровой Марии Ивановне"),
        ("Соколов", "Николай", "Ильич", "Уважаемый Николай Ильич!", "Соколову Николаю Ильичу"),
        ("Кузьмина", "Ольга", "Никитична", "Уважаемая Ольга Никитична!", "Кузьминой Ольге Никитичне"),
    ],
)
def test_it_declines_male_and_female_names(last, first, middle, greeting, dative):
    result = declension(last_name=last, first_name=first, middle_name=middle)
    assert result.greeting == greeting
    assert result.dative_name == dative
    assert result.flags == []


def test_it_builds_the_dative_address_to_a_minister():
    result = declension(
        last_name="Иванов",
        first_name="Иван",
        middle_name="Петрович",
        position="Министр социального развития Заречной области",
    )
    assert result.address == "Министру социального развития Заречной области\nИванову Ивану Петровичу"


def test_it_takes_the_gender_from_the_patronymic_and_obeys_the_manual_override():
    assert detect_gender("Саша", "Александровна") == "f"
    assert detect_gender("Саша", "Александрович") == "m"
    assert declension(last_name="Ким", first_name="Саша", gender="f").greeting == "Уважаемая Саша!"


def test_it_leaves_names_it_cannot_decline_unchanged_and_flags_them():
    result = declension(last_name="Smith", first_name="John")
    assert result.dative_name == "Smith John"
    assert result.greeting == "Уважаемый(ая) John!"
    assert result.needs_check
    assert any("не кириллица" in f for f in result.flags)
    assert any("Пол не определился" in f for f in result.flags)


def test_it_flags_a_surname_that_does_not_change():
    result = declension(last_name="Шевченко", first_name="Ольга", middle_name="Николаевна")
    assert result.dative_name == "Шевченко Ольге Николаевне"
    assert result.needs_check


def test_it_declines_common_positions_and_flags_unknown_ones():
    assert position_dative("Главный редактор газеты «Вести»") == "Главному редактору газеты «Вести»"
    assert position_dative("Заместитель министра") == "Заместителю министра"
    assert position_dative("Пресс-секретарь") is None
    result = declension(last_name="Петров", first_name="Пётр", middle_name="Петрович", position="Пресс-секретарь")
    assert result.address.startswith("Пресс-секретарь\n") and result.needs_check
    manual = declension(
        last_name="Петров",
        first_name="Пётр",
        middle_name="Петрович",
        position="Пресс-секретарь",
        position_dative_text="Пресс-секретарю",
    )
    assert manual.address == "Пресс-секретарю\nПетрову Петру Петровичу" and not manual.needs_check
