"""Help-request checks run by `manage.py periodic`; each sends a message once per request or call."""

from django.conf import settings
from django.utils import timezone

from accounts.models import Role
from helprequests import notify
from helprequests.models import FollowUp, HelpRequest


def escalate_overdue(now=None):
    """An overdue request goes to its territory's coordinators, once."""
    now = now or timezone.now()
    sent = 0
    for request in HelpRequest.objects.overdue(now).filter(escalated_at__isnull=True).select_related("territory"):
        sent += notify.escalated(request)
        HelpRequest.objects.filter(pk=request.pk).update(escalated_at=now)
    return f"эскалаций просроченных обращений: {sent}"


def remind_followups(now=None):
    """Operators and coordinators of the territory are reminded of follow-up calls that fall due, once."""
    now = now or timezone.now()
    due = FollowUp.objects.filter(done_at__isnull=True, due_at__lte=now, reminded_at__isnull=True).select_related(
        "request__territory"
    )
    sent = 0
    for item in due:
        emails = notify.staff_emails(item.request.territory, (Role.OPERATOR, Role.COORDINATOR))
        sent += notify.send(
            f"контрольный звонок по обращению {item.request.number}",
            f"Пора позвонить подопечному ({item.get_kind_display().lower()} после установления связи): "
            f"{settings.SITE_URL}/requests/followups/{item.pk}/",
            emails,
        )
        FollowUp.objects.filter(pk=item.pk).update(reminded_at=now)
    return f"напоминаний о контрольных звонках: {sent}"
