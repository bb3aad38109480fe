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


def need_choices():
    """The needs an operator ticks: catalog categories below the top level, in the catalog's order."""
    from catalog.models import ServiceCategory

    return ServiceCategory.objects.filter(parent__isnull=False).order_by("parent__position", "position")


def followups_page(qs):
    """A follow-up queue as its page lists it: with each request's person."""
    return qs.select_related("request__beneficiary")


def requests_page(qs):
    """A request queue as its page lists it: with each request's needs."""
    return qs.prefetch_related("needs")


def request_or_404(request, pk, capability="requests.open", *, page=False):
    """One help request the user may open (access.get_or_404, then the helper's own requests only);
    `page` — with what its page shows (needs, history, follow-ups, assignments)."""
    from accounts import access
    from helprequests import queues

    qs = queues.all_requests()
    if page:
        qs = qs.prefetch_related("needs", "history__by", "followups", "assignments")
    else:
        qs = qs.prefetch_related("needs", "history__by")
    help_request = access.get_or_404(request, qs, capability, pk=pk)
    access.require_request_access(request, help_request, capability)
    return help_request


def request_fresh(pk):
    """A request re-read after a change made by a service (the API answers with it); already checked."""
    from helprequests import queues

    return queues.all_requests().prefetch_related("needs", "history__by").get(pk=pk)


def requests_for_api(user, *, status=None, overdue=None, now=None, limit=1000):
    """The API's request list: the user's scope; a helper sees only what was sent to them."""
    from accounts import access
    from helprequests import queues

    qs = access.scoped(user, queues.all_requests().prefetch_related("needs", "history__by"))
    if not access.can(user, "requests.route"):
        qs = access.helper_requests(user, qs)
    if status:
        qs = qs.filter(status=status)
    if overdue is True:
        qs = qs.overdue(now)
    elif overdue is False:
        qs = qs.exclude(pk__in=HelpRequest.objects.overdue(now).values("pk"))
    return list(qs.order_by("connect_due_at")[:limit])
