"""Reminders by e-mail to respondents who have not answered (run by `manage.py periodic`); one per respondent."""

from outreach import services


def remind_unanswered(now=None):
    return f"напоминаний об анкетах: {services.reminders_send(now=now)}"
