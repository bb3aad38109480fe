from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from assessments import compare, protocol, selectors, services
from assessments.forms import (
    SCORE_CHOICES,
    CriterionFormSet,
    ParticipantForm,
    ProposalForm,
    ProtocolTemplateForm,
    SessionForm,
    TaskForm,
)
from assessments.models import Proposal, Session
from core import documents
from core.paging import paginate
from exports.views import start as exports_start

SCORE_FIELDS = ("value", "self_value", "spread_low", "spread_high", "discussion", "dissent")


def _session(request, pk, capability="assessments.view"):
    return selectors.session_or_404(request, pk, capability)


def _filtered(request):
    q = request.GET.get("q", "").strip()
    year = request.GET.get("year", "").strip()
    return selectors.session_list(request.user, q=q, year=year), q, year


@login_required
def session_list(request):
    access.require(request, "assessments.view")
    qs, q, year = _filtered(request)
    return render(request, "assessments/sessions.html", {"page": paginate(request, qs), "q": q, "year": year})


@login_required
def session_export(request):
    """Queued for the worker (assessments.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "assessment_sessions")


def _edit_session(request, session):
    form = SessionForm(request.POST or None, instance=session, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        practices = data.pop("practices", [])
        template = data.pop("template", None)
        try:
            if session.pk:
                session = services.session_update(
                    session=session, actor=request.user, practices=practices, template=template, **data
                )
            else:
                session = services.session_create(actor=request.user, template=template, practices=practices, **data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Сессия сохранена.")
            return redirect("assessments:session", pk=session.pk)
    return render(request, "assessments/session_form.html", {"form": form, "session": session})


@login_required
@require_http_methods(["GET", "POST"])
def session_create(request):
    access.require(request, "assessments.change")
    from assessments import checklist

    session = Session(
        template=services.checklist_default(actor=request.user),
        questions="\n".join(checklist.QUESTIONS),
        goal=checklist.GOAL,
        territory=request.user.territory,
    )
    return _edit_session(request, session)


@login_required
@require_http_methods(["GET", "POST"])
def session_edit(request, pk):
    return _edit_session(request, _session(request, pk, "assessments.change"))


@login_required
def session_detail(request, pk):
    session = _session(request, pk)
    ctx = protocol.context(session)
    return render(
        request,
        "assessments/session.html",
        {
            "session": session,
            "p": ctx,
            "proposals": selectors.session_proposals(session),
            "can_change": access.can(request.user, "assessments.change"),
            "can_roadmap": access.can(request.user, "communities.change"),
        },
    )


def _score_rows(session, post=None, errors=None):
    scores = {s.criterion_id: s for s in session.scores.all()}
    as_of = selectors.evidence_moment(session)
    figures = selectors.evidence_for(session.territory, as_of)
    rows = []
    for criterion in session.template.criteria.all():
        score = scores.get(criterion.pk)
        prefix = f"c{criterion.number}-"
        if post is not None:
            values = {f: post.get(prefix + f, "") for f in SCORE_FIELDS}
        elif score is not None:
            values = {
                "value": "nr" if score.not_required else (score.value or ""),
                "self_value": "nr" if score.self_not_required else (score.self_value or ""),
                "spread_low": score.spread_low or "",
                "spread_high": score.spread_high or "",
                "discussion": score.discussion,
                "dissent": score.dissent,
            }
        else:
            values = dict.fromkeys(SCORE_FIELDS, "")
        rows.append(
            {
                "criterion": criterion,
                "prefix": prefix,
                "values": {k: str(v) for k, v in values.items()},
                "errors": {f: (errors or {}).get(prefix + f, []) for f in SCORE_FIELDS},
                "evidence": figures.get(criterion.evidence, []) if criterion.evidence else [],
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def scores(request, pk):
    session = _session(request, pk, "assessments.change")
    errors = None
    if request.method == "POST":
        rows = {
            c.number: {f: request.POST.get(f"c{c.number}-{f}", "") for f in SCORE_FIELDS}
            for c in session.template.criteria.all()
        }
        try:
            services.scores_save(session=session, rows=rows, actor=request.user)
        except ValidationError as exc:
            errors = exc.message_dict
        else:
            messages.success(request, "Оценки сохранены.")
            return redirect("assessments:session", pk=session.pk)
    return render(
        request,
        "assessments/scores.html",
        {
            "session": session,
            "rows": _score_rows(session, request.POST if errors else None, errors),
            "choices": SCORE_CHOICES,
            "spread_choices": SCORE_CHOICES[:6],
            "has_errors": bool(errors),
            "general_errors": (errors or {}).get("__all__", []),
            "evidence_as_of": selectors.evidence_moment(session),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def participants(request, pk):
    session = _session(request, pk, "assessments.change")
    form = ParticipantForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        services.participant_add(session=session, actor=request.user, **form.cleaned_data)
        messages.success(request, "Участник добавлен.")
        return redirect("assessments:participants", pk=session.pk)
    items = selectors.session_participants(session)
    return render(request, "assessments/participants.html", {"session": session, "form": form, "items": items})


@login_required
@require_POST
def participant_remove(request, pk):
    participant = selectors.participant_or_404(request, pk)
    services.participant_remove(participant=participant, actor=request.user)
    messages.success(request, "Участник удалён из списка.")
    return redirect("assessments:participants", pk=participant.session_id)


def _edit_proposal(request, session, proposal):
    initial = {"criterion": request.GET.get("criterion")} if proposal.pk is None else None
    form = ProposalForm(request.POST or None, instance=proposal, user=request.user, session=session, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {f: form.cleaned_data[f] for f in form.Meta.fields}
        try:
            if proposal.pk:
                services.proposal_update(proposal=proposal, actor=request.user, **data)
            else:
                services.proposal_create(session=session, actor=request.user, **data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Предложение сохранено.")
            return redirect("assessments:session", pk=session.pk)
    return render(request, "assessments/proposal_form.html", {"session": session, "form": form, "proposal": proposal})


@login_required
@require_http_methods(["GET", "POST"])
def proposal_create(request, pk):
    session = _session(request, pk, "assessments.change")
    return _edit_proposal(request, session, Proposal(session=session))


def _proposal(request, pk):
    return selectors.proposal_or_404(request, pk)


@login_required
@require_http_methods(["GET", "POST"])
def proposal_edit(request, pk):
    proposal = _proposal(request, pk)
    return _edit_proposal(request, proposal.session, proposal)


def _proposals(request):
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    qs = selectors.proposals(request.user, q=q, status=status, overdue=request.GET.get("overdue") == "1")
    return qs, {"q": q, "status": status}


@login_required
def proposal_list(request):
    """Following proposals up across sessions: who was asked, by when, what came of it."""
    access.require(request, "assessments.view")
    qs, filters = _proposals(request)
    return render(
        request,
        "assessments/proposals.html",
        {"page": paginate(request, qs), "filters": filters, "statuses": Proposal.Status.choices},
    )


@login_required
def proposal_export(request):
    """Queued for the worker (assessments.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "assessment_proposals")


