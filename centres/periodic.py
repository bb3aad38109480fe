"""Support-centre check run by `manage.py periodic`."""

from centres import services


def extend_schedules(today=None):
    """Keep 8 weeks of events ahead for every running recurring schedule; idempotent (one event per slot)."""
    return f"мероприятий по расписаниям создано: {services.schedules_extend(today=today)}"
