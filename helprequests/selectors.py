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


def with_needs(qs):
    return qs.prefetch_related("needs")


def search(qs, q):
    """The search box of the requests pages: number, person's name or the request's text.

    #12: the matches are found as two sets of ids, each through its own trigram index on PostgreSQL (number or
    text: helprequests/0007; the person's name: people/0008, then their requests by the person's key), not by
    reading the requests in the page's order and testing each one's person — a rare name read them all."""
    if q:
        from people.models import Beneficiary

        by_text = HelpRequest.objects.filter(Q(number__icontains=q) | Q(description__icontains=q))
        by_person = HelpRequest.objects.filter(beneficiary__in=Beneficiary.objects.filter(full_name__icontains=q))
        qs = qs.filter(pk__in=by_text.order_by().values("pk").union(by_person.order_by().values("pk")))
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


def request_page(pk):
    """A request re-read with what its page shows (the page re-rendered after a refused form); checked before."""
    from helprequests import queues

    return queues.all_requests().prefetch_related("needs", "history__by", "followups", "assignments").get(pk=pk)


def request_found_or_404(pk):
    """Any request by number (a helper's claim: whether they may take it is decided by the claimable pool)."""
    from accounts import access

    return access.found_or_404(HelpRequest.objects.all(), pk=pk)


def request_in_scope(user, pk):
    from accounts import access

    return access.scoped(user, HelpRequest.objects.all()).filter(pk=pk).first()


def claimable_pool(kind, helper_id, limit=300):
    """Open requests not already sent to this helper, oldest first, with their needs (the claim list
    filters them further by the claim delay and by what the helper can do)."""
    from core.routing import ORGANIZATION
    from helprequests import queues
    from helprequests.models import UNROUTED

    pool = queues.all_requests().filter(status__in=[*UNROUTED, Status.ASSIGNED]).prefetch_related("needs")
    pool = (
        pool.exclude(helper_organization_id=helper_id)
        if kind == ORGANIZATION
        else pool.exclude(helper_volunteer_id=helper_id)
    )
    return pool.order_by("received_at")[:limit]


def helper_queue(user):
    """«Мои задачи»: what was sent to the helper (waiting for an answer, in work) and the last closed ones."""
    from accounts import access
    from helprequests import queues

    qs = access.helper_requests(user, queues.all_requests()).prefetch_related("needs")
    return {
        "waiting": list(qs.filter(status=Status.ASSIGNED).order_by("connect_due_at")),
        "active": list(
            qs.filter(status__in=[Status.ACCEPTED, Status.CONNECTED, Status.IN_PROGRESS]).order_by("connect_due_at")
        ),
        "closed": qs.filter(status=Status.CLOSED).order_by("-closed_at")[:10],
    }


def route_territories(user):
    """The territories a dispatcher may pick for batch assignment (no areas)."""
    from accounts import access
    from territories.models import Territory

    return access.scoped(user, Territory.objects.exclude(kind=Territory.Kind.AREA), field="id")


def territory_choice(territories, pk):
    return territories.filter(pk=pk).first() if pk is not None else None


def unrouted_in(user, territory):
    """Requests waiting for a helper inside `territory` (and below it), in the user's scope, with their needs."""
    from accounts import access
    from helprequests import queues
    from helprequests.models import UNROUTED

    qs = access.scoped(user, queues.all_requests()).filter(
        status__in=UNROUTED, territory__path__startswith=territory.path
    )
    return list(qs.prefetch_related("needs"))


def followup_or_404(request, pk):
    """A follow-up call of a request the user may see (the request's scope decides)."""
    from accounts import access
    from helprequests.models import FollowUp

    item = access.found_or_404(FollowUp.objects.select_related("request__beneficiary"), pk=pk)
    access.get_or_404(request, HelpRequest.objects.all(), "requests.view", pk=item.request_id)
    return item


def desk_dispatch(user, now, rows=5):
    """«Рабочий стол» of a dispatcher: the queue counts in the user's territory and the longest overdue."""
    from accounts import access
    from helprequests import queues

    base = access.scoped(user, queues.all_requests())
    return queues.counts(base, now), list(base.overdue(now).order_by("connect_due_at")[:rows])


def desk_helper(user, now, rows=5):
    """«Мои задачи» on the desk: the helper's open requests counted by what they wait for, nearest first."""
    from accounts import access
    from helprequests import queues
    from helprequests.models import Urgency

    mine = access.helper_requests(user, queues.all_requests()).exclude(status=Status.CLOSED)
    counts = {
        "overdue": mine.overdue(now).count(),
        "urgent": mine.filter(urgency=Urgency.URGENT).count(),
        "waiting": mine.filter(status=Status.ASSIGNED).count(),
        "working": mine.filter(status__in=[Status.ACCEPTED, Status.CONNECTED, Status.IN_PROGRESS]).count(),
    }
    return counts, list(mine.order_by("connect_due_at")[:rows])


def desk_area_figures(user, now):
    """Numbers only (analysts): open, overdue and closed in 30 days in the user's territories — no names."""
    from datetime import timedelta

    from accounts import access

    inside = HelpRequest.objects.filter(territory__in=access.territory_ids(user))
    return {
        "open": inside.exclude(status=Status.CLOSED).count(),
        "overdue": inside.overdue(now).count(),
        "closed_30": inside.filter(closed_at__gte=now - timedelta(days=30)).count(),
    }
