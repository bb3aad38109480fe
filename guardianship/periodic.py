"""#МЫВМЕСТЕ.ОПЕКА checks run by `manage.py periodic`; each e-mails once per marker or call."""

from guardianship import services


def escalate_guardianship(now=None):
    """The 3-day limit passed without a first contact: the territory's coordinators get one e-mail per marker."""
    return f"эскалаций по опеке: {services.escalations_send(now=now)}"


def remind_guardianship_calls(now=None):
    """Calls to the family at 2 weeks and 1 month that fall due: reminded once."""
    return f"напоминаний о звонках семьям: {services.call_reminders_send(now=now)}"
