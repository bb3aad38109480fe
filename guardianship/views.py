from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods, require_POST

from accounts import access
from audit import log as audit_log
from catalog.models import ServiceCategory
from core.paging import paginate
from core.utils import error_text
from core.xlsx import xlsx_response
from guardianship import services
from guardianship.forms import FirstContactForm, MarkForm, StaffGuardianForm, StoryForm, TerminateForm
from guardianship.models import FamilyLink, Guardian, Guardianship, StoryMedia
from people.models import Household
from territories.models import Territory


def _guardians(request):
    return access.scoped(request.user, Guardian.objects.select_related("territory"))


def _households(request):
    return access.scoped(request.user, Household.objects.select_related("territory"))


def _guardianship(request, pk, capability="guardianship.view"):
    qs = Guardianship.objects.select_related("household__territory", "guardian")
    return access.get_or_404(request, qs, capability, pk=pk)


@login_required
def dashboard(request):
    access.require(request, "guardianship.manage")
    now = timezone.now()
    waiting = (
        _households(request)
        .filter(needs_guardianship_since__isnull=False)
        .exclude(guardianships__status__in=services.OPEN)
        .prefetch_related("guardianship_needs")
    )
    waiting = [(h, services.connection_overdue(h, now)) for h in waiting]
    active = access.scoped(request.user, Guardianship.objects.filter(status__in=services.OPEN)).select_related(
        "household", "guardian"
    )
    calls = access.scoped(request.user, Guardianship.objects.all())
    from guardianship.models import Call

    due_calls = Call.objects.filter(guardianship__in=calls, done_at__isnull=True, due_at__lte=now).select_related(
        "guardianship__household"
    )
    return render(
        request,
        "guardianship/dashboard.html",
        {
            "waiting": waiting,
            "active": active,
            "due_calls": due_calls,
            "applications": _guardians(request).filter(status__in=[Guardian.Status.APPLIED, Guardian.Status.VERIFYING]),
        },
    )


@login_required
def guardian_list(request):
    access.require(request, "guardianship.manage")
    status = request.GET.get("status", "")
    qs = _guardians(request).prefetch_related("capabilities")
    if status in Guardian.Status.values:
        qs = qs.filter(status=status)
    if request.GET.get("format") == "xlsx":
        rows = (
            (
                g.name,
                g.get_kind_display(),
                g.territory.name,
                g.contact_name,
                g.phone,
                g.email,
                ", ".join(c.name for c in g.capabilities.all()),
                g.max_families,
                g.get_status_display(),
                g.agreement_number,
                g.agreement_date,
            )
            for g in qs
        )
        headers = [
            "Опекун",
            "Вид",
            "Территория",
            "Контактное лицо",
            "Телефон",
            "Эл. почта",
            "Чем помогает",
            "Семей",
            "Статус",
            "Соглашение №",
            "Дата соглашения",
        ]
        response = xlsx_response("reestr-opekunov", headers, rows, title="Реестр опекунов")
        audit_log.exported(request, "Реестр опекунов", response.row_count)
        return response
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
    territories = access.scoped(request.user, Territory.objects.all(), field="id")
    form = StaffGuardianForm(request.POST or None, territories=territories)
    if request.method == "POST" and form.is_valid():
        guardian = form.save(commit=False)
        guardian.consent_at = timezone.now()
        guardian.save()
        form.save_m2m()
        messages.success(request, "Заявка опекуна записана.")
        return redirect("guardianship:guardian", pk=guardian.pk)
    return render(request, "guardianship/guardian_form.html", {"form": form})


@login_required
def guardian_detail(request, pk):
    guardian = access.get_or_404(
        request, Guardian.objects.select_related("territory", "organization"), "guardianship.manage", pk=pk
    )
    families = guardian.guardianships.select_related("household")
    return render(
        request,
        "guardianship/guardian.html",
        {"g": guardian, "families": families, "history": audit_log.history_of(guardian)},
    )


