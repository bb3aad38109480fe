from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from core.paging import paginate
from core.utils import error_text, int_list, int_param, period
from exports.views import start as exports_start
from guardianship import selectors, services
from guardianship.forms import (
    FamilyApplicationForm,
    FirstContactForm,
    MarkForm,
    StaffGuardianForm,
    StoryForm,
    TerminateForm,
)
from guardianship.models import (
    FamilyApplication,
    Guardian,
)


def _shown_families(request, household_ids, what):
    """A list naming families names their members: one entry with the members' ids (one query)."""
    members = selectors.family_member_ids(household_ids)
    if members:
        audit_log.shown(request, members, what)


@login_required
def dashboard(request):
    access.require(request, "guardianship.manage")
    now = timezone.now()
    waiting = [(h, services.connection_overdue(h, now)) for h in selectors.waiting_families(request.user)]
    active = list(selectors.active_guardianships(request.user))
    due_calls = list(selectors.calls(request.user, "due", now))
    family_applications = list(selectors.applications(request.user))
    _shown_families(
        request,
        [h.pk for h, _ in waiting]
        + [g.household_id for g in active]
        + [c.guardianship.household_id for c in due_calls]
        + [a.household_id for a in family_applications],
        "Опека: панель штаба",
    )
    return render(
        request,
        "guardianship/dashboard.html",
        {
            "waiting": waiting,
            "active": active,
            "due_calls": due_calls,
            "missed_calls": selectors.calls(request.user, "missed", now).count(),
            "family_applications": family_applications,
            "applications": selectors.guardian_applications(request.user),
        },
    )