@login_required
@require_POST
def proposal_roadmap(request, pk):
    """«В дорожную карту»: the proposal becomes a step of the communities roadmap."""
    proposal = _proposal(request, pk)
    access.require(request, "communities.change")
    try:
        services.proposal_to_roadmap(proposal=proposal, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, "Предложение добавлено в дорожную карту как шаг.")
    return redirect("assessments:session", pk=proposal.session_id)


@login_required
@require_POST
def proposal_delete(request, pk):
    proposal = _proposal(request, pk)
    services.proposal_delete(proposal=proposal, actor=request.user)
    messages.success(request, "Предложение удалено.")
    return redirect("assessments:session", pk=proposal.session_id)


@login_required
@require_http_methods(["GET", "POST"])
def tasks(request, pk):
    session = _session(request, pk, "assessments.change")
    form = TaskForm(request.POST or None, session=session)
    if request.method == "POST" and form.is_valid():
        services.task_add(session=session, actor=request.user, **form.cleaned_data)
        messages.success(request, "Задача добавлена.")
        return redirect("assessments:tasks", pk=session.pk)
    items = selectors.session_tasks(session)
    return render(request, "assessments/tasks.html", {"session": session, "form": form, "items": items})


@login_required
@require_POST
def task_remove(request, pk):
    task = selectors.task_or_404(request, pk)
    services.task_remove(task=task, actor=request.user)
    messages.success(request, "Задача удалена.")
    return redirect("assessments:tasks", pk=task.session_id)


