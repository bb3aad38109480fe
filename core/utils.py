"""Small helpers shared by several apps' views."""

from datetime import date

from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme


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
    if finish < start:  # «с» after «по»: read the period the other way round
        start, finish = finish, start
    return start, finish


def int_param(value):
    """An id from a query string, or None when it is missing or not a whole number (never a server error)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number < 2**63 else None


def int_list(values):
    """Ids from a form's repeated field: whole numbers that fit a database id; anything else is dropped."""
    return [n for n in map(int_param, values) if n is not None]


def redirect_back(request, fallback, *args):
    """Back to the page named in `next` when it is on this site, else to `fallback` (no open redirect)."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect(fallback, *args)
