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
