from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts import access
from audit import log as audit_log
from core.paging import keyset, paginate
from core.utils import int_param
from exports.views import start as exports_start
from helprequests import queues, selectors, services
from helprequests.forms import CloseForm, DeclineForm, HelperNoteForm, IntakeForm, NewPersonForm
from helprequests.models import UNROUTED, Status
from people.selectors import find_people, live_person
from people.services import PERSON_FIELDS, duplicates_of


def _base(request):
    return access.scoped(request.user, queues.all_requests())


def _search(qs, q):
    return selectors.search(qs, q)


@login_required
def request_list(request):
    access.require(request, "requests.view")
    now = timezone.now()
    base = _base(request)
    queue = request.GET.get("queue", "new")
    q = request.GET.get("q", "").strip()
    context = {"queue": queue, "q": q, "now": now}
    if queue in queues.FOLLOWUP_QUEUES:
        followups = selectors.followups_page(queues.FOLLOWUP_QUEUES[queue][1](base, now))
        context["followups"] = paginate(request, followups)
        context["late_before"] = now - timedelta(days=1)  # a call not made the day it was due is late
    else:
        queue = queue if queue in queues.REQUEST_QUEUES else "new"
        qs = selectors.requests_page(_search(queues.REQUEST_QUEUES[queue][1](base, now), q))
        # Read after a cursor, not counted (#12): «all» holds every request of the territory for years.
        order = ("connect_due_at", "pk") if queue != "all" else ("-received_at", "-pk")
        context.update(queue=queue, page=keyset(request, qs, order))
    if "followups" in context:
        shown = [f.request.beneficiary_id for f in context["followups"]]
    else:
        shown = audit_log.ids_of(context["page"])
    audit_log.shown(request, shown, f"Обращения: {queue}")
    counts = queues.counts(base, now)
    labels = {
        **{k: v[0] for k, v in queues.REQUEST_QUEUES.items()},
        **{k: v[0] for k, v in queues.FOLLOWUP_QUEUES.items()},
    }
    context["tabs"] = [(key, label, counts.get(key)) for key, label in labels.items()]
    context["can_export"] = access.can(request.user, "requests.export")
    context["can_create"] = access.can(request.user, "requests.create")
    return render(request, "helprequests/list.html", context)


@login_required
def request_export(request):
    """Queued for the worker (helprequests.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "requests")


@login_required
def request_detail(request, pk):
    help_request = selectors.request_or_404(request, pk, "requests.open", page=True)
    audit_log.viewed(request, help_request)
    return render_detail(request, help_request)


def action_forms(data=None, action=None):
    """The forms of the helper actions; only the one posted is bound (a refused note keeps its text)."""
    forms = {
        "accept": HelperNoteForm(prefix="accept"),
        "connect": HelperNoteForm(prefix="connect"),
        "start": HelperNoteForm(prefix="start"),
        "decline": DeclineForm(),
        "close": CloseForm(),
    }
    if action:
        forms[action] = type(forms[action])(data, prefix=forms[action].prefix)
    return forms


def render_detail(request, help_request, forms=None, status=200):
    user = request.user
    helper = access.is_helper_of(user, help_request)
    dispatcher = access.can(user, "requests.route")
    forms = forms or action_forms()
    context = {
        "r": help_request,
        "now": timezone.now(),
        "helper": helper,
        "dispatcher": dispatcher,
        "forms": forms,
        "decline_form": forms["decline"],
        "close_form": forms["close"],
        "can_respond": helper or dispatcher,
        "can_route": dispatcher and help_request.status in [*UNROUTED, Status.ASSIGNED],
    }
    if context["can_route"]:
        # The helper it is already sent to is not offered again.
        context["suggestions"] = [
            s
            for s in services.suggestions_for(help_request, limit=11)
            if (s.helper.type, s.helper.id) != (help_request.helper_type, help_request.helper_id)
        ][:10]
    template = "helprequests/detail.html" if dispatcher else "helprequests/helper_detail.html"
    return render(request, template, context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request):
    access.require(request, "requests.create")
    data = request.POST or None
    if data is not None and data.get("choose"):  # «Это он(а) — выбрать» on a likely duplicate
        data = data.copy()
        data["beneficiary"] = data["choose"]
    form = IntakeForm(data, user=request.user, initial={"beneficiary": int_param(request.GET.get("beneficiary"))})
    person_form = NewPersonForm(request.POST or None, user=request.user, prefix="p")
    duplicates = []
    if request.method == "POST" and form.is_valid():
        existing = form.cleaned_data["beneficiary"]
        if existing is None:
            if person_form.is_valid():
                p = person_form.cleaned_data
                duplicates = duplicates_of(
                    full_name=p["full_name"],
                    birth_date=p["birth_date"],
                    phones=(p["phone"],),
                    territory=p["territory"],
                    user=request.user,
                )
                if not duplicates or form.cleaned_data["confirm_new"]:
                    return _intake_save(request, form, person_form)
        else:
            return _intake_save(request, form, None)
    find = request.GET.get("find", "").strip()[:100]
    chosen_id = int_param(form["beneficiary"].value())
    chosen = live_person(request.user, chosen_id)
    found = find_people(user=request.user, text=find)
    named = [b.pk for b in found] + [b.pk for b, _ in duplicates] + ([chosen.pk] if chosen else [])
    audit_log.shown(request, named, "Новое обращение: поиск подопечного")
    return render(
        request,
        "helprequests/intake.html",
        {
            "form": form,
            "person_form": person_form,
            "duplicates": duplicates,
            "find": find,
            "found": found,
            "chosen": chosen,
        },
    )


def _intake_save(request, form, person_form):
    data = form.cleaned_data
    new_person = None
    if person_form is not None:
        new_person = {k: v for k, v in person_form.cleaned_data.items() if k in PERSON_FIELDS}
    help_request = services.request_intake(
        beneficiary=data["beneficiary"],
        new_person=new_person,
        channel=data["channel"],
        needs=data["needs"],
        actor=request.user,
        urgency=data["urgency"],
        description=data["description"],
        reporter_name=data["reporter_name"],
        reporter_phone=data["reporter_phone"],
        received_at=data["received_at"],
    )
    messages.success(request, f"Обращение {help_request.number} записано. Направьте его помощнику.")
    return redirect("helprequests:detail", pk=help_request.pk)