@login_required
@require_POST
def guardian_action(request, pk, action):
    guardian = access.get_or_404(request, Guardian.objects.all(), "guardianship.manage", pk=pk)
    post = request.POST
    try:
        if action == "step":
            services.record_step(
                guardian=guardian, step=post.get("step"), day=post.get("day") or None, by=post.get("by")
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
            )
        else:
            raise Http404
    except ValidationError as exc:
        messages.error(request, error_text(exc))
    return redirect("guardianship:guardian", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def mark(request, household_id):
    access.require(request, "guardianship.manage")
    household = get_object_or_404(_households(request), pk=household_id)
    form = MarkForm(
        request.POST or None,
        initial={
            "needs": household.guardianship_needs.all(),
            "note": household.needs_note,
            "contact_name": household.contact_name,
            "contact_phone": household.contact_phone,
        },
    )
    if request.method == "POST" and form.is_valid():
        household.contact_name = form.cleaned_data["contact_name"]
        household.contact_phone = form.cleaned_data["contact_phone"]
        services.mark_household(household=household, needs=form.cleaned_data["needs"], note=form.cleaned_data["note"])
        messages.success(request, "Семье поставлен маркер «Требуется опека». Подберите опекуна в течение 3 дней.")
        return redirect("guardianship:match", household_id=household.pk)
    return render(request, "guardianship/mark.html", {"form": form, "h": household})


@login_required
@require_http_methods(["GET", "POST"])
def match(request, household_id):
    access.require(request, "guardianship.manage")
    household = get_object_or_404(_households(request).filter(needs_guardianship_since__isnull=False), pk=household_id)
    if request.method == "POST":
        guardian = get_object_or_404(Guardian, pk=request.POST.get("guardian"))
        try:
            created = services.match(household=household, guardian=guardian, actor=request.user)
        except ValidationError as exc:
            messages.error(request, error_text(exc))
        else:
            messages.success(request, "Опекун подобран. Организуйте первый контакт с участием штаба.")
            return redirect("guardianship:detail", pk=created.pk)
    needs_link = household.guardianship_links.filter(purpose="needs").first()
    return render(
        request,
        "guardianship/match.html",
        {
            "h": household,
            "suggestions": services.suggestions(household),
            "needs": household.guardianship_needs.all(),
            "overdue": services.connection_overdue(household),
            "needs_link": needs_link,
        },
    )


@login_required
def detail(request, pk):
    g = _guardianship(request, pk)
    audit_log.viewed(request, g)
    manage = access.can(request.user, "guardianship.manage")
    return render(
        request,
        "guardianship/detail.html",
        {
            "g": g,
            "manage": manage,
            "entries": g.help_entries.select_related("category"),
            "stories": g.stories.prefetch_related("media"),
            "calls": g.calls.all(),
            "links": FamilyLink.objects.filter(household=g.household).filter(Q(guardianship=g) | Q(purpose="needs")),
            "contact_form": FirstContactForm(initial={"at": timezone.localtime().strftime("%Y-%m-%dT%H:%M")}),
            "story_form": StoryForm(),
            "terminate_form": TerminateForm(),
            "categories": ServiceCategory.objects.filter(
                code__in=[c.code for c in g.household.guardianship_needs.all()]
            )
            or ServiceCategory.objects.filter(parent__isnull=False),
            "overdue": services.connection_overdue(g.household),
            "members": g.household.members.filter(merged_into=None),
        },
    )


@login_required
@require_POST
def action(request, pk, name):
    manage_only = {"contact", "call", "terminate"}
    g = _guardianship(request, pk, "guardianship.manage" if name in manage_only else "guardianship.view")
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
                agreement_number=d["agreement_number"],
                agreement_date=d["agreement_date"],
                upload=d["agreement_file"],
            )
            messages.success(request, "Первый контакт записан: звонки семье назначены через 2 недели и через месяц.")
        elif name == "help":
            category = ServiceCategory.objects.filter(pk=post.get("category") or None).first()
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
            call = get_object_or_404(g.calls, pk=post.get("call"))
            services.record_call(call=call, actor=request.user, notes=post.get("notes", ""))
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
    item = get_object_or_404(StoryMedia.objects.select_related("story"), pk=pk)
    _guardianship(request, item.story.guardianship_id)
    return FileResponse(item.file.open("rb"), filename=item.file.name.rsplit("/", 1)[-1])


@login_required
def mine(request):
    access.require(request, "guardianship.mine")
    qs = access.scoped(request.user, Guardianship.objects.select_related("household__territory", "guardian"))
    return render(request, "guardianship/mine.html", {"items": qs.order_by("status", "-matched_at")})


@login_required
def reports(request):
    """For the headquarters: families needing guardianship, families receiving constant help, guardians by kind."""
    access.require(request, "guardianship.reports")
    from guardianship.reports import build

    data = build(request)
    if request.GET.get("format") == "xlsx":
        rows = [(r["territory"], r["needing"], r["active"], r["new_marked"], r["terminated"]) for r in data["rows"]]
        rows += [("", "", "", "", "")] + [(f"Опекуны: {k}", v, "", "", "") for k, v in data["by_kind"]]
        headers = [
            "Территория",
            "Требуется опека",
            "Получают постоянную помощь",
            "Новых за период",
            "Прекращено за период",
        ]
        response = xlsx_response("opeka-otchet", headers, rows, title="#МЫВМЕСТЕ.ОПЕКА")
        audit_log.exported(request, "Отчёт по опеке", response.row_count)
        return response
    return render(request, "guardianship/reports.html", data)
