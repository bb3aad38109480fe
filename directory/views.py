from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from core.paging import paginate
from core.phones import display_phone
from core.utils import error_text
from core.xlsx import export_about, xlsx_response
from directory import services
from directory.forms import DirectoryFilter, OrganizationForm, ServiceFormSet
from directory.models import Organization


def _filtered(request):
    base = access.scoped(request.user, Organization.objects.select_related("territory"))
    form = DirectoryFilter(request.GET or None, user=request.user)
    return form.apply(base), form


@login_required
def organization_list(request):
    access.require(request, "directory.view")
    qs, form = _filtered(request)
    page = paginate(request, qs.prefetch_related("services__category"))
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
    access.require(request, "directory.export")
    qs, form = _filtered(request)
    qs = qs.prefetch_related("services__category", "served_territories")
    chosen = form.cleaned_data.get("territory") if form.is_valid() else None
    headers = [
        "№",
        "Название",
        "Вид",
        "Уровень заботы",
        "Территория",
        "Обслуживает",
        "Услуги",
        "Адрес",
        "Телефон",
        "Эл. почта",
        "Часы работы",
        "Ёмкость",
        "На публичной странице",
        "Проверена",
        "Подтверждена",
    ]
    rows = (
        (
            o.pk,
            o.name,
            o.get_kind_display(),
            o.get_care_level_display(),
            o.territory.name,
            ", ".join(t.name for t in o.served_territories.all()),
            ", ".join(s.category.name for s in o.services.all()),
            o.address,
            display_phone(o.phone),
            o.email,
            o.opening_hours,
            o.capacity,
            "да" if o.is_public else "нет",
            o.verified_at,
            o.last_confirmed_at,
        )
        for o in qs
    )
    response = xlsx_response(
        "organizacii", headers, rows, title="Организации", about=export_about(request.user, territory=chosen)
    )
    audit_log.exported(request, "Организации", response.row_count)
    return response


@login_required
def organization_detail(request, pk):
    qs = Organization.objects.select_related("territory", "verified_by").prefetch_related(
        "services__category", "served_territories"
    )
    org = access.get_or_404(request, qs, "directory.view", pk=pk)
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
            "proposal": org.area_proposals.filter(status="pending").prefetch_related("territories").first(),
        },
    )


def _edit(request, org):
    form = OrganizationForm(request.POST or None, instance=org, user=request.user)
    formset = ServiceFormSet(request.POST or None, instance=org, prefix="services")
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        org = services.organization_save(form=form, services=formset, actor=request.user)
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
    org = access.get_or_404(request, Organization.objects.all(), "directory.change", pk=pk)
    access.require_change(request, org, "directory.change")
    return _edit(request, org)


@login_required
@require_POST
def organization_verify(request, pk):
    org = access.get_or_404(request, Organization.objects.all(), "directory.verify", pk=pk)
    access.require_change(request, org, "directory.verify")
    services.organization_verify(organization=org, actor=request.user)
    messages.success(request, "Организация отмечена как проверенная.")
    return redirect("directory:detail", pk=org.pk)


@login_required
@require_POST
def organization_confirm(request, pk):
    org = access.get_or_404(request, Organization.objects.all(), "directory.change", pk=pk)
    access.require_change(request, org, "directory.change")
    services.organization_confirm(organization=org, actor=request.user)
    messages.success(request, "Спасибо! Данные отмечены как актуальные.")
    return redirect("directory:detail", pk=org.pk)


def _proposal(request, pk):
    org = access.get_or_404(request, Organization.objects.all(), "directory.verify", pk=pk)
    access.require_change(request, org, "directory.verify")
    proposal = org.area_proposals.filter(status="pending").first()
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