@login_required
def guardian_list(request):
    access.require(request, "guardianship.manage")
    if request.GET.get("format") == "xlsx":  # built by the worker (guardianship.export_kinds), never here (#12)
        return exports_start(request, "guardian_register")
    status = request.GET.get("status", "")
    qs = selectors.guardian_register(request.user, status)
    return render(
        request,
        "guardianship/guardians.html",
        {
            "page": paginate(request, qs),
            "status": status,
            "statuses": Guardian.Status.choices,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def guardian_create(request):
    access.require(request, "guardianship.manage")
    form = StaffGuardianForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        guardian = services.guardian_create(actor=request.user, **form.cleaned_data)
        messages.success(request, "Заявка опекуна записана.")
        return redirect("guardianship:guardian", pk=guardian.pk)
    return render(request, "guardianship/guardian_form.html", {"form": form})


@login_required
def guardian_detail(request, pk):
    guardian = selectors.guardian_or_404(request, pk)
    families = selectors.guardian_families(guardian)
    return render(
        request,
        "guardianship/guardian.html",
        {"g": guardian, "families": families, "history": audit_log.history_of(guardian)},
    )


@login_required
@require_POST
def guardian_action(request, pk, action):
    guardian = selectors.guardian_or_404(request, pk)
    post = request.POST
    try:
        if action == "step":
            services.record_step(
                guardian=guardian,
                step=post.get("step"),
                day=post.get("day") or None,
                by=post.get("by"),
                actor=request.user,
            )
        elif action == "approve":
            services.approve(guardian=guardian, actor=request.user)
            messages.success(request, "Опекун внесён в реестр потенциальных опекунов.")
        elif action == "refuse":
            services.refuse(guardian=guardian, actor=request.user, reason=post.get("reason", ""))
        elif action == "agreement":
            services.save_agreement(
                guardian=guardian,
                number=post.get("number", ""),
                day=post.get("day") or None,
                upload=request.FILES.get("file"),
                actor=request.user,
            )
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("guardianship:guardian", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def mark(request, household_id):
    """The selection step: an application waits → the headquarters select the family and set the marker
    (a serviceman's family, or a coordinator's exception with a reason); a marked family updates its needs."""
    household = selectors.household_or_404(request, household_id)
    application = services.open_application(household)
    if household.needs_guardianship_since is None and application is None:
        return redirect("guardianship:family_apply", household_id=household.pk)
    form = MarkForm(
        request.POST or None,
        initial={
            "serviceman": household.is_serviceman_family,
            "needs": household.guardianship_needs.all(),
            "note": household.needs_note,
            "contact_name": household.contact_name,
            "contact_phone": household.contact_phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.mark_household(
                household=household,
                contact_name=d["contact_name"],
                contact_phone=d["contact_phone"],
                needs=d["needs"],
                note=d["note"],
                override_reason=d["override_reason"],
                serviceman=d["serviceman"],
                actor=request.user,
            )
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Семье поставлен маркер «Требуется опека». Подберите опекуна в течение 3 дней.")
            return redirect("guardianship:match", household_id=household.pk)
    return render(
        request,
        "guardianship/mark.html",
        {"form": form, "h": household, "application": application, "limit_hours": settings.CONNECT_LIMIT_HOURS},
    )


@login_required
@require_http_methods(["GET", "POST"])
def family_apply(request, household_id):
    """A family's application (ОНФ.Помощь hotline, the regional headquarters, other) before the selection."""
    household = selectors.household_or_404(request, household_id)
    form = FamilyApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.application_create(household=household, actor=request.user, **d)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            messages.success(request, "Заявка семьи записана. Проведите отбор: нужна ли семье опека.")
            return redirect("guardianship:mark", household_id=household.pk)
    return render(
        request,
        "guardianship/family_apply.html",
        {
            "form": form,
            "h": household,
            "history": selectors.household_applications(request.user, household),
        },
    )


@login_required
@require_POST
def application_decline(request, pk):
    application = access.get_or_404(
        request, selectors.applications(request.user, None), "guardianship.manage", field="household__territory", pk=pk
    )
    try:
        services.application_decline(application=application, actor=request.user, reason=request.POST.get("reason", ""))
    except ValidationError as exc:
        messages.error(request, error_text(exc))
        return redirect("guardianship:mark", household_id=application.household_id)
    messages.success(request, "Заявка отклонена: семья не отобрана в программу.")
    return redirect("guardianship:dashboard")


@login_required
@require_http_methods(["GET", "POST"])
def match(request, household_id):
    access.require(request, "guardianship.manage")
    household = access.found_or_404(selectors.marked_households(request.user), pk=household_id)
    if request.method == "POST":
        guardian = selectors.guardian_to_match_or_404(request, int_param(request.POST.get("guardian")))
        try:
            created = services.match(household=household, guardian=guardian, actor=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "Опекун подобран. Организуйте первый контакт с участием штаба.")
            return redirect("guardianship:detail", pk=created.pk)
    needs_link = selectors.needs_link(household)
    return render(
        request,
        "guardianship/match.html",
        {
            "h": household,
            "suggestions": services.suggestions(household),
            "needs": household.guardianship_needs.all(),
            "overdue": services.connection_overdue(household),
            "needs_link": needs_link,
            "without_agreement": selectors.guardians_without_agreement(request.user),
            "pending": selectors.pending_guardianship(household),
            "active": selectors.active_guardianship(household),
        },
    )


@login_required
def detail(request, pk):
    g = selectors.guardianship_or_404(request, pk)
    members = selectors.members(g.household)
    audit_log.viewed(request, g, also=[m.pk for m in members])
    manage = access.can(request.user, "guardianship.manage")
    return render(
        request,
        "guardianship/detail.html",
        {
            "g": g,
            "manage": manage,
            "entries": selectors.help_entries(g),
            "stories": selectors.stories_of(g),
            "calls": g.calls.all(),
            "links": selectors.family_links(g),
            "has_feedback_link": selectors.has_feedback_link(g),
            "contact_form": FirstContactForm(initial={"at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}),
            "story_form": StoryForm(),
            "terminate_form": TerminateForm(),
            "categories": selectors.help_categories(g.household),
            "overdue": services.connection_overdue(g.household),
            "members": members,
        },
    )


@login_required
@require_POST
def action(request, pk, name):
    manage_only = {"contact", "call", "terminate", "link_sent"}
    g = selectors.guardianship_or_404(
        request, pk, "guardianship.manage" if name in manage_only else "guardianship.view"
    )
    post = request.POST
    try:
        if name == "contact":
            form = FirstContactForm(post, request.FILES)
            if not form.is_valid():
                raise ValidationError(dict(form.errors))
            d = form.cleaned_data
            services.first_contact(
                guardianship=g,
                at=d["at"],
                hq_present=d["hq_present"],
                actor=request.user,
                agreement_number=d["agreement_number"],
                agreement_date=d["agreement_date"],
                upload=d["agreement_file"],
            )
            messages.success(request, "Первый контакт записан: звонки семье назначены через 2 недели и через месяц.")
        elif name == "help":
            category = selectors.help_category(int_param(post.get("category")))
            services.add_help(
                guardianship=g,
                actor=request.user,
                what=post.get("what", ""),
                category=category,
                happened_on=post.get("happened_on") or None,
                who=post.get("who", ""),
            )
            messages.success(request, "Запись о помощи добавлена.")
        elif name == "story":
            form = StoryForm(post, request.FILES)
            if not form.is_valid():
                raise ValidationError(dict(form.errors))
            d = form.cleaned_data
            services.add_story(
                guardianship=g,
                actor=request.user,
                title=d["title"],
                text=d["text"],
                files=d["files"],
                publication_consent=d["publication_consent"],
                consent_by=d["consent_by"],
            )
            messages.success(request, "История сохранена.")
        elif name == "call":
            call = access.found_or_404(g.calls, pk=int_param(post.get("call")))
            services.record_call(call=call, actor=request.user, notes=post.get("notes", ""))
        elif name == "link_sent":
            link = access.found_or_404(selectors.feedback_links(g), pk=int_param(post.get("link")))
            services.feedback_link_sent(link=link, actor=request.user, how=post.get("how", "SMS"))
            messages.success(request, "Отмечено: ссылка на анкету отправлена семье.")
        elif name == "terminate":
            services.terminate(
                guardianship=g, actor=request.user, reason=post.get("reason", ""), text=post.get("text", "")
            )
            messages.success(request, "Опека прекращена.")
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("guardianship:detail", pk=pk)


@login_required
def media(request, pk):
    """Story photos and videos are personal: served only to those who may open the guardianship."""
    item = selectors.story_media_or_404(request, pk)
    return FileResponse(item.file.open("rb"), filename=item.file.name.rsplit("/", 1)[-1])


@login_required
def mine(request):
    access.require(request, "guardianship.mine")
    items = list(selectors.my_guardianships(request.user))
    _shown_families(request, [g.household_id for g in items], "Опека: мои семьи")
    return render(request, "guardianship/mine.html", {"items": items})


@login_required
def calls(request):
    """Calls to families 2 weeks and 1 month after help starts: due now, and the missed-calls list."""
    access.require(request, "guardianship.manage")
    queue = request.GET.get("queue", "due")
    if queue not in selectors.CALL_QUEUES:
        queue = "due"
    now = timezone.now()
    page = paginate(request, selectors.calls(request.user, queue, now).order_by("due_at"))
    _shown_families(request, [c.guardianship.household_id for c in page], "Опека: звонки семьям")
    return render(
        request,
        "guardianship/calls.html",
        {
            "queue": queue,
            "queues": [
                (k, label, selectors.calls(request.user, k, now).count()) for k, label in selectors.CALL_QUEUES.items()
            ],
            "page": page,
            "missed_after": settings.FOLLOWUP_MISSED_AFTER_DAYS,
        },
    )


@login_required
def stories(request):
    """Stories with consent for the federal headquarters: the package (zip) and the «передано» mark."""
    access.require(request, "guardianship.manage")
    sent = {"yes": True, "no": False}.get(request.GET.get("sent", "no"))
    return render(
        request,
        "guardianship/stories.html",
        {"page": paginate(request, selectors.stories(request.user, sent)), "sent": request.GET.get("sent", "no")},
    )


@login_required
def stories_package(request):
    """A zip of the chosen stories (or all not yet sent), built by the worker (guardianship.export_kinds, #12)."""
    access.require(request, "guardianship.export")
    ids = ",".join(str(n) for n in int_list(request.GET.getlist("id")))
    return exports_start(request, "stories_package", id=ids)


@login_required
@require_POST
def stories_sent(request):
    access.require(request, "guardianship.manage")
    ids = int_list(request.POST.getlist("id"))
    n = services.stories_mark_sent(stories=selectors.stories_to_mark_sent(request.user, ids), actor=request.user)
    messages.success(request, f"Отмечено «передано в федеральный штаб»: {n}.")
    return redirect("guardianship:stories")


def _report_params(request):
    start, finish = period(request, lambda today: today.replace(month=1, day=1))
    territories = selectors.report_territories(request.user)
    pk = int_param(request.GET.get("territory")) if request.GET.get("territory") else None
    territory = selectors.report_territory(request.user, territories, pk)
    return start, finish, territory, territories


REPORT_COLUMNS = [
    ("needing", "Требуется опека (на сегодня)"),
    ("matched_waiting", "из них подобран опекун, ждут первого контакта"),
    ("overdue", "из них срок соединения истёк"),
    ("constant_help", "Получают постоянную помощь"),
    ("applications", "Заявок семей за период"),
    ("new_marked", "Маркер «Требуется опека» за период"),
    ("help_entries", "Записей о помощи за период"),
    ("families_helped", "Семей, получивших помощь за период"),
    ("terminated", "Опека прекращена за период"),
    ("needs_met", "из них все потребности удовлетворены"),
    ("feedback", "Анкет обратной связи"),
    ("satisfaction_avg", "Средняя оценка (1–5)"),
]


@login_required
def reports(request):
    """For the federal headquarters: by territory at every level and period; aggregates only (safe for analysts)."""
    access.require(request, "guardianship.reports")
    if request.GET.get("format") == "xlsx":  # built by the worker (guardianship.export_kinds), never here (#12)
        return exports_start(request, "guardianship_report")
    start, finish, territory, territories = _report_params(request)
    data = selectors.report(request.user, territory, start, finish)
    total = data["total"]
    by_kind = selectors.guardians_by_kind(request.user, territory)
    return render(
        request,
        "guardianship/reports.html",
        {
            "rows": data["rows"],
            "total": total,
            "columns": REPORT_COLUMNS,
            "territory": territory,
            "territories": territories,
            "start": start,
            "finish": finish,
            "by_kind": by_kind,
            "sources": [
                (label, total["applications_by_source"].get(k, 0)) for k, label in FamilyApplication.Source.choices
            ],
        },
    )


@login_required
def document(request, kind, pk):
    """Signed agreements and consent scans, only to those who may open the guardian or the guardianship."""
    if kind == "agreement":
        owner = selectors.guardian_or_404(request, pk)
        file = owner.agreement_file
    elif kind == "family-agreement":
        owner = selectors.guardianship_or_404(request, pk)
        file = owner.family_agreement_file
    elif kind == "consent":
        owner = selectors.story_or_404(request, pk)
        file = owner.consent_file
    else:
        raise Http404
    if not file:
        raise Http404
    audit_log.viewed(request, owner)
    response = FileResponse(file.open("rb"), filename=file.name.rsplit("/", 1)[-1], as_attachment=True)
    response["Cache-Control"] = "no-store"
    return response
