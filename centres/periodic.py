"""Support-centre check run by `manage.py periodic`."""

from django.db.models import Q
from django.utils import timezone

from centres import services
from centres.models import EventSchedule


def extend_schedules(today=None):
    """Keep 8 weeks of events ahead for every running recurring schedule; idempotent (one event per slot)."""
    today = today or timezone.localdate()
    running = EventSchedule.objects.filter(centre__is_active=True).filter(Q(ends_on=None) | Q(ends_on__gte=today))
    created = sum(services.events_generate(schedule=s, today=today) for s in running.select_related("centre"))
    return f"мероприятий по расписаниям создано: {created}"
