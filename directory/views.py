from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from core.paging import paginate
from core.utils import error_text
from directory import selectors, services
from directory.forms import OrganizationForm, ServiceFormSet
from directory.models import Organization
from exports.views import start as exports_start

organizations_matching = selectors.organizations_matching  # the export kind reads the list through this name


@login_required
def organization_list(request):
    access.require(request, "directory.view")
    qs, form = selectors.organization_list(request.user, request.GET)
    page = paginate(request, qs)
    return render(
        request,
        "directory/list.html",
        {
            "page": page,
            "filter": form,
            "can_add": access.can(request.user, "directory.add"),
            "can_export": access.can(request.user, "directory.export"),
            "can_import": access.can(request.user, "directory.import"),
        },
    )


@login_required
def organization_export(request):
    """Queued for the worker (directory.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "organizations")


@login_required
def organization_detail(request, pk):
    org = access.get_or_404(request, selectors.organization_detail(), "directory.view", pk=pk)
    return render(
        request,
        "directory/detail.html",
        {
            "org": org,
            "can_edit": access.can(request.user, "directory.change") and access.can_change(request.user, org),
            "can_verify": access.can(request.user, "directory.verify") and access.can_change(request.user, org),
            "history": audit_log.history_of(org),
            "state": org.confirmation_state(),
            "public_status": org.public_status(),
            "shown": org.public_status().startswith("Показывается"),
            "proposal": selectors.pending_proposal(org, with_territories=True),
        },
    )


def _edit(request, org):
    form = OrganizationForm(request.POST or None, instance=org, user=request.user)
    formset = ServiceFormSet(request.POST or None, instance=org, prefix="services")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            org = services.organization_save(
                organization=org, data=form.cleaned_data, services=formset.chosen(), actor=request.user
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            messages.success(request, f"Организация «{org}» сохранена.")
            return redirect("directory:detail", pk=org.pk)
    return render(request, "directory/form.html", {"form": form, "formset": formset, "org": org})


@login_required
@require_http_methods(["GET", "POST"])
def organization_create(request):
    access.require(request, "directory.add")
    return _edit(request, Organization())


@login_required
@require_http_methods(["GET", "POST"])
def organization_edit(request, pk):
    org = access.get_or_404(request, selectors.organizations(), "directory.change", pk=pk)
    access.require_change(request, org, "directory.change")
    return _edit(request, org)


@login_required
@require_POST
def organization_verify(request, pk):
    org = access.get_or_404(request, selectors.organizations(), "directory.verify", pk=pk)
    access.require_change(request, org, "directory.verify")
    services.organization_verify(organization=org, actor=request.user)
    messages.success(request, "Организация отмечена как проверенная.")
    return redirect("directory:detail", pk=org.pk)


@login_required
@require_POST
def organization_confirm(request, pk):
    org = access.get_or_404(request, selectors.organizations(), "directory.change", pk=pk)
    access.require_change(request, org, "directory.change")
    services.organization_confirm(organization=org, actor=request.user)
    messages.success(request, "Спасибо! Данные отмечены как актуальные.")
    return redirect("directory:detail", pk=org.pk)


def _proposal(request, pk):
    org = access.get_or_404(request, selectors.organizations(), "directory.verify", pk=pk)
    access.require_change(request, org, "directory.verify")
    proposal = selectors.pending_proposal(org)
    if proposal is None:
        raise Http404("Нет предложения, ждущего подтверждения.")
    return org, proposal


@login_required
@require_POST
def area_approve(request, pk):
    org, proposal = _proposal(request, pk)
    try:
        services.area_approve(proposal=proposal, actor=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "Обслуживаемые территории подтверждены.")
    return redirect("directory:detail", pk=org.pk)


@login_required
@require_POST
def area_reject(request, pk):
    org, proposal = _proposal(request, pk)
    try:
        services.area_reject(proposal=proposal, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "Предложение отклонено; организация увидит причину.")
    return redirect("directory:detail", pk=org.pk)
