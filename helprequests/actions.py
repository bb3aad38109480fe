"""POST actions on a request, the helpers' queue, batch assignment and follow-up calls."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from core.routing import ORGANIZATION, VOLUNTEER, eligible
from core.utils import error_text, int_param
from helprequests import batch, queues, selectors, services
from helprequests.forms import FollowUpForm
from helprequests.helpers import load_helper, load_helpers, need_for


def _run(request, help_request, action, success="", **kwargs):
    try:
        action(help_request=help_request, actor=request.user, **kwargs)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        if success:
            messages.success(request, success)
    return redirect("helprequests:detail", pk=help_request.pk)


def _for_response(request, pk):
    """The request, if the user is its helper or a dispatcher of its territory."""
    help_request = access.get_or_404(request, queues.all_requests(), "requests.respond", pk=pk)
    access.require_request_access(request, help_request, "requests.respond")
    return help_request


@login_required
@require_POST
def assign(request, pk):
    help_request = access.get_or_404(request, queues.all_requests(), "requests.route", pk=pk)
    try:
        helper_id = int(request.POST.get("helper_id", ""))
    except ValueError:
        messages.error(request, "Не выбран помощник.")
        return redirect("helprequests:detail", pk=pk)
    return _run(
        request,
        help_request,
        services.request_assign,
        success="Обращение направлено; помощник получит письмо.",
        helper_type=request.POST.get("helper_type", ""),
        helper_id=helper_id,
    )


@login_required
@require_POST
def triage(request, pk):
    help_request = access.get_or_404(request, queues.all_requests(), "requests.route", pk=pk)
    return _run(request, help_request, services.request_triage)


def _with_form(request, pk, action, service, success="", **fixed):
    """A helper action with its form: a refused note re-renders the page with the typed text and the error."""
    from helprequests.views import action_forms, render_detail

    help_request = _for_response(request, pk)
    forms = action_forms(request.POST, action)
    form = forms[action]
    if not form.is_valid():
        messages.error(request, "Проверьте поле формы: " + "; ".join(e for errs in form.errors.values() for e in errs))
        return render_detail(request, selectors.request_page(help_request.pk), forms, status=422)
    return _run(request, help_request, service, success=success, **fixed, **form.cleaned_data)


@login_required
@require_POST
def accept(request, pk):
    return _with_form(request, pk, "accept", services.request_accept, success="Обращение принято.")


@login_required
@require_POST
def decline(request, pk):
    return _with_form(request, pk, "decline", services.request_decline)


@login_required
@require_POST
def connect(request, pk):
    return _with_form(
        request,
        pk,
        "connect",
        services.request_connect,
        success="Связь установлена. Контрольные звонки назначены через 2 недели и через месяц.",
    )


@login_required
@require_POST
def start(request, pk):
    return _with_form(request, pk, "start", services.request_start)


@login_required
@require_POST
def close(request, pk):
    return _with_form(request, pk, "close", services.request_close, success="Обращение закрыто.")


def _own_helper(user):
    if access.is_org_staff(user) and user.organization_id:
        return ORGANIZATION, user.organization_id
    volunteer = getattr(user, "volunteer", None) if access.is_volunteer(user) else None
    return (VOLUNTEER, volunteer.pk) if volunteer else (None, None)


def claimable_for(user, now=None):
    """Open requests this helper may take themselves, oldest first (no personal data shown)."""
    now = now or timezone.now()
    kind, helper_id = _own_helper(user)
    if kind is None:
        return []
    helper = load_helper(kind, helper_id)
    if helper is None:
        return []
    return [
        r
        for r in selectors.claimable_pool(kind, helper_id)
        if services.is_claimable(r, now) and eligible(need_for(r), helper)[0]
    ]


@login_required
@require_POST
def claim(request, pk):
    access.require(request, "requests.helper")
    help_request = selectors.request_found_or_404(pk)
    kind, helper_id = _own_helper(request.user)
    if help_request not in claimable_for(request.user):
        messages.error(request, "Это обращение уже взял другой помощник или оно вам не подходит.")
        return redirect("helprequests:mine")
    try:
        services.request_claim(help_request=help_request, helper_type=kind, helper_id=helper_id, actor=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("helprequests:mine")
    messages.success(request, f"Обращение {help_request.number} ваше. Свяжитесь с подопечным.")
    return redirect("helprequests:detail", pk=pk)


@login_required
def mine(request):
    """The helper's queue: what was sent to me or my organization, and what I may take myself."""
    access.require(request, "requests.helper")
    queue = selectors.helper_queue(request.user)
    waiting, active = queue["waiting"], queue["active"]
    # The task cards name the person; the claimable pool and closed list do not.
    audit_log.shown(request, audit_log.ids_of(waiting + active), "Мои задачи")
    return render(
        request,
        "helprequests/mine.html",
        {
            "waiting": waiting,
            "active": active,
            "claimable": claimable_for(request.user),
            "closed": queue["closed"],
            "now": timezone.now(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def batch_assign(request):
    access.require(request, "requests.route")
    territories = selectors.route_territories(request.user)
    territory = selectors.territory_choice(
        territories, int_param(request.GET.get("territory") or request.POST.get("territory"))
    )
    territory = territory or request.user.territory or territories.first()
    if request.method == "POST":
        done, failed = 0, []
        for value in request.POST.getlist("pair"):
            request_id, kind, helper_id = (value.split(":") + ["", "", ""])[:3]
            request_id, helper_id = int_param(request_id), int_param(helper_id)
            if request_id is None or helper_id is None:
                continue
            help_request = selectors.request_in_scope(request.user, request_id)
            if help_request is None:
                continue
            try:
                services.request_assign(
                    help_request=help_request,
                    helper_type=kind,
                    helper_id=helper_id,
                    actor=request.user,
                    how="batch",
                )
                done += 1
            except ValidationError as exc:
                failed.append(f"{help_request.number}: {error_text(exc)}")
        messages.success(request, f"Направлено обращений: {done}.")
        for text in failed:
            messages.error(request, text)
        return redirect(f"{request.path}?territory={territory.pk}")
    open_requests = selectors.unrouted_in(request.user, territory)
    by_id = {r.pk: r for r in open_requests}
    proposal = batch.propose([(r.pk, need_for(r)) for r in open_requests], load_helpers())
    rows = [{"request": by_id[key], "helper": h, "distance": d} for key, h, d in proposal]
    matched = {key for key, _c, _d in proposal}
    unmatched = [r for r in open_requests if r.pk not in matched]
    total = sum(row["distance"] or 0 for row in rows)
    return render(
        request,
        "helprequests/batch.html",
        {"territory": territory, "territories": territories, "rows": rows, "unmatched": unmatched, "total": total},
    )


@login_required
@require_http_methods(["GET", "POST"])
def followup(request, pk):
    access.require(request, "followups.record")
    item = selectors.followup_or_404(request, pk)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and item.done_at is None:
        services.followup_record(followup=item, actor=request.user, **form.cleaned_data)
        messages.success(request, "Контрольный звонок записан.")
        return redirect("helprequests:detail", pk=item.request_id)
    audit_log.viewed(request, item.request)
    late_before = timezone.now() - timedelta(days=1)
    return render(
        request,
        "helprequests/followup.html",
        {"item": item, "form": form, "r": item.request, "late_before": late_before},
    )
