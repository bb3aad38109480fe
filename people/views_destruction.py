"""Destruction of personal data after withdrawal (152-FZ art. 21): the list, the act, performing one now."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import access
from audit import log as audit_log
from core import documents
from core.paging import paginate
from people import destruction as act
from people import services
from people.models import Destruction

SCOPE = "beneficiary__territory"


def _all():
    return Destruction.objects.select_related("done_by")


@login_required
def destruction_list(request):
    access.require(request, "people.destruction")
    rows = access.scoped(request.user, _all(), SCOPE)
    state = request.GET.get("state", "")
    if state == "due":
        rows = rows.filter(done_at__isnull=True)
    elif state == "done":
        rows = rows.filter(done_at__isnull=False)
    now = timezone.now()
    page = paginate(request, rows.order_by("-withdrawn_at", "-id"))
    for d in page:
        d.overdue = d.is_overdue(now)
    return render(request, "people/destructions.html", {"page": page, "state": state, "term": Destruction.TERM_DAYS})


@login_required
def destruction_act(request, pk):
    destruction = access.get_or_404(request, _all(), "people.destruction", field=SCOPE, pk=pk)
    if destruction.done_at is None:
        messages.error(request, "Акт составляется после уничтожения данных.")
        return redirect("people:destructions")
    audit_log.exported(request, f"акт уничтожения {destruction.act_number}", 1)
    return documents.download(act.pdf(destruction), act.filename(destruction), documents.PDF)


@login_required
@require_POST
def destruction_perform(request, pk):
    destruction = access.get_or_404(request, _all(), "people.destruction", field=SCOPE, pk=pk)
    done = services.destruction_perform(destruction=destruction, actor=request.user)
    messages.success(request, f"Данные уничтожены, составлен акт № {done.act_number}.")
    return redirect("people:destructions")
