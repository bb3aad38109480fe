import random

import phonenumbers
import pytest
from django.core.exceptions import ValidationError

from core.phones import _plain, normalize_phone


def _reference(raw):
    """What normalize_phone returned before its fast path: phonenumbers on every text."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "RU")
    except phonenumbers.NumberParseException:
        return ValidationError
    if not phonenumbers.is_valid_number(number) or number.country_code != 7:
        return ValidationError
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _outcome(raw):
    try:
        return normalize_phone(raw)
    except ValidationError:
        return ValidationError


def _notations(rng, count):
    prefixes = ["+7", "8", "7", "+8", "", "+7 8", "88", "+77", "+ 7"]
    for _ in range(count):
        digits = "".join(rng.choice("0123456789") for _ in range(rng.choice([9, 10, 10, 10, 11])))
        if rng.random() < 0.5:
            digits = rng.choice(["9", "4", "3", "8", "0", "7"]) + digits[1:]
        prefix = rng.choice(prefixes)
        text = ""
        for i, digit in enumerate(digits):
            if i in (3, 6, 8) and rng.random() < 0.7:
                text += rng.choice([" ", "-", ") ", " (", "--", "  "])
            text += digit
        if rng.random() < 0.1:
            text += rng.choice([" доб. 12", "a", "#", "/", " "])
        yield prefix + rng.choice(["", " ", " (", "-"]) + text


def test_it_normalizes_the_usual_notations_as_phonenumbers_does():
    assert normalize_phone(" 8 (4912) 55-12-34 ") == "+74912551234"
    assert normalize_phone("+7 910 111-22-33") == "+79101112233"
    assert normalize_phone("8 800 555-35-35") == "+78005553535"
    assert normalize_phone("") == ""
    for bad in ["12345", "+7 012 345-67-89", "+1 212 555-01-23"]:
        with pytest.raises(ValidationError, match="Телефон не распознан"):
            normalize_phone(bad)


def test_it_gives_the_same_answer_as_phonenumbers_on_every_notation():
    """#12: the fast path for «+7 …»/«8 …» must not change a single outcome."""
    rng = random.Random(7)
    texts = list(_notations(rng, 20000))
    differences = [(t, _outcome(t), _reference(t)) for t in texts if _outcome(t) != _reference(t)]
    assert differences == []
    assert sum(isinstance(_outcome(t), str) for t in texts) > 3000  # many valid numbers among them

    def fast(text):
        try:
            return _plain(text.strip()) is not None
        except ValidationError:
            return True  # refused by the fast path

    assert sum(fast(t) for t in texts) > 3000  # and the fast path took many of them, valid or not
