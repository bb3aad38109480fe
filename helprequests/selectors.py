"""Reads of help requests that are not the staff queues (those are in queues.py)."""

from django.db.models import Q

from helprequests.models import HelpRequest, Status

# What a resident is told about their request: status words only, never a name, helper or note.
RESIDENT_WORDS = {
    Status.NEW: "Заявка получена. Оператор подбирает, кто поможет.",
    Status.TRIAGE: "Заявка получена. Оператор подбирает, кто поможет.",
    Status.DECLINED: "Заявка получена. Оператор подбирает, кто поможет.",
    Status.ASSIGNED: "Заявка передана помощнику. Он свяжется с вами.",
    Status.ACCEPTED: "Помощник принял заявку и свяжется с вами.",
    Status.CONNECTED: "Помощник на связи. Помощь организуется.",
    Status.IN_PROGRESS: "Помощь оказывается.",
    Status.CLOSED: "Заявка закрыта.",
}


def status_for_resident(*, number, phone):
    """The status words of the request with this number whose person or reporter has this phone; None otherwise."""
    status = (
        HelpRequest.objects.filter(number=number)
        .filter(Q(beneficiary__phone=phone) | Q(reporter_phone=phone))
        .values_list("status", flat=True)
        .first()
    )
    return RESIDENT_WORDS[status] if status else None


def requests_matching(user, q=""):
    """The requests list and its export: the user's scope, then the search box (number, person, text)."""
    from accounts import access
    from helprequests import queues

    return search(access.scoped(user, queues.all_requests()), q)


def search(qs, q):
    """The search box of the requests pages: number, person's name or the request's text."""
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(beneficiary__full_name__icontains=q) | Q(description__icontains=q))
    return qs
