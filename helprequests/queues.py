"""The operators' work queues: all derived from timestamps at query time."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Count, OuterRef, Q, Subquery

from helprequests.models import NOT_CONNECTED, FollowUp, HelpRequest, Status

# The condition of each request queue (#12: the tabs are counted together, in one query).
CONDITIONS = {
    "new": lambda now: Q(status=Status.NEW),
    "overdue": lambda now: Q(status__in=NOT_CONNECTED, connect_due_at__lt=now),  # HelpRequestQuerySet.overdue
    "soon": lambda now: Q(  # HelpRequestQuerySet.due_soon(24)
        status__in=NOT_CONNECTED, connect_due_at__gte=now, connect_due_at__lt=now + timedelta(hours=24)
    ),
    "declined": lambda now: Q(status=Status.DECLINED),
    "open": lambda now: ~Q(status=Status.CLOSED),
    "all": lambda now: Q(),
}
LABELS = {
    "new": "Новые",
    "overdue": "Просроченные",
    "soon": "Срок истекает за сутки",
    "declined": "Отклонённые — направить заново",
    "open": "Все открытые",
    "all": "Все",
}
REQUEST_QUEUES = {
    key: (label, lambda qs, now, key=key: qs.filter(CONDITIONS[key](now))) for key, label in LABELS.items()
}


def open_followups_of(requests):
    """The follow-up calls not made yet of `requests` (#12): each open call's request looked up by its key in
    `requests` (a subplan per open call, through the primary key), not every request of the territory hashed
    first — the open calls are few, the requests of years are many."""
    in_scope = Subquery(requests.filter(pk=OuterRef("request_id")).order_by().values("pk")[:1])
    return FollowUp.objects.alias(in_scope=in_scope).filter(done_at__isnull=True, in_scope__isnull=False)


def followups_due(requests, now):
    return open_followups_of(requests).filter(
        due_at__lte=now,
        due_at__gt=now - timedelta(days=settings.FOLLOWUP_MISSED_AFTER_DAYS),
    )


def followups_missed(requests, now):
    return open_followups_of(requests).filter(
        due_at__lte=now - timedelta(days=settings.FOLLOWUP_MISSED_AFTER_DAYS),
    )


FOLLOWUP_QUEUES = {
    "followups": ("Контрольные звонки", followups_due),
    "missed": ("Пропущенные звонки", followups_missed),
}


def counts(base, now):
    """The tabs' counts: one query for the request queues (conditional aggregation over the requests not closed,
    read through the status index; #12: not one COUNT per queue) and one for the follow-up calls."""
    not_closed = [status for status in Status.values if status != Status.CLOSED]  # every counted queue's rows
    result = (
        base.filter(status__in=not_closed)
        .order_by()
        .aggregate(**{key: Count("pk", filter=CONDITIONS[key](now)) for key in REQUEST_QUEUES if key != "all"})
    )
    missed_before = now - timedelta(days=settings.FOLLOWUP_MISSED_AFTER_DAYS)
    result |= (
        open_followups_of(base)
        .filter(due_at__lte=now)
        .aggregate(
            followups=Count("pk", filter=Q(due_at__gt=missed_before)),  # followups_due
            missed=Count("pk", filter=Q(due_at__lte=missed_before)),  # followups_missed
        )
    )
    return result


def all_requests():
    return HelpRequest.objects.select_related("beneficiary", "territory", "helper_organization", "helper_volunteer")