@login_required
def protocol_pdf(request, pk):
    """Queued for the worker (assessments.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "protocol_pdf", session=_session(request, pk).pk)


@login_required
def protocol_docx(request, pk):
    return exports_start(request, "protocol_docx", session=_session(request, pk).pk)


@login_required
@require_http_methods(["GET", "POST"])
def protocol_template(request):
    access.require(request, "assessments.checklists")
    form = ProtocolTemplateForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        if upload.size > services.PROTOCOL_TEMPLATE_MAX_MB * 1024 * 1024:
            form.add_error("file", f"Файл больше {services.PROTOCOL_TEMPLATE_MAX_MB} МБ.")
        else:
            try:
                services.protocol_template_upload(
                    territory=form.cleaned_data["territory"],
                    file_name=upload.name,
                    data=upload.read(),
                    actor=request.user,
                )
            except ValidationError as exc:
                form.add_error("file", exc.message_dict.get("file", exc.messages))
            else:
                messages.success(request, "Шаблон протокола загружен: новые протоколы заполняются по нему.")
                return redirect("assessments:protocol_template")
    uploaded = selectors.protocol_templates(request.user)
    return render(
        request,
        "assessments/protocol_template.html",
        {"form": form, "uploaded": uploaded, "max_mb": services.PROTOCOL_TEMPLATE_MAX_MB},
    )


@login_required
def protocol_template_default(request):
    access.require(request, "assessments.checklists")
    return documents.download(protocol.default_docx_template(), "Шаблон протокола.docx", documents.DOCX)


@login_required
@require_POST
def protocol_template_reset(request, pk):
    item = selectors.protocol_template_or_404(request, pk)
    services.protocol_template_reset(territory=item.territory, actor=request.user)
    messages.success(request, "Восстановлен встроенный шаблон протокола.")
    return redirect("assessments:protocol_template")


# --- comparisons ---


def _heat_template(request):
    return selectors.heat_template(request.user, request.GET.get("template", ""))


@login_required
def heat_map(request):
    access.require(request, "assessments.compare")
    template = _heat_template(request)
    data = selectors.heat_map(request.user, template) if template else {"columns": [], "rows": [], "bottlenecks": []}
    return render(
        request,
        "assessments/heat_map.html",
        {"template": template, "templates": selectors.templates(), "data": data, "text": compare.text},
    )


@login_required
def heat_map_export(request):
    """Queued for the worker (assessments.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "assessment_heat_map")


@login_required
def over_time(request):
    access.require(request, "assessments.compare")
    territories = selectors.compared_territories(request.user)
    territory = selectors.compared_territory(territories, request.GET.get("territory", ""))
    data = selectors.over_time(request.user, territory) if territory else {"columns": [], "rows": []}
    chart = {
        "labels": [f"Критерий {r['number']}" for r in data["rows"]],
        "series": [
            {
                "label": column["label"],
                "values": [
                    r["cells"][i]["value"] if isinstance(r["cells"][i]["value"], int) else None for r in data["rows"]
                ],
            }
            for i, column in enumerate(data["columns"])
        ],
    }
    return render(
        request,
        "assessments/over_time.html",
        {"territories": territories, "territory": territory, "data": data, "chart": chart},
    )


# --- checklists ---


@login_required
def checklists(request):
    access.require(request, "assessments.checklists")
    services.checklist_default(actor=request.user)
    items = selectors.templates(with_criteria=True)
    return render(request, "assessments/checklists.html", {"items": items})


@login_required
@require_http_methods(["GET", "POST"])
def checklist_edit(request, pk):
    access.require(request, "assessments.checklists")
    template = selectors.template(request.user, pk)
    if template is None:
        from django.http import Http404

        raise Http404("Запись не найдена.")
    initial = [
        {"number": c.number, "title": c.title, "description": c.description, "evidence": c.evidence}
        for c in template.criteria.all()
    ]
    formset = CriterionFormSet(request.POST or None, initial=initial, prefix="c")
    note = request.POST.get("note", "").strip()
    if request.method == "POST" and formset.is_valid():
        criteria = [f.cleaned_data for f in formset if f.cleaned_data and not f.cleaned_data.get("DELETE")]
        try:
            new = services.checklist_new_version(template=template, criteria=criteria, note=note, actor=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Создана версия {new.version}. Прошлые сессии сохраняют свою версию.")
            return redirect("assessments:checklists")
    return render(request, "assessments/checklist_form.html", {"template": template, "formset": formset, "note": note})
