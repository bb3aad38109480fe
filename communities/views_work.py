"""Community workspace pages: communities, canvases, interactions, roadmap, desk, architecture."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from communities import canvas, selectors, services
from communities.forms import (
    AuditForm,
    CanvasForm,
    CommunityForm,
    EngagementForm,
    InteractionForm,
    MeasurementForm,
    RoadmapStepForm,
    validation_to_form,
)
from communities.models import (
    CanvasVersion,
    Community,
    CommunityAudit,
    Engagement,
    Form,
    RoadmapStep,
)
from core.paging import paginate
from core.utils import redirect_back
from exports.views import start as exports_start


def _community(request, pk, capability="communities.view"):
    return selectors.community_or_404(request, pk, capability)


def _kind(kind):
    if kind not in CanvasVersion.Kind.values:
        raise Http404("Нет такой канвы.")
    return kind


# --- communities ---------------------------------------------------------------------------------


def _community_filters(request):
    g = request.GET
    return {
        "q": g.get("q", "").strip(),
        "form": g.get("form", "") if g.get("form") in Form.values else "",
        "status": g.get("status", "") if g.get("status") in Community.Status.values else "",
        "engagement": g.get("engagement", "") if g.get("engagement") in Engagement.values else "",
    }


@login_required
def community_list(request):
    access.require(request, "communities.view")
    filters = _community_filters(request)
    qs = selectors.communities(request.user, **filters)
    context = {
        "page": paginate(request, qs),
        "f": filters,
        "forms": Form.choices,
        "statuses": Community.Status.choices,
        "levels": Engagement.choices,
    }
    return render(request, "communities/community_list.html", context)


@login_required
def community_export(request):
    """Queued for the worker (communities.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "communities")


def _community_form(request, community):
    form = CommunityForm(request.POST or None, instance=community, user=request.user)
    if request.method == "POST" and form.is_valid():
        kwargs = form.service_kwargs()
        try:
            if community.pk:
                community = services.community_update(community=community, actor=request.user, **kwargs)
            else:
                community = services.community_create(actor=request.user, **kwargs)
        except ValidationError as exc:
            validation_to_form(form, exc)
        else:
            messages.success(request, "Сообщество сохранено.")
            return redirect("communities:detail", pk=community.pk)
    return render(request, "communities/community_form.html", {"form": form, "x": community})


@login_required
@require_http_methods(["GET", "POST"])
def community_create(request):
    access.require(request, "communities.change")
    return _community_form(request, Community())


@login_required
@require_http_methods(["GET", "POST"])
def community_edit(request, pk):
    community = _community(request, pk, "communities.change")
    return _community_form(request, community)


@login_required
def community_detail(request, pk):
    community = _community(request, pk)
    context = {
        "x": community,
        "engagement_form": EngagementForm(initial={"level": community.engagement}),
        "canvases": [
            {"kind": kind, "label": label, "latest": services.latest_canvas(community, kind)}
            for kind, label in CanvasVersion.Kind.choices
        ],
        "interactions": selectors.interactions(request.user, community=community)[:10],
        "steps": selectors.roadmap(request.user, community=community)[:10],
        "today": timezone.localdate(),
    }
    return render(request, "communities/community_detail.html", context)


@login_required
@require_POST
def community_engagement(request, pk):
    community = _community(request, pk, "communities.change")
    form = EngagementForm(request.POST)
    if form.is_valid():
        services.community_set_engagement(
            community=community, level=form.cleaned_data["level"], note=form.cleaned_data["note"], actor=request.user
        )
        messages.success(request, "Уровень вовлечения изменён, запись добавлена в историю.")
    else:
        messages.error(request, "Выберите уровень вовлечения.")
    return redirect("communities:detail", pk=community.pk)


