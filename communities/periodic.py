"""Community workspace checks run by `manage.py periodic`: each is idempotent (one e-mail per overdue item)."""

from communities import services


def remind_overdue_steps(now=None):
    """E-mail the responsible person once about each overdue next step and roadmap step."""
    return f"напоминаний о просроченных шагах сообществ: {services.overdue_steps_remind(now=now)}"
