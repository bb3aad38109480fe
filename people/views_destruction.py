"""Destruction of personal data after withdrawal (152-FZ art. 21): the list, the act, performing one now."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from accounts import access
from core.paging import paginate
from exports.views import start as exports_start
from people import selectors, services
from people.models import Destruction


@login_required
def destruction_list(request):
    access.require(request, "people.destruction")
    state = request.GET.get("state", "")
    now = timezone.now()
    page = paginate(request, selectors.destructions(request.user, state))
    for d in page:
        d.overdue = d.is_overdue(now)
    return render(request, "people/destructions.html", {"page": page, "state": state, "term": Destruction.TERM_DAYS})


@login_required
def destruction_act(request, pk):
    destruction = selectors.destruction_or_404(request, pk, "people.destruction")
    if destruction.done_at is None:
        messages.error(request, "Акт составляется после уничтожения данных.")
        return redirect("people:destructions")
    return exports_start(request, "destruction_act", destruction=destruction.pk)  # built by the worker (#12)


@login_required
@require_POST
def destruction_perform(request, pk):
    destruction = selectors.destruction_or_404(request, pk, "people.destruction")
    done = services.destruction_perform(destruction=destruction, actor=request.user)
    messages.success(request, f"Данные уничтожены, составлен акт № {done.act_number}.")
    return redirect("people:destructions")
