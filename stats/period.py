"""The period and territory of a figures request, validated with Russian messages."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

MAX_DAYS = 366 * 5


def default_period(today=None):
    today = today or timezone.localdate()
    return today - timedelta(days=29), today


def check_period(date_from, date_to):
    """Fill missing ends (the last 30 days) and refuse impossible periods."""
    start, finish = default_period()
    date_to = date_to or (date_from + timedelta(days=29) if date_from else finish)
    date_from = date_from or date_to - timedelta(days=29)
    if date_from > date_to:
        raise ValidationError({"date_from": ["Дата «с» позже даты «по»."]})
    if (date_to - date_from).days > MAX_DAYS:
        raise ValidationError({"date_to": ["Период не может быть длиннее пяти лет."]})
    return date_from, date_to


def parse_day(value):
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
