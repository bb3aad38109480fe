from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from core.paging import paginate
from core.utils import error_text, int_param, period, redirect_back
from exports.views import start as exports_start
from people.selectors import beneficiary_or_404
from phone import matching, queries, rollup, selectors, services
from phone.forms import CallForm, EnrolForm, IdentificationForm, IdentifiedEnrolForm, PauseForm
from phone.models import Identification


def _enrolments(request):
    return selectors.enrolments(request.user)


def _identifications(request):
    return selectors.identifications(request.user)


def _enrolment(request, pk, capability="phone.calls"):
    return selectors.enrolment_or_404(request, pk, capability)


@login_required
def dashboard(request):
    access.require(request, "phone.dashboard")
    enrolments = _enrolments(request)
    today, now = timezone.localdate(), timezone.now()
    missed, missed_at = queries.missed_rollup(enrolments, now)
    alerts = selectors.open_alerts(enrolments)
    # Counted once each (#12): the participants with those without a volunteer, the missed calls' rows with
    # their totals — each paginator is given its count instead of asking the database again.
    participants, missed_total = selectors.participant_counts(enrolments), selectors.missed_totals(missed)
    # Every list is paged with its own parameter (#12): a large region has tens of thousands of participants,
    # and the read log names only the people shown on this page.
    context = {
        "enrolments": paginate(
            request, selectors.active_by_name(enrolments), param="people", count=participants["total"]
        ),
        "alerts": paginate(request, alerts.order_by("-raised_at", "pk"), param="alerts"),
        "quiet": queries.quiet_volunteers(enrolments, now),
        "missed": paginate(request, missed, param="missed", count=missed_total["people"]),
        "missed_total": missed_total,
        "missed_at": missed_at,
        "greetings": paginate(request, queries.greetings(enrolments, today), param="greetings"),
        "unassigned": participants["unassigned"],
        "can_manage": access.can(request.user, "phone.manage"),
    }
    if access.can(request.user, "phone.identify"):
        context["identified"] = paginate(
            request, selectors.identifications(request.user, Identification.Status.IDENTIFIED)
        )
    if access.can(request.user, "phone.kpi"):
        # The same scope and definitions as the KPI page (/phone/kpi/), over the last 30 days.
        context["kpi"], context["kpi_at"] = queries.dashboard_kpi(request.user, today, now)
        context["kpi_since"], context["kpi_until"] = today - timedelta(days=30), today
    named = [e.beneficiary_id for e in context["enrolments"]]
    named += [a.enrolment.beneficiary_id for a in context["alerts"]]
    named += [m.enrolment.beneficiary_id for m in context["missed"]]
    named += [g["enrolment"].beneficiary_id for g in context["greetings"] if g["enrolment"]]
    named += audit_log.ids_of(context.get("identified", []))
    audit_log.shown(request, named, "«Алло, волонтёр!»: панель")
    return render(request, "phone/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def enrol(request):
    access.require(request, "phone.manage")
    form = EnrolForm(request.POST or None, user=request.user, initial={"beneficiary": request.GET.get("beneficiary")})
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            enrolment = services.enrol(actor=request.user, **data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Человек включён в службу «Алло, волонтёр!».")
            return redirect("phone:enrolment", pk=enrolment.pk)
    # The «Подопечный» list names everyone who may be enrolled: one entry with their ids.
    audit_log.shown(request, selectors.choice_ids(form.fields["beneficiary"].queryset), "Включить в службу: список")
    return render(request, "phone/enrol.html", {"form": form})


@login_required
def enrolment_detail(request, pk):
    enrolment = _enrolment(request, pk)
    audit_log.viewed(request, enrolment)
    today = timezone.localdate()
    context = {
        "e": enrolment,
        **selectors.enrolment_records(enrolment),
        "outcomes": queries.day_outcomes(enrolment, today, days=28)[-12:],
        "next": queries.schedule.next_dates(
            enrolment.weekdays, enrolment.every_weeks, enrolment.started_on, today, queries.pauses_for(enrolment)
        ),
        "pause_form": PauseForm(),
        "can_manage": access.can(request.user, "phone.manage"),
    }
    if context["can_manage"] and not enrolment.ended_at:
        pool = selectors.active_volunteers(request.user)
        context["suggestions"] = matching.rank(
            enrolment.beneficiary.territory.path, enrolment.language, queries.phone_volunteers(pool)
        )[:5]
    return render(request, "phone/enrolment.html", context)


@login_required
@require_POST
def reassign(request, pk):
    enrolment = _enrolment(request, pk, "phone.manage")
    volunteer = selectors.volunteer_in_scope(request.user, int_param(request.POST.get("volunteer")))
    if volunteer is None:
        messages.error(request, "Волонтёр: выберите волонтёра из списка.")
    else:
        services.reassign(
            enrolment=enrolment, volunteer=volunteer, actor=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, f"Теперь звонит {volunteer.full_name}. История звонков сохранена.")
    return redirect("phone:enrolment", pk=pk)


@login_required
@require_POST
def pause(request, pk):
    enrolment = _enrolment(request, pk)
    form = PauseForm(request.POST)
    if form.is_valid():
        services.pause_create(enrolment=enrolment, **form.cleaned_data, actor=request.user)
        messages.success(request, "Перерыв записан: в эти дни звонки не ждут и тревоги не поднимаются.")
    else:
        messages.error(request, "Перерыв не записан: " + " ".join(e for es in form.errors.values() for e in es))
    return redirect("phone:enrolment", pk=pk)


@login_required
@require_POST
def end(request, pk):
    enrolment = _enrolment(request, pk, "phone.manage")
    services.end(enrolment=enrolment, actor=request.user, reason=request.POST.get("reason", ""))
    messages.success(request, "Участие в службе завершено.")
    return redirect("phone:enrolment", pk=pk)


@login_required
@require_POST
def resolve_alert(request, pk):
    access.require(request, "phone.manage")
    alert = selectors.alert_or_404(request.user, pk)
    try:
        services.resolve_alert(alert=alert, actor=request.user, resolution=request.POST.get("resolution", ""))
        messages.success(request, "Тревога снята.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect_back(request, "phone:dashboard")


@login_required
def today(request):
    access.require(request, "phone.today")
    volunteer = getattr(request.user, "volunteer", None)
    day = timezone.localdate()
    rows = queries.today_list(volunteer, day) if volunteer else []
    thanks = selectors.thanks_for(volunteer) if volunteer else []
    greetings = queries.greetings(selectors.enrolments_of(volunteer), day) if volunteer else []
    token = services.calendar_token_for(volunteer=volunteer) if volunteer else None
    named = [row["enrolment"].beneficiary_id for row in rows]
    named += [g["enrolment"].beneficiary_id for g in greetings if g["enrolment"]]
    audit_log.shown(request, named, "Звонки на сегодня")
    return render(
        request,
        "phone/today.html",
        {"rows": rows, "day": day, "thanks": thanks, "greetings": greetings, "token": token, "volunteer": volunteer},
    )


@login_required
def mine(request):
    """«Мои подопечные»: everyone I call, with a «Записать звонок» button any day (call-backs, off-schedule)."""
    access.require(request, "phone.today")
    volunteer = getattr(request.user, "volunteer", None)
    rows = queries.my_people(volunteer, timezone.localdate())
    audit_log.shown(request, [row["enrolment"].beneficiary_id for row in rows], "Мои подопечные (телефон)")
    return render(request, "phone/mine.html", {"rows": rows, "volunteer": volunteer})


@login_required
@require_http_methods(["GET", "POST"])
def call(request, pk):
    enrolment = _enrolment(request, pk)
    form = CallForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        problems, create = data.pop("problems"), data.pop("create_request")
        data["duration_s"] = (data.pop("duration_min") or 0) * 60
        volunteer = (
            getattr(request.user, "volunteer", None) if access.is_volunteer(request.user) else enrolment.volunteer
        )
        logged = services.log_call(
            enrolment=enrolment,
            actor=request.user,
            problems=problems,
            create_request=create,
            volunteer=volunteer,
            **data,
        )
        text = "Звонок записан."
        if logged.help_request_id:
            text += f" Создано обращение {logged.help_request.number} — оператор направит помощь."
        messages.success(request, text)
        if access.is_volunteer(request.user):
            return redirect("phone:mine" if request.GET.get("from") == "mine" else "phone:today")
        return redirect("phone:enrolment", pk=pk)
    last = selectors.last_reached_call(enrolment)
    audit_log.viewed(request, enrolment)
    return render(request, "phone/call.html", {"form": form, "e": enrolment, "last": last})


@login_required
@require_POST
def call_request(request, pk):
    access.require(request, "phone.calls")
    item = selectors.call_or_404(request.user, pk)
    try:
        created = services.request_from_call(call=item, actor=request.user)
        messages.success(request, f"Создано обращение {created.number}.")
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("phone:enrolment", pk=item.enrolment_id)


@login_required
@require_POST
def thank(request, pk):
    access.require(request, "phone.manage")
    item = selectors.call_or_404(request.user, pk)
    try:
        services.thank(call=item, actor=request.user, text=request.POST.get("text", ""))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    else:
        messages.success(request, "Волонтёр увидит благодарность на странице «Звонки на сегодня».")
    return redirect("phone:enrolment", pk=item.enrolment_id)


@login_required
def kpi(request):
    access.require(request, "phone.kpi")
    if request.GET.get("format") == "xlsx":  # built by the worker (phone.export_kinds), never here (#12)
        return exports_start(request, "phone_kpi")
    start, finish = period(request, lambda today: today.replace(day=1))
    territories = selectors.kpi_territories(request.user)
    territory = selectors.kpi_territory(territories, int_param(request.GET.get("territory")))
    # a rollup of the territory and period, computed once an hour (#12: the series reads every call)
    figures, series, total, computed_at = rollup.for_page(request.user, territory, start, finish)
    return render(
        request,
        "phone/kpi.html",
        {
            "figures": figures,
            "labels": KPI_LABELS,
            "series": series,
            "total": total,
            "series_labels": SERIES_LABELS,
            "start": start,
            "finish": finish,
            "territories": territories,
            "territory": territory,
            "computed_at": computed_at,
        },
    )


KPI_LABELS = {
    "identified": "Выявлено нуждающихся в телефонной помощи, человек",
    "turned": "Из них обратились к волонтёрам (включены в службу)",
    "turned_pct": "Обратились к волонтёрам / выявлено, %",
    "refused": "Отказались",
    "waiting": "Ждут включения",
    "enrolled": "Участников службы в периоде",
    "reached": "Охвачено звонками (дозвонились хотя бы раз)",
    "reached_pct": "Доля охваченных среди участников, %",
    "calls": "Оказано услуг телефонной помощи (разговоров)",
    "attempts": "Всего попыток звонка",
    "calls_per_person": "В среднем разговоров на участника",
    "satisfaction_pct": "Удовлетворены услугой, % людей",
    "satisfaction_people": "Людей, ответивших в опросе удовлетворённости",
    "satisfaction_answers": "Ответов в опросе (все, с повторными)",
    "active_volunteers": "Активных волонтёров",
    "alerts_raised": "Тревог поднято",
    "alerts_resolved": "Тревог снято",
}
SERIES_LABELS = {
    "label": "Квартал",
    "identified": "Выявлено",
    "turned": "Обратились к волонтёрам",
    "turned_pct": "Обратились / выявлено, %",
    "refused": "Отказались",
    "calls": "Разговоров",
    "people_reached": "Людей, с кем говорили",
    "satisfaction_pct": "Удовлетворены, % людей",
    "satisfaction_people": "Ответили в опросе, людей",
}


@login_required
def sheet(request):
    """A printable call sheet for the week."""
    access.require(request, "phone.calls")
    day = timezone.localdate()
    active, enrolments = selectors.week_sheet(request.user)
    pauses = queries.pauses_of(active, enrolments)
    rows = [
        {"e": e, "dates": queries.schedule.next_dates(e.weekdays, e.every_weeks, e.started_on, day, pauses[e.pk], 7)}
        for e in enrolments
    ]
    week_end = day + timedelta(days=6)
    rows = [dict(r, dates=[d for d in r["dates"] if d <= week_end]) for r in rows]
    rows = [r for r in rows if r["dates"]]
    audit_log.shown(request, [r["e"].beneficiary_id for r in rows], "Лист звонков на неделю")
    own = access.can(request.user, "phone.today")  # a volunteer's own sheet: no volunteer column
    return render(request, "phone/sheet.html", {"rows": rows, "day": day, "week_end": week_end, "own": own})


def calendar(request, token):
    """iCalendar feed of a volunteer's calls for the next 8 weeks (opened by calendar apps, no login)."""
    from django.http import HttpResponse
    from icalendar import Calendar, Event

    owner = selectors.calendar_owner_or_404(token)
    cal = Calendar()
    cal.add("prodid", "-//Zabota//Allo volunteer//RU")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "Алло, волонтёр!")
    day = timezone.localdate()
    tz = timezone.get_current_timezone()
    stamp = timezone.now().replace(microsecond=0)  # DTSTAMP is required in every VEVENT (RFC 5545)
    active, enrolments = selectors.calendar_enrolments(owner)
    audit_log.shown(request, [e.beneficiary_id for e in enrolments], "Календарь звонков волонтёра")
    pauses = queries.pauses_of(active, enrolments)
    for e in enrolments:
        for d in queries.schedule.next_dates(e.weekdays, e.every_weeks, e.started_on, day, pauses[e.pk], 20):
            event = Event()
            event.add("uid", f"zabota-call-{e.pk}-{d:%Y%m%d}@zabota")
            event.add("dtstamp", stamp)
            event.add("summary", f"Позвонить: {polite_name(e.beneficiary.full_name)}")
            event.add("dtstart", datetime.combine(d, e.window_start, tzinfo=tz))
            event.add("dtend", datetime.combine(d, e.window_end, tzinfo=tz))
            event.add("description", "Звонок «Алло, волонтёр!». Телефон — на странице «Звонки на сегодня».")
            cal.add_component(event)
    cal.add_missing_timezones()  # a VTIMEZONE for every TZID used (RFC 5545)
    return HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")


def polite_name(full_name):
    """«Захарова Мария Ивановна» → «Мария Ивановна»: how volunteers address people, and no surname in feeds."""
    parts = full_name.split()
    return " ".join(parts[1:3]) if len(parts) > 1 else full_name


# --- «выявлен(а), нуждается в телефонной помощи» (#17) ---

IDENTIFIED_TABS = {
    "open": ("Ждут включения", Identification.Status.IDENTIFIED),
    "refused": ("Отказались", Identification.Status.REFUSED),
    "enrolled": ("Обратились к волонтёрам", Identification.Status.ENROLLED),
}


@login_required
def identified(request):
    """Identified as needing telephone help: those waiting for enrolment first (scoped, paged)."""
    access.require(request, "phone.identify")
    tab = request.GET.get("tab") if request.GET.get("tab") in IDENTIFIED_TABS else "open"
    items = selectors.identifications(request.user, IDENTIFIED_TABS[tab][1])
    page = paginate(request, items)
    audit_log.shown(request, audit_log.ids_of(page), "Выявлены, нуждаются в телефонной помощи")
    return render(
        request,
        "phone/identified.html",
        {
            "page": page,
            "tab": tab,
            "tabs": [(key, label) for key, (label, _) in IDENTIFIED_TABS.items()],
            "can_manage": access.can(request.user, "phone.manage"),
        },
    )


def _form_errors(form, exc):
    for field, errors in exc.message_dict.items():
        field = "beneficiary" if field == "beneficiary_id" else field
        form.add_error(field if field in form.fields else None, errors)


@login_required
@require_http_methods(["GET", "POST"])
def identify(request):
    """Record an identification (from the phone dashboard, or from the person's page with ?beneficiary=ID)."""
    access.require(request, "phone.identify")
    person = None
    if request.GET.get("beneficiary"):
        person = beneficiary_or_404(request, int_param(request.GET["beneficiary"]), "phone.identify", live=True)
    who, where = services.identification_defaults(request.user)
    form = IdentificationForm(
        request.POST or None,
        user=request.user,
        person=person,
        initial={"identified_on": timezone.localdate(), "identified_by": who, "institution": where},
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        try:
            item = services.identification_create(actor=request.user, **data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            if item.status == Identification.Status.REFUSED:
                messages.success(request, f"{item.beneficiary.full_name}: отказ от телефонной помощи записан.")
            else:
                messages.success(
                    request, f"{item.beneficiary.full_name} выявлен(а) как нуждающийся(аяся) в телефонной помощи."
                )
            return redirect("phone:identification", pk=item.pk)
    status = 422 if request.method == "POST" else 200
    if "beneficiary" in form.fields:
        audit_log.shown(
            request, selectors.choice_ids(form.fields["beneficiary"].queryset), "Выявление: список подопечных"
        )
    return render(request, "phone/identify.html", {"form": form, "person": person}, status=status)


def _identification_page(request, item, enrol_form=None, refuse_error="", status=200):
    can_manage = access.can(request.user, "phone.manage")
    if can_manage and item.status != Identification.Status.ENROLLED and enrol_form is None:
        enrol_form = IdentifiedEnrolForm(user=request.user)
    if enrol_form is not None and item.status == Identification.Status.ENROLLED:
        enrol_form = None
    audit_log.viewed(request, item.beneficiary)
    return render(
        request,
        "phone/identification.html",
        {
            "item": item,
            "enrol_form": enrol_form if can_manage else None,
            "refuse_error": refuse_error,
            "can_open_enrolment": item.enrolment_id and access.can(request.user, "phone.calls"),
        },
        status=status,
    )


@login_required
def identification(request, pk):
    item = selectors.identification_or_404(request, pk)
    return _identification_page(request, item)


@login_required
@require_POST
def identification_enrol(request, pk):
    """One step: the identified person becomes a participant (the enrolment through phone services)."""
    item = selectors.identification_or_404(request, pk)
    access.require(request, "phone.manage")
    form = IdentifiedEnrolForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            enrolment = services.identification_enrol(identification=item, actor=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _form_errors(form, exc)
        else:
            messages.success(request, f"{item.beneficiary.full_name} включен(а) в службу «Алло, волонтёр!».")
            return redirect("phone:enrolment", pk=enrolment.pk)
    return _identification_page(request, item, enrol_form=form, status=422)


@login_required
@require_POST
def identification_refuse(request, pk):
    item = selectors.identification_or_404(request, pk)
    try:
        services.identification_refuse(identification=item, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        return _identification_page(request, item, refuse_error=error_text(exc), status=422)
    messages.success(request, f"{item.beneficiary.full_name}: отказ от телефонной помощи записан.")
    return redirect("phone:identification", pk=pk)
