from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import access
from audit import log as audit_log
from communities import selectors, services
from communities.forms import LeaderForm
from communities.models import CommunityLeader
from core.paging import paginate
from exports.views import start as exports_start


def _filtered(request):
    q = request.GET.get("q", "").strip()
    return selectors.leaders(request.user, q=q, sort=request.GET.get("sort")), q


@login_required
def leader_list(request):
    access.require(request, "leaders.view")
    qs, q = _filtered(request)
    return render(request, "communities/leaders.html", {"page": paginate(request, qs), "q": q})


@login_required
def leader_export(request):
    """Queued for the worker (communities.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "leaders")


@login_required
def leader_detail(request, pk):
    leader = selectors.leader_or_404(request, pk)
    audit_log.viewed(request, leader)
    return render(request, "communities/leader_detail.html", {"x": leader, "history": audit_log.history_of(leader)})


def _edit(request, leader):
    form = LeaderForm(request.POST or None, instance=leader, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = {name: form.cleaned_data[name] for name in form.Meta.fields}
        leader = services.leader_save(leader=leader if leader.pk else None, actor=request.user, **data)
        messages.success(request, "Запись реестра лидеров сохранена.")
        return redirect("communities:leader_detail", pk=leader.pk)
    return render(request, "communities/leader_form.html", {"form": form, "x": leader})


@login_required
@require_http_methods(["GET", "POST"])
def leader_create(request):
    access.require(request, "leaders.change")
    return _edit(request, CommunityLeader())


@login_required
@require_http_methods(["GET", "POST"])
def leader_edit(request, pk):
    leader = selectors.leader_or_404(request, pk, "leaders.change")
    return _edit(request, leader)
