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


def _texts(model):
    from core import personal

    return [
        name
        for name in personal.fields_of(model)
        if model._meta.get_field(name).get_internal_type() in ("CharField", "TextField")
    ]


def _written(names):
    from django.db.models import Q

    query = Q()
    for name in names:
        query |= ~Q(**{name: ""})
    return query


def purge_closed_request_text(*, before):
    """Retention (#11): the free text of requests closed before `before` — description, reporter, closing
    comment (the declared personal text fields) and the notes of its history, refusals and follow-up calls —
    is erased; status, needs, dates and satisfaction stay for the statistics. Returns how many requests."""
    from helprequests.models import Assignment, StatusChange

    closed = HelpRequest.objects.filter(status="closed", closed_at__lt=before)
    for model, prefix in ((StatusChange, "request__"), (Assignment, "request__"), (FollowUp, "request__")):
        names = _texts(model)
        rows = model.objects.filter(**{f"{prefix}in": closed}).filter(_written(names))
        rows.update(**dict.fromkeys(names, ""))
    names = _texts(HelpRequest)
    return closed.filter(_written(names)).update(**dict.fromkeys(names, ""))


def purge_unconfirmed_reports(*, before):
    """Retention (#11): a person known only from a public form (a neighbour's report, an application made for
    someone else) whom no operator confirmed, with nothing open and nothing new since `before`, is anonymized
    (people.services.anonymize: every declared personal field, files, one audit entry). Returns how many."""
    from django.db.models import Exists, OuterRef, Q

    from people.models import Beneficiary
    from people.services import anonymize

    recent_or_open = HelpRequest.objects.filter(beneficiary=OuterRef("pk")).filter(
        ~Q(status="closed") | Q(closed_at__gte=before) | Q(received_at__gte=before)
    )
    due = Beneficiary.objects.filter(
        unconfirmed=True, anonymized_at__isnull=True, merged_into__isnull=True, created_at__lt=before
    ).exclude(Exists(recent_or_open))
    count = 0
    for person in due:
        anonymize(person, actor=None)
        count += 1
    return count
