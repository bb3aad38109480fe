from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Q
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import access
from audit import log as audit_log
from catalog.models import ServiceCategory
from core.paging import paginate
from core.phones import display_phone
from core.xlsx import export_about, xlsx_response
from volunteers.forms import VolunteerForm
from volunteers.models import Volunteer

SORTS = {"name": "full_name", "new": "-created_at", "territory": "territory__name"}


def _filtered(request):
    qs = access.scoped(
        request.user,
        Volunteer.objects.exclude(status=Volunteer.Status.CANDIDATE).select_related("territory", "organization"),
    )  # candidates (#16) are reviewed at /centres/candidates/
    f = {k: request.GET.get(k, "").strip() for k in ("q", "age_group", "skill", "permanent", "active", "sort")}
    if f["q"]:
        qs = qs.filter(Q(full_name__icontains=f["q"]) | Q(training__icontains=f["q"]))
    if f["age_group"] in Volunteer.AgeGroup.values:
        qs = qs.filter(age_group=f["age_group"])
    if f["skill"]:
        qs = qs.filter(skills__code=f["skill"])
    if f["permanent"] in ("1", "0"):
        qs = qs.filter(is_permanent=f["permanent"] == "1")
    if f["active"] != "all":
        qs = qs.filter(is_active=True)
    return qs.order_by(SORTS.get(f["sort"], "full_name"), "id").distinct(), f


@login_required
def volunteer_list(request):
    access.require(request, "volunteers.view")
    qs, f = _filtered(request)
    return render(
        request,
        "volunteers/list.html",
        {
            "page": paginate(request, qs.prefetch_related("skills")),
            "f": f,
            "age_groups": Volunteer.AgeGroup.choices,
            "skills": ServiceCategory.objects.filter(parent__isnull=False),
            "can_add": access.can(request.user, "volunteers.change"),
            "can_export": access.can(request.user, "volunteers.export"),
        },
    )


@login_required
def volunteer_export(request):
    access.require(request, "volunteers.export")
    qs, _ = _filtered(request)
    headers = [
        "№",
        "ФИО",
        "Телефон",
        "Возрастная группа",
        "Постоянный",
        "Навыки",
        "Территория",
        "Дни",
        "Часы",
        "Обучение",
        "Организация",
        "Максимум задач",
    ]
    rows = (
        (
            v.pk,
            v.full_name,
            display_phone(v.phone),
            v.get_age_group_display(),
            "да" if v.is_permanent else "нет",
            ", ".join(s.name for s in v.skills.all()),
            v.territory.name,
            v.weekdays_display(),
            f"{v.hours_from:%H:%M}–{v.hours_to:%H:%M}" if v.hours_from and v.hours_to else "",
            v.training,
            v.organization.name if v.organization else "",
            v.max_load,
        )
        for v in qs.prefetch_related("skills")
    )
    response = xlsx_response("volontery", headers, rows, title="Волонтёры", about=export_about(request.user))
    audit_log.exported(request, "Волонтёры", response.row_count)
    return response


@login_required
def volunteer_detail(request, pk):
    qs = Volunteer.objects.select_related("territory", "organization", "user").prefetch_related("skills")
    volunteer = access.get_or_404(request, qs, "volunteers.view", pk=pk)
    audit_log.viewed(request, volunteer)
    can_edit = access.can(request.user, "volunteers.change") and access.can_change(request.user, volunteer)
    return render(
        request,
        "volunteers/detail.html",
        {
            "v": volunteer,
            "can_edit": can_edit,
            "history": audit_log.history_of(volunteer),
            "can_link_login": access.can(request.user, "users.manage"),
        },
    )


def _edit(request, volunteer):
    form = VolunteerForm(request.POST or None, instance=volunteer, user=request.user)
    if request.method == "POST" and form.is_valid():
        volunteer = form.save()
        messages.success(request, "Волонтёр сохранён.")
        return redirect("volunteers:detail", pk=volunteer.pk)
    return render(request, "volunteers/form.html", {"form": form, "v": volunteer})


@login_required
@require_http_methods(["GET", "POST"])
def volunteer_create(request):
    access.require(request, "volunteers.change")
    return _edit(request, Volunteer(organization_id=request.user.organization_id))


@login_required
@require_http_methods(["GET", "POST"])
def volunteer_edit(request, pk):
    volunteer = access.get_or_404(request, Volunteer.objects.all(), "volunteers.change", pk=pk)
    access.require_change(request, volunteer, "volunteers.change")
    return _edit(request, volunteer)
