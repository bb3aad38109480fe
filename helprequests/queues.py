"""The operators' work queues: all derived from timestamps at query time."""

from datetime import timedelta

from django.conf import settings

from helprequests.models import FollowUp, HelpRequest, Status

REQUEST_QUEUES = {
    "new": ("Новые", lambda qs, now: qs.filter(status=Status.NEW)),
    "overdue": ("Просроченные", lambda qs, now: qs.overdue(now)),
    "soon": ("Срок истекает за сутки", lambda qs, now: qs.due_soon(24, now)),
    "declined": ("Отклонённые — направить заново", lambda qs, now: qs.filter(status=Status.DECLINED)),
    "open": ("Все открытые", lambda qs, now: qs.exclude(status=Status.CLOSED)),
    "all": ("Все", lambda qs, now: qs),
}


def followups_due(requests, now):
    return FollowUp.objects.filter(
        request__in=requests,
        done_at__isnull=True,
        due_at__lte=now,
        due_at__gt=now - timedelta(days=settings.FOLLOWUP_MISSED_AFTER_DAYS),
    )


def followups_missed(requests, now):
    return FollowUp.objects.filter(
        request__in=requests,
        done_at__isnull=True,
        due_at__lte=now - timedelta(days=settings.FOLLOWUP_MISSED_AFTER_DAYS),
    )


FOLLOWUP_QUEUES = {
    "followups": ("Контрольные звонки", followups_due),
    "missed": ("Пропущенные звонки", followups_missed),
}


def counts(base, now):
    result = {key: fn(base, now).count() for key, (_, fn) in REQUEST_QUEUES.items() if key != "all"}
    result |= {key: fn(base, now).count() for key, (_, fn) in FOLLOWUP_QUEUES.items()}
    return result


def all_requests():
    return HelpRequest.objects.select_related("beneficiary", "territory", "assigned_org", "assigned_volunteer")
