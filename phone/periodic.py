"""Telephone-service check run by `manage.py periodic`."""

from django.utils import timezone

from phone import services
from phone.models import Enrolment


def raise_alerts(today=None):
    """People not reached on 3 consecutive scheduled calls (also checked when each call is logged)."""
    today = today or timezone.localdate()
    raised = sum(
        1 for e in Enrolment.objects.active().select_related("beneficiary__territory") if services.check_alert(e, today)
    )
    return f"тревог «не дозвонились 3 раза»: {raised}"


def count_missed_calls(now=None):
    """The dashboard's rollup of scheduled calls not even attempted in two weeks (#12), for the whole service."""
    from phone.queries import refresh_missed

    return f"людей с пропущенными звонками: {refresh_missed(now)}"


def purge_call_notes(*, before):
    """Retention (#11): the volunteer's words about a call made before `before` (its declared personal text
    fields: notes, plans, what is needed) are erased; the figures (reached, wellbeing, mood) stay for the
    statistics. Returns how many calls."""
    from django.db.models import Q

    from core import personal
    from phone.models import Call

    texts = [
        name
        for name in personal.fields_of(Call)
        if Call._meta.get_field(name).get_internal_type() in ("CharField", "TextField")
    ]
    written = Q()
    for name in texts:
        written |= ~Q(**{name: ""})
    return Call.objects.filter(called_at__lt=before).filter(written).update(**dict.fromkeys(texts, ""))
