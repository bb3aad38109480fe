"""Small helpers shared by several apps' views."""

from datetime import date

from django.utils import timezone


def error_text(exc):
    """A ValidationError as one Russian sentence for a flash message."""
    if hasattr(exc, "error_dict"):
        return " ".join(m for messages in exc.message_dict.values() for m in messages)
    return " ".join(exc.messages)


def period(request, default_start):
    """The ?date_from=&date_to= period of a report, defaulting to default_start(today) … today."""
    today = timezone.localdate()
    try:
        start = date.fromisoformat(request.GET.get("date_from", ""))
    except ValueError:
        start = default_start(today)
    try:
        finish = date.fromisoformat(request.GET.get("date_to", ""))
    except ValueError:
        finish = today
    return start, finish
