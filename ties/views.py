from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from core.paging import paginate
from core.utils import error_text, int_param, redirect_back
from exports.views import start as exports_start
from ties import selectors, services
from ties.forms import TieForm
from ties.models import Level


def _person(request, pk, capability="ties.view"):
    return selectors.person_or_404(request, pk, capability)


def _filters(request):
    return worklist_matching(request.user, request.GET)


def worklist_matching(user, params):
    """The worklist page and its export: the user's scope, then the page's territory, level and search."""
    return selectors.worklist_matching(user, params)


def _waiting(risk, now):
    if risk.last_contact_at is None:
        return None
    return (timezone.localdate(now) - timezone.localdate(risk.last_contact_at)).days


@login_required
def worklist(request):
    """«Под риском одиночества»: high or rising risk, no current contact; highest risk and longest wait first."""
    access.require(request, "ties.worklist")
    rows, context = _filters(request)
    page = paginate(request, rows)
    audit_log.shown(request, audit_log.ids_of(page), "Под риском одиночества")
    now = timezone.now()
    suggestions = selectors.suggestions(request.user, page.object_list, now)
    tasks = selectors.open_tasks(page.object_list)
    context.update(
        {
            "page": page,
            "items": [
                {
                    "risk": r,
                    "waiting": _waiting(r, now),
                    "suggestions": suggestions.get(r.pk, []),
                    "tasks": tasks.get(r.pk, []),
                }
                for r in page.object_list
            ],
            "levels": Level.choices,
            "can_enrol": access.can(request.user, "phone.manage"),
        }
    )
    return render(request, "ties/worklist.html", context)


@login_required
def worklist_export(request):
    """Queued for the worker (ties.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "ties_worklist")


@login_required
def counts(request):
    """Aggregates by territory and level: analysts see counts only, never people."""
    access.require(request, "ties.counts")
    if request.GET.get("format") == "xlsx":  # built by the worker (ties.export_kinds), never here (#12)
        return exports_start(request, "ties_counts")
    territories = selectors.filter_territories(request.user)
    territory = selectors.counts_territory(request.user, int_param(request.GET.get("territory")))
    table = selectors.counts_by_level(request.user, territory)
    rows = [(name, c[2], c[1], c[0], sum(c.values())) for name, c in table.items()]
    totals = [sum(r[i] for r in rows) for i in range(1, 5)]
    if not access.can(request.user, "ties.view"):  # analysts: counts of 1–2 could point at a person
        rows = [(r[0], *(_masked(v) for v in r[1:])) for r in rows]
    headers = ["Территория", "Высокий", "Средний", "Низкий", "Всего"]
    return render(
        request,
        "ties/counts.html",
        {"rows": rows, "headers": headers, "totals": totals, "territories": territories, "territory": territory},
    )


def _masked(value):
    return "< 3" if 0 < value < 3 else value


# --- ties of one person ---


@login_required
@require_http_methods(["GET", "POST"])
def tie_create(request, pk):
    person = _person(request, pk, "ties.change")
    return _tie_form(request, person, None)


@login_required
@require_http_methods(["GET", "POST"])
def tie_edit(request, pk):
    tie = selectors.tie_or_404(request, pk)
    return _tie_form(request, tie.beneficiary, tie)


def _tie_form(request, person, tie):
    initial = TieForm.initial_for(tie) if tie else {}
    form = TieForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            services.tie_save(beneficiary=person, tie=tie, actor=request.user, **data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Связь сохранена; риск одиночества пересчитан.")
            return redirect("people:detail", pk=person.pk)
    audit_log.viewed(request, person)
    return render(request, "ties/tie_form.html", {"form": form, "b": person, "tie": tie})


@login_required
@require_POST
def tie_contacted(request, pk):
    tie = selectors.tie_or_404(request, pk)
    services.tie_contacted(tie=tie, actor=request.user)
    messages.success(request, f"Записано: сегодня был контакт — {tie.display_name}.")
    return redirect_back(request, "ties:worklist")


# --- next steps from the worklist (one click each, logged) ---


def _back(request):
    target = request.POST.get("next", "")
    return redirect(target if target.startswith("/") and not target.startswith("//") else "ties:worklist")


@login_required
@require_POST
def step_enrol(request, pk):
    person = _person(request, pk, "phone.manage")
    volunteer = selectors.active_volunteer(request.user, int_param(request.POST.get("volunteer")))
    if volunteer is None:
        messages.error(request, "Волонтёр: выберите волонтёра из предложенных.")
        return _back(request)
    try:
        services.step_enrol(
            beneficiary=person, volunteer=volunteer, actor=request.user, consent_given=bool(request.POST.get("consent"))
        )
    except ValidationError as exc:
        messages.error(request, f"{person.full_name}: {error_text(exc)}")
    else:
        messages.success(request, f"{person.full_name} включен(а) в «Алло, волонтёр!»: звонит {volunteer.full_name}.")
    return _back(request)


@login_required
@require_POST
def step_invite(request, pk, event):
    person = _person(request, pk, "ties.change")
    item = selectors.planned_event_or_404(request, event)
    try:
        services.step_invite(beneficiary=person, event=item, actor=request.user)
    except ValidationError as exc:
        messages.error(request, f"{person.full_name}: {error_text(exc)}")
    else:
        messages.success(request, f"{person.full_name} записан(а) на «{item.title}»; задача напомнить поставлена.")
    return _back(request)


@login_required
@require_POST
def step_visit(request, pk):
    person = _person(request, pk, "requests.create")
    volunteer = None
    if request.POST.get("volunteer"):
        volunteer = selectors.active_volunteer(request.user, int_param(request.POST.get("volunteer")))
    try:
        help_request = services.step_visit_request(beneficiary=person, actor=request.user, volunteer=volunteer)
    except ValidationError as exc:
        messages.error(request, f"{person.full_name}: {error_text(exc)}")
    else:
        messages.success(request, f"Обращение {help_request.number} создано: навестить {person.full_name}.")
    return _back(request)


@login_required
@require_POST
def task_create(request, pk):
    person = _person(request, pk, "ties.change")
    try:
        services.task_create(beneficiary=person, text=request.POST.get("text", ""), actor=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "Задача поставлена.")
    return _back(request)


@login_required
@require_POST
def task_done(request, pk):
    task = selectors.task_or_404(request, pk)
    services.task_done(task=task, actor=request.user)
    messages.success(request, "Задача отмечена выполненной.")
    return _back(request)


@login_required
def leaflet(request, pk):
    """Самозабота: a large-print leaflet with the person's ties, the hotline, nearby sites and events — the PDF
    built by the worker (ties.export_kinds, #12), `?format=html` the same page to print from the browser."""
    from ties.relatives import HOTLINE, polite_name

    person = _person(request, pk)
    if request.GET.get("format") != "html":
        return exports_start(request, "ties_leaflet", person=person.pk)
    audit_log.viewed(request, person)
    sites, events = selectors.leaflet_places(request.user, person)
    context = {
        "name": polite_name(person.full_name),
        "items": selectors.circle(request.user, person),
        "sites": sites,
        "events": events,
        "hotline": HOTLINE,
        "today": timezone.localdate(),
    }
    return render(request, "ties/leaflet.html", context)
