import re

import phonenumbers
from django.core.exceptions import ValidationError

INVALID = "Телефон не распознан: укажите российский номер, например +7 912 345-67-89."
# The usual Russian notations: «+7» or «8», then ten digits in any grouping of spaces, hyphens and brackets.
_PLAIN = re.compile(r"(?:\+7|8)[\d\s()\-]+")
_NOT_DIGIT = re.compile(r"\D")


def _plain(raw):
    """E.164 of a number in the usual notation, as phonenumbers would parse it (#12: parsing is most of the cost
    of an import's phone check); None when the text is anything else (parsed in full then)."""
    if not _PLAIN.fullmatch(raw):
        return None
    digits = _NOT_DIGIT.sub("", raw)[1:]  # the «7» of «+7» or the national prefix «8» dropped
    if len(digits) != 10 or digits[0] == "0":
        return None
    number = phonenumbers.PhoneNumber(country_code=7, national_number=int(digits))
    if not phonenumbers.is_valid_number(number):
        raise ValidationError(INVALID)
    return "+7" + digits


def normalize_phone(raw):
    """Any common Russian notation → +7XXXXXXXXXX; empty stays empty."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    fast = _plain(raw)
    if fast is not None:
        return fast
    try:
        number = phonenumbers.parse(raw, "RU")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number) or number.country_code != 7:
        raise ValidationError(INVALID)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def display_phone(e164):
    """One format for people to read: «+7 912 345-67-89»; text that is not a number is shown as typed."""
    if not e164:
        return ""
    try:
        number = phonenumbers.parse(e164, "RU")
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
