"""Staff pages of support centres: thin adapters over centres.selectors and centres.services."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from centres import report, selectors, services
from centres.forms import (
    CareForm,
    CareVisitForm,
    CentreForm,
    EventForm,
    FinanceForm,
    HoursForm,
    PartnerForm,
    RegisterForm,
    ScheduleForm,
    SpecialistForm,
    VisitForm,
    person_label,
)
from centres.models import Source
from core.paging import paginate
from core.utils import error_text, int_list, int_param, period, redirect_back
from exports.views import start as exports_start
from volunteers import services as volunteer_services


def _centre(request, pk, capability="centres.view"):
    return access.get_or_404(request, selectors.centres(request.user), capability, pk=pk)


def _errors_to_form(form, exc):
    for field, errors in exc.message_dict.items():
        form.add_error(field if field in form.fields else None, errors)


def _people_options(request, named=None):
    """The «ФИО, г.р. (№id)» choices of the person field; `named` collects their ids for the read log."""
    people = list(selectors.people_for(request.user))
    if named is not None:
        named.extend(p.pk for p in people)
    return [person_label(p) for p in people]


@login_required
def centre_list(request):
    if not access.can(request.user, "centres.view"):
        access.require(request, "centres.report")  # analysts: the list leads only to the figures
    q = request.GET.get("q", "").strip()
    centres = selectors.centre_list(request.user, q)
    overdue = list(selectors.overdue_care(request.user)) if access.can(request.user, "centres.desk") else []
    audit_log.shown(request, audit_log.ids_of(overdue), "Центры: просроченные визиты ухода")
    return render(
        request,
        "centres/list.html",
        {
            "page": paginate(request, centres),
            "q": q,
            "can_manage": access.can(request.user, "centres.manage"),
            "can_candidates": access.can(request.user, "centres.candidates"),
            "can_open": access.can(request.user, "centres.view"),
            "can_report": access.can(request.user, "centres.report"),
            "overdue": overdue,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def centre_create(request):
    access.require(request, "centres.manage")
    return _centre_form(request, None)


@login_required
@require_http_methods(["GET", "POST"])
def centre_edit(request, pk):
    return _centre_form(request, _centre(request, pk, "centres.manage"))


def _centre_form(request, centre):
    form = CentreForm(request.POST or None, instance=centre, user=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form._meta.fields}
        try:
            centre = services.centre_save(actor=request.user, centre=centre, services=form.services(), **fields)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Карточка центра сохранена.")
            return redirect("centres:detail", pk=centre.pk)
    return render(request, "centres/centre_form.html", {"form": form, "centre": centre})


@login_required
def centre_detail(request, pk):
    centre = _centre(request, pk)
    today = timezone.localdate()
    context = {
        "centre": centre,
        "services": selectors.centre_services(centre),
        "upcoming": selectors.upcoming_events(request.user, centre),
        "schedules": centre.schedules.all(),
        "specialists": selectors.active_specialists(centre),
        "partners": centre.partners.all(),
        "visits_today": selectors.visits_today_count(centre, today),
        "overdue": [e for e in selectors.overdue_care(request.user, today) if e.centre_id == centre.pk],
        "can_desk": access.can(request.user, "centres.desk"),
        "can_manage": access.can(request.user, "centres.manage"),
        "can_report": access.can(request.user, "centres.report"),
    }
    audit_log.shown(request, audit_log.ids_of(context["overdue"]), "Центр: просроченные визиты ухода")
    return render(request, "centres/detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def desk(request, pk):
    """«Оказано сразу»: one screen, a few taps, on a tablet at the desk."""
    centre = _centre(request, pk, "centres.desk")
    form = VisitForm(request.POST or None, centre=centre, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            visit = services.visit_record(
                centre=centre,
                actor=request.user,
                beneficiary=data.pop("person"),
                **data,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            who = visit.beneficiary.full_name if visit.beneficiary else "анонимно"
            messages.success(request, f"Записано: {visit.service.name} — {who}.")
            return redirect("centres:desk", pk=centre.pk)
    today = timezone.localdate()
    named = []
    context = {
        "centre": centre,
        "form": form,
        "people_options": _people_options(request, named),
        "today": selectors.visits_on(centre, today),
    }
    audit_log.shown(request, named + audit_log.ids_of(context["today"]), "Центр: стойка")
    return render(request, "centres/desk.html", context, status=422 if form.errors else 200)


@login_required
@require_POST
def visit_to_request(request, pk):
    visit = access.get_or_404(request, selectors.visits(request.user), "centres.desk", pk=pk)
    try:
        help_request = services.visit_to_request(
            visit=visit,
            actor=request.user,
            full_name=request.POST.get("full_name", ""),
            phone=request.POST.get("phone", ""),
            consent=request.POST.get("consent") == "on",
        )
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"Создано обращение {help_request.number}: дальше — обычным порядком.")
    return redirect_back(request, "centres:desk", visit.centre_id)


def _visit_rows(request, centre):
    date_from, date_to = period(request, lambda today: today.replace(day=1))
    visits = selectors.centre_visits(
        request.user,
        centre,
        date_from,
        date_to,
        source=request.GET.get("source"),
        paid=request.GET.get("paid") == "1",
        service_id=int_param(request.GET.get("service")),
    )
    return visits, date_from, date_to


@login_required
def visit_list(request, pk):
    centre = _centre(request, pk)
    visits, date_from, date_to = _visit_rows(request, centre)
    page = paginate(request, visits)
    audit_log.shown(request, audit_log.ids_of(page), "Центр: посещения")
    return render(
        request,
        "centres/visits.html",
        {
            "centre": centre,
            "page": page,
            "date_from": date_from,
            "date_to": date_to,
            "sources": Source.choices,
            "services": selectors.centre_services(centre),
            "can_desk": access.can(request.user, "centres.desk"),
        },
    )


@login_required
def visit_export(request, pk):
    """Queued for the worker (centres.export_kinds); the answer is the export's status page (#12)."""
    centre = _centre(request, pk)
    return exports_start(request, "centre_visits", centre=centre.pk)


