"""Help-request checks run by `manage.py periodic`; each sends a message once per request or call."""

from helprequests import services


def escalate_overdue(now=None):
    """An overdue request goes to its territory's coordinators, once."""
    return f"эскалаций просроченных обращений: {services.overdue_escalate(now=now)}"


def remind_followups(now=None):
    """Operators and coordinators of the territory are reminded of follow-up calls that fall due, once."""
    return f"напоминаний о контрольных звонках: {services.followup_reminders_send(now=now)}"


def purge_closed_request_text(*, before):
    """Retention (#11): the free text of requests closed before `before` (services.closed_request_text_purge)."""
    return services.closed_request_text_purge(before=before)


def purge_unconfirmed_reports(*, before):
    """Retention (#11): people known only from a public form, never confirmed (services.unconfirmed_reports_purge)."""
    return services.unconfirmed_reports_purge(before=before)