@login_required
@require_http_methods(["GET", "POST"])
def community_audit(request, pk):
    community = _community(request, pk, "communities.change")
    form = AuditForm(request.POST or None, community=community, initial={"held_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            audit = services.community_audit_record(community=community, actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            validation_to_form(form, exc)
        else:
            messages.success(
                request,
                f"Аудит сохранён: {audit.get_decision_display().lower()}; статус — «{audit.status_after_label()}».",
            )
            return redirect("communities:detail", pk=community.pk)
    return render(
        request, "communities/audit_form.html", {"form": form, "x": community, "decisions": CommunityAudit.Decision}
    )


# --- canvases ------------------------------------------------------------------------------------


@login_required
def canvas_view(request, pk, kind):
    community = _community(request, pk)
    kind = _kind(kind)
    versions = list(selectors.canvas_versions(community, kind))
    number = request.GET.get("v")
    version = next((v for v in versions if str(v.number) == number), versions[0] if versions else None)
    context = {
        "x": community,
        "kind": kind,
        "kind_label": CanvasVersion.Kind(kind).label,
        "version": version,
        "versions": versions,
        "sections": canvas.as_sections(kind, version.answers, version.values, version.metrics)
        if version
        else canvas.as_sections(kind, {}),
        "complete": bool(version and canvas.is_complete(kind, version.answers, version.values, version.metrics)),
    }
    if kind == canvas.MINIMUM and version and version.metrics:
        context["series"] = selectors.metric_series(community, version)
        context["measure_form"] = MeasurementForm(
            metrics=version.metrics, initial={"measured_on": timezone.localdate()}
        )
    return render(request, "communities/canvas.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def canvas_edit(request, pk, kind):
    community = _community(request, pk, "communities.change")
    kind = _kind(kind)
    latest = services.latest_canvas(community, kind)
    form = CanvasForm(request.POST or None, kind=kind, version=latest)
    if request.method == "POST" and form.is_valid():
        try:
            version = services.canvas_save(community=community, kind=kind, actor=request.user, **form.service_kwargs())
        except ValidationError as exc:
            form.add_service_errors(exc)
        else:
            messages.success(request, f"Канва сохранена, версия {version.number}.")
            return redirect("communities:canvas", pk=community.pk, kind=kind)
    blocks = {b.code: b for b in canvas.blocks(kind)}
    return render(
        request,
        "communities/canvas_form.html",
        {"form": form, "x": community, "kind": kind, "kind_label": CanvasVersion.Kind(kind).label, "blocks": blocks},
    )


@login_required
def canvas_diff(request, pk, kind):
    community = _community(request, pk)
    kind = _kind(kind)
    versions = {v.number: v for v in selectors.canvas_versions(community, kind)}
    try:
        a, b = int(request.GET.get("a", 0)), int(request.GET.get("b", 0))
    except ValueError:
        a = b = 0
    if not versions:
        raise Http404("У канвы ещё нет версий.")
    newest = max(versions)
    b = b if b in versions else newest
    a = a if a in versions else max(b - 1, min(versions))
    old, new = versions[a], versions[b]
    return render(
        request,
        "communities/canvas_diff.html",
        {
            "x": community,
            "kind": kind,
            "kind_label": CanvasVersion.Kind(kind).label,
            "old": old,
            "new": new,
            "changes": services.canvas_diff(old=old, new=new),
            "numbers": sorted(versions),
        },
    )


@login_required
def canvas_pdf(request, pk, kind):
    """Queued for the worker (communities.export_kinds); the answer is the export's status page (#12)."""
    community = _community(request, pk)
    if services.latest_canvas(community, _kind(kind)) is None:
        raise Http404("Канва ещё не заполнена.")
    return exports_start(request, "canvas_pdf", community=community.pk, canvas=kind)


@login_required
def canvas_docx(request, pk, kind):
    """Queued for the worker (communities.export_kinds); the answer is the export's status page (#12)."""
    community = _community(request, pk)
    if services.latest_canvas(community, _kind(kind)) is None:
        raise Http404("Канва ещё не заполнена.")
    return exports_start(request, "canvas_docx", community=community.pk, canvas=kind)


@login_required
@require_POST
def canvas_measure(request, pk):
    community = _community(request, pk, "communities.change")
    version = services.latest_canvas(community, canvas.MINIMUM)
    form = MeasurementForm(request.POST, metrics=version.metrics if version else [])
    if form.is_valid():
        try:
            services.metric_measure(community=community, actor=request.user, **form.cleaned_data)
            messages.success(request, "Измерение сохранено.")
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
    else:
        messages.error(
            request, "Измерение не сохранено: " + "; ".join(e for errs in form.errors.values() for e in errs)
        )
    return redirect("communities:canvas", pk=community.pk, kind=canvas.MINIMUM)


# --- interactions --------------------------------------------------------------------------------


def _interactions(request):
    q = request.GET.get("q", "").strip()
    overdue = request.GET.get("overdue") == "1"
    return selectors.interactions(request.user, q=q, overdue=overdue), q, overdue


@login_required
def interaction_list(request):
    access.require(request, "communities.view")
    qs, q, overdue = _interactions(request)
    overdue_count = selectors.interactions(request.user, overdue=True).count()
    return render(
        request,
        "communities/interaction_list.html",
        {
            "page": paginate(request, qs),
            "q": q,
            "overdue": overdue,
            "overdue_count": overdue_count,
            "today": timezone.localdate(),
        },
    )


@login_required
def interaction_export(request):
    """Queued for the worker (communities.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "community_interactions")


@login_required
@require_http_methods(["GET", "POST"])
def interaction_create(request):
    access.require(request, "communities.change")
    initial = {"held_on": timezone.localdate()}
    community_id = request.GET.get("community")
    if community_id and community_id.isdigit():
        initial["community"] = community_id
    form = InteractionForm(request.POST or None, user=request.user, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            interaction = services.interaction_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            validation_to_form(form, exc)
        else:
            messages.success(request, "Взаимодействие записано.")
            if interaction.community_id:
                return redirect("communities:detail", pk=interaction.community_id)
            return redirect("communities:interactions")
    return render(request, "communities/interaction_form.html", {"form": form})


@login_required
@require_POST
def interaction_done(request, pk):
    interaction = selectors.interaction_or_404(request, pk)
    services.interaction_complete_step(interaction=interaction, actor=request.user)
    messages.success(request, "Следующий шаг отмечен выполненным.")
    return redirect_back(request, "communities:desk")


# --- roadmap -------------------------------------------------------------------------------------


def _roadmap_territory(request):
    tid = request.GET.get("territory", "")
    territories = selectors.roadmap_territories(request.user)
    territory = selectors.picked_territory(territories, tid)
    return territory or request.user.territory, territories


@login_required
def roadmap(request):
    access.require(request, "communities.view")
    territory, territories = _roadmap_territory(request)
    status = request.GET.get("status", "")
    status = status if status in RoadmapStep.Status.values or status == "overdue" else ""
    steps = list(selectors.roadmap(request.user, territory=territory, status=status)[:300])
    return render(
        request,
        "communities/roadmap.html",
        {
            "steps": steps,
            "timeline": selectors.timeline(steps),
            "territory": territory,
            "territories": territories,
            "status": status,
            "statuses": RoadmapStep.Status.choices,
            "today": timezone.localdate(),
        },
    )


@login_required
def roadmap_export(request):
    """Queued for the worker (communities.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "roadmap")


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_create(request):
    access.require(request, "communities.change")
    form = RoadmapStepForm(request.POST or None, user=request.user, initial={"territory": request.user.territory_id})
    if request.method == "POST" and form.is_valid():
        try:
            services.roadmap_step_create(actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            validation_to_form(form, exc)
        else:
            messages.success(request, "Шаг добавлен в дорожную карту.")
            return redirect("communities:roadmap")
    return render(request, "communities/roadmap_form.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def roadmap_edit(request, pk):
    step = selectors.roadmap_step_or_404(request, pk)
    form = RoadmapStepForm(request.POST or None, instance=step, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.roadmap_step_update(
                step=selectors.roadmap_step_fresh(step), actor=request.user, **form.cleaned_data
            )
        except ValidationError as exc:
            validation_to_form(form, exc)
        else:
            messages.success(request, "Шаг дорожной карты сохранён.")
            return redirect("communities:roadmap")
    return render(request, "communities/roadmap_form.html", {"form": form, "step": step})


# --- desk and architecture ---------------------------------------------------------------------


@login_required
def desk(request):
    access.require(request, "communities.desk")
    return render(request, "communities/desk.html", selectors.desk(request.user))


@login_required
def architecture(request, pk):
    access.require(request, "communities.architecture")
    territory = selectors.territory_or_404(request, pk, "communities.architecture")
    return render(request, "communities/architecture.html", selectors.architecture(request.user, territory))


@login_required
def architecture_home(request):
    access.require(request, "communities.architecture")
    if request.user.territory_id is None:
        raise Http404("У пользователя не указана территория.")
    return redirect("communities:architecture", pk=request.user.territory_id)