@login_required
@require_http_methods(["GET", "POST"])
def care(request, pk):
    centre = _centre(request, pk, "centres.desk")
    form = CareForm(request.POST or None, centre=centre, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.care_add(
                centre=centre,
                actor=request.user,
                beneficiary=form.cleaned_data["person"],
                every_days=form.cleaned_data["every_days"],
                volunteer=form.cleaned_data["volunteer"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Добавлен в список долговременного ухода.")
            return redirect("centres:care", pk=centre.pk)
    today = timezone.localdate()
    entries = selectors.open_care(request.user, centre)
    named = []
    people_options = _people_options(request, named)
    audit_log.shown(request, named + audit_log.ids_of(entries), "Центр: долговременный уход")
    return render(
        request,
        "centres/care.html",
        {
            "centre": centre,
            "form": form,
            "entries": entries,
            "today": today,
            "overdue": [e for e in entries if e.is_overdue(today)],
            "visit_form": CareVisitForm(initial={"visited_on": today}),
            "people_options": people_options,
        },
    )


@login_required
@require_POST
def care_visit(request, pk):
    entry = access.get_or_404(request, selectors.care_entries(request.user), "centres.desk", pk=pk)
    form = CareVisitForm(request.POST)
    if form.is_valid():
        try:
            services.care_visit_log(entry=entry, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, f"Визит к {entry.beneficiary.full_name} записан.")
    else:
        messages.error(request, "Дата визита: " + " ".join(e for errs in form.errors.values() for e in errs))
    return redirect("centres:care", pk=entry.centre_id)


@login_required
@require_POST
def care_end(request, pk):
    entry = access.get_or_404(request, selectors.care_entries(request.user), "centres.desk", pk=pk)
    try:
        services.care_end(entry=entry, actor=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, f"{entry.beneficiary.full_name} снят(а) с долговременного ухода.")
    return redirect("centres:care", pk=entry.centre_id)


@login_required
@require_http_methods(["GET", "POST"])
def events(request, pk):
    """Events of the centre and its recurring schedules (POST adds a schedule and generates its events)."""
    centre = _centre(request, pk)
    schedule_form = ScheduleForm(request.POST or None)
    if request.method == "POST":
        access.require(request, "centres.manage")
        if schedule_form.is_valid():
            try:
                schedule = services.schedule_create(centre=centre, actor=request.user, **schedule_form.cleaned_data)
            except ValidationError as exc:
                _errors_to_form(schedule_form, exc)
            else:
                messages.success(request, f"Расписание «{schedule}» добавлено, мероприятия созданы на 8 недель вперёд.")
                return redirect("centres:events", pk=centre.pk)
    show = request.GET.get("show", "upcoming")
    qs = selectors.centre_events(request.user, centre, show)
    return render(
        request,
        "centres/events.html",
        {
            "centre": centre,
            "page": paginate(request, qs),
            "show": show,
            "schedules": centre.schedules.all(),
            "schedule_form": schedule_form,
            "can_manage": access.can(request.user, "centres.manage"),
            "can_desk": access.can(request.user, "centres.desk"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def event_create(request, pk):
    centre = _centre(request, pk, "centres.desk")
    form = EventForm(request.POST or None, centre=centre, user=request.user, initial={"place": centre.address})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            event = services.event_save(
                actor=request.user,
                centre=centre,
                specialists=data.pop("specialists"),
                volunteers=data.pop("volunteers"),
                **data,
            )
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Мероприятие создано.")
            return redirect("centres:event", pk=event.pk)
    return render(request, "centres/event_form.html", {"centre": centre, "form": form})


def _event(request, pk, capability="centres.view"):
    return access.get_or_404(request, selectors.events(request.user), capability, pk=pk)


@login_required
def event_detail(request, pk):
    event = _event(request, pk)
    return _event_page(request, event, RegisterForm(), None)


def _event_page(request, event, register_form, attendance_error, status=200):
    named = []
    participants = selectors.participants(event)
    people_options = _people_options(request, named)
    audit_log.shown(request, named + audit_log.ids_of(participants), "Центр: мероприятие")
    return render(
        request,
        "centres/event.html",
        {
            "event": event,
            "centre": event.centre,
            "participants": participants,
            "register_form": register_form,
            "attendance_error": attendance_error,
            "people_options": people_options,
            "can_desk": access.can(request.user, "centres.desk"),
            "specialists": event.specialists.all(),
            "volunteers": event.volunteers.all(),
        },
        status=status,
    )


@login_required
@require_POST
def event_register(request, pk):
    event = _event(request, pk, "centres.desk")
    form = RegisterForm(request.POST)
    form.fields["person"].user = request.user
    if form.is_valid():
        person, extra = form.cleaned_data["person"], form.cleaned_data["extra"] or 0
        if person is None and not extra:
            form.add_error("person", "Выберите человека из базы или укажите число записавшихся.")
        else:
            try:
                services.event_register(
                    event=event,
                    actor=request.user,
                    beneficiaries=[person] if person else [],
                    extra=extra,
                    confirm_over_capacity=form.cleaned_data["confirm_over_capacity"],
                )
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, "Записали.")
                return redirect("centres:event", pk=event.pk)
    return _event_page(request, _event(request, pk), form, None, status=422)


@login_required
@require_POST
def event_attendance(request, pk):
    event = _event(request, pk, "centres.desk")
    try:
        extra = int(request.POST.get("extra") or 0)
    except ValueError:
        extra = -1
    try:
        services.attendance_mark(
            event=event,
            actor=request.user,
            attended_ids=int_list(request.POST.getlist("attended")),
            extra=extra,
            confirm_over_capacity=request.POST.get("confirm_over_capacity") == "on",
        )
    except ValidationError as exc:
        return _event_page(request, _event(request, pk), RegisterForm(), error_text(exc), status=422)
    messages.success(request, "Посещаемость сохранена.")
    return redirect("centres:event", pk=event.pk)


@login_required
@require_POST
def event_cancel(request, pk):
    event = _event(request, pk, "centres.desk")
    try:
        services.event_cancel(event=event, actor=request.user)
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "Мероприятие отменено: оно снято с афиши.")
    return redirect("centres:event", pk=event.pk)


@login_required
@require_http_methods(["GET", "POST"])
def team(request, pk):
    """Specialists with their hours and partners of the practice."""
    centre = _centre(request, pk)
    which = request.POST.get("form")
    bound = request.POST if request.method == "POST" else None
    forms = {
        "specialist": SpecialistForm(bound if which == "specialist" else None, prefix="s"),
        "hours": HoursForm(
            bound if which == "hours" else None, centre=centre, prefix="h", initial={"worked_on": timezone.localdate()}
        ),
        "partner": PartnerForm(bound if which == "partner" else None, prefix="p"),
    }
    if request.method == "POST":
        access.require(request, "centres.manage")
        form = forms.get(which)
        if form is not None and form.is_valid():
            try:
                if which == "specialist":
                    services.specialist_add(centre=centre, actor=request.user, **form.cleaned_data)
                elif which == "hours":
                    services.hours_log(actor=request.user, **form.cleaned_data)
                else:
                    services.partner_add(centre=centre, actor=request.user, **form.cleaned_data)
            except ValidationError as exc:
                _errors_to_form(form, exc)
            else:
                messages.success(request, "Сохранено.")
                return redirect("centres:team", pk=centre.pk)
    specialists = selectors.specialists_with_hours(centre)
    return render(
        request,
        "centres/team.html",
        {
            "centre": centre,
            "specialists": specialists,
            "partners": centre.partners.all(),
            "forms": forms,
            "can_manage": access.can(request.user, "centres.manage"),
        },
        status=422 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def finances(request, pk):
    centre = _centre(request, pk, "centres.manage")
    form = FinanceForm(request.POST or None, initial={"month": timezone.localdate().replace(day=1)})
    if request.method == "POST" and form.is_valid():
        try:
            services.finance_add(centre=centre, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors_to_form(form, exc)
        else:
            messages.success(request, "Запись добавлена.")
            return redirect("centres:finances", pk=centre.pk)
    today = timezone.localdate()
    start = date(today.year - 1, today.month, 1) if today.month == 12 else date(today.year - 1, today.month + 1, 1)
    figures = selectors.report_figures(centre, start, today)
    return render(
        request,
        "centres/finances.html",
        {"centre": centre, "form": form, "figures": figures, "entries": centre.finances.all()[:60]},
        status=422 if form.errors else 200,
    )


def _report_period(request):
    date_from, date_to = period(request, lambda today: date(today.year, 1, 1))
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    return date_from, date_to


def _report(request, pk):
    centre = _centre(request, pk, "centres.report")
    return centre, selectors.report_figures(centre, *_report_period(request))


@login_required
def report_page(request, pk):
    centre, figures = _report(request, pk)
    return render(request, "centres/report.html", {"centre": centre, "f": figures, "lines": _lines(figures)})


def _lines(figures):
    return [(label, getattr(figures, attr)) for label, attr in report.LINES]


@login_required
def report_xlsx(request, pk):
    """Queued for the worker (centres.export_kinds); the answer is the export's status page (#12)."""
    centre = _centre(request, pk, "centres.report")
    return exports_start(request, "centre_report", centre=centre.pk)


@login_required
def report_pdf(request, pk):
    """Queued for the worker (centres.export_kinds); the answer is the export's status page (#12)."""
    centre = _centre(request, pk, "centres.report")
    return exports_start(request, "centre_report_pdf", centre=centre.pk)


@login_required
def candidates(request):
    access.require(request, "centres.candidates")
    qs = selectors.candidates(request.user)
    return render(request, "centres/candidates.html", {"page": paginate(request, qs)})


@login_required
@require_POST
def candidate_action(request, pk, action):
    volunteer = access.get_or_404(request, selectors.candidates(request.user), "centres.candidates", pk=pk)
    try:
        if action == "activate":
            organization = volunteer.organization or request.user.organization
            volunteer_services.candidate_activate(
                volunteer=volunteer,
                actor=request.user,
                organization=organization,
                is_permanent=request.POST.get("is_permanent") == "on",
            )
            messages.success(request, f"{volunteer.full_name} — теперь действующий волонтёр.")
        elif action == "reject":
            volunteer_services.candidate_reject(volunteer=volunteer, actor=request.user)
            messages.success(request, f"Анкета {volunteer.full_name} отклонена.")
        else:
            messages.error(request, "Неизвестное действие.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("centres:candidates")
