import phonenumbers
from django.core.exceptions import ValidationError


def normalize_phone(raw):
    """Any common Russian notation → +7XXXXXXXXXX; empty stays empty."""
    raw = (raw or "").strip()
    if not raw:
        return ""
    try:
        number = phonenumbers.parse(raw, "RU")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number) or number.country_code != 7:
        raise ValidationError("Телефон не распознан: укажите российский номер, например +7 912 345-67-89.")
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
