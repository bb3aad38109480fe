from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils import timezone

from accounts import access
from audit import log as audit_log
from helprequests.models import HelpRequest, Status
from zabota.paging import paginate

QUEUES = {
    "new": ("Новые", lambda qs, now: qs.filter(status=Status.NEW)),
    "overdue": ("Просроченные", lambda qs, now: qs.overdue(now)),
    "soon": ("Срок истекает за сутки", lambda qs, now: qs.due_soon(24, now)),
    "open": ("Все открытые", lambda qs, now: qs.exclude(status=Status.CLOSED)),
    "all": ("Все", lambda qs, now: qs),
}


@login_required
def request_list(request):
    access.require(request, "requests.view")
    now = timezone.now()
    base = access.scoped(request.user, HelpRequest.objects.select_related("beneficiary", "territory"))
    queue = request.GET.get("queue", "new")
    if queue not in QUEUES:
        queue = "new"
    qs = QUEUES[queue][1](base, now).prefetch_related("needs")
    counts = {key: fn(base, now).count() for key, (_, fn) in QUEUES.items() if key != "all"}
    tabs = [(key, label, counts.get(key)) for key, (label, _) in QUEUES.items()]
    return render(
        request, "helprequests/list.html", {"page": paginate(request, qs), "queue": queue, "tabs": tabs, "now": now}
    )


@login_required
def request_detail(request, pk):
    qs = HelpRequest.objects.select_related("beneficiary", "territory").prefetch_related("needs", "history__by")
    help_request = access.get_or_404(request, qs, "requests.view", pk=pk)
    audit_log.viewed(request, help_request)
    return render(request, "helprequests/detail.html", {"r": help_request, "now": timezone.now()})
