from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from accounts import access
from audit import log as audit_log
from catalog.selectors import services_offered
from core.paging import paginate
from exports.views import start as exports_start
from volunteers import selectors, services
from volunteers.forms import VolunteerForm
from volunteers.models import Volunteer
from volunteers.selectors import FILTERS


def _filtered(request):
    f = {k: request.GET.get(k, "").strip() for k in FILTERS}
    return selectors.volunteer_list(request.user, f), f


@login_required
def volunteer_list(request):
    access.require(request, "volunteers.view")
    qs, f = _filtered(request)
    return render(
        request,
        "volunteers/list.html",
        {
            "page": paginate(request, qs),
            "f": f,
            "age_groups": Volunteer.AgeGroup.choices,
            "skills": services_offered(),
            "can_add": access.can(request.user, "volunteers.change"),
            "can_export": access.can(request.user, "volunteers.export"),
        },
    )


@login_required
def volunteer_export(request):
    """Queued for the worker (volunteers.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "volunteers")


@login_required
def volunteer_detail(request, pk):
    volunteer = access.get_or_404(request, selectors.volunteer_detail(), "volunteers.view", pk=pk)
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
        try:
            volunteer = services.volunteer_save(volunteer=volunteer, data=form.cleaned_data, actor=request.user)
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
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
    volunteer = access.get_or_404(request, selectors.volunteers(), "volunteers.change", pk=pk)
    access.require_change(request, volunteer, "volunteers.change")
    return _edit(request, volunteer)
