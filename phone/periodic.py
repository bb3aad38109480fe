"""Telephone-service check run by `manage.py periodic`."""

from phone import services


def raise_alerts(today=None):
    """People not reached on 3 consecutive scheduled calls (also checked when each call is logged)."""
    return f"тревог «не дозвонились 3 раза»: {services.alerts_raise(today=today)}"


def count_missed_calls(now=None):
    """The dashboard's rollup of scheduled calls not even attempted in two weeks (#12), for the whole service."""
    from phone.queries import refresh_missed

    return f"людей с пропущенными звонками: {refresh_missed(now)}"


def purge_call_notes(*, before):
    """Retention (#11): the volunteer's words about calls made before `before` (phone.services.call_notes_purge)."""
    return services.call_notes_purge(before=before)
