from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import CharField, Count, Value
from django.db.models.functions import Concat
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts import access
from audit import log as audit_log
from core.paging import keyset, paginate
from exports.views import start as exports_start
from people import services
from people.forms import BeneficiaryForm, ConsentForm, ContactForm, HouseholdForm
from people.models import Beneficiary, Consent, Household
from people.selectors import people_matching
from people.services import duplicates_of


def _filtered(request):
    q = request.GET.get("q", "").strip()
    return people_matching(request.user, q), q


@login_required
def beneficiary_list(request):
    access.require(request, "people.view")
    qs, q = _filtered(request)
    order = ("full_name", "pk")  # read after a cursor: no COUNT(*) over every person (#12)
    if q:
        # A search sorts its matches (found through the trigram index) instead of walking the name index until
        # enough of them turn up: «Соколова» would read most of the alphabet first.
        qs = qs.annotate(sort_name=Concat("full_name", Value(""), output_field=CharField()))
        order = ("sort_name", "pk")
    page = keyset(request, qs, order)
    audit_log.shown(request, audit_log.ids_of(page, "pk"), "Подопечные: список")
    return render(
        request,
        "people/list.html",
        {"page": page, "q": q, "can_export": access.can(request.user, "people.export")},
    )


@login_required
def beneficiary_export(request):
    """Queued for the worker (people.export_kinds); the answer is the export's status page (#12)."""
    return exports_start(request, "people")


@login_required
@require_http_methods(["GET", "POST"])
def beneficiary_create(request):
    access.require(request, "people.change")
    form = BeneficiaryForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            beneficiary = form.save()
            services.consent_give(beneficiary=beneficiary, purpose=Consent.Purpose.PERSONAL_DATA, actor=request.user)
        messages.success(request, "Подопечный записан, согласие на обработку данных отмечено.")
        return redirect("people:detail", pk=beneficiary.pk)
    return render(request, "people/form.html", {"form": form})


@login_required
def beneficiary_detail(request, pk):
    qs = Beneficiary.objects.select_related("territory", "household", "merged_into")
    beneficiary = access.get_or_404(request, qs, "people.view", pk=pk)
    duplicates = []
    if beneficiary.merged_into_id is None and not beneficiary.anonymized_at:
        duplicates = duplicates_of(
            full_name=beneficiary.full_name,
            birth_date=beneficiary.birth_date,
            phones=(beneficiary.phone, beneficiary.phone2),
            territory=beneficiary.territory,
            user=request.user,
            exclude_id=beneficiary.pk,
        )
    # The possible duplicates are named on the page too.
    audit_log.viewed(request, beneficiary, also=[b.pk for b, _ in duplicates])
    can_readers = access.can(request.user, "people.readers")
    requests = beneficiary.help_requests.select_related("assigned_org", "assigned_volunteer").prefetch_related(
        "needs", "followups"
    )
    return render(
        request,
        "people/detail.html",
        {
            "b": beneficiary,
            "consents": beneficiary.consents.select_related("recorded_by", "withdrawn_by"),
            "contacts": beneficiary.contacts.all(),
            "requests": requests,
            "duplicates": duplicates,
            "history": audit_log.history_of(beneficiary),
            "can_consent": access.can(request.user, "consent.change"),
            "can_merge": access.can(request.user, "people.merge"),
            "can_confirm": access.can(request.user, "people.change"),
            "can_readers": can_readers,
            "can_report": access.can(request.user, "people.report"),
            "readers": audit_log.describe_readers(audit_log.readers_of(beneficiary.pk)[:10]) if can_readers else [],
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def beneficiary_edit(request, pk):
    beneficiary = access.get_or_404(request, Beneficiary.objects.all(), "people.change", pk=pk)
    form = BeneficiaryForm(request.POST or None, instance=beneficiary, user=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Изменения сохранены.")
        return redirect("people:detail", pk=pk)
    audit_log.viewed(request, beneficiary)
    return render(request, "people/form.html", {"form": form, "b": beneficiary})


@login_required
@require_http_methods(["POST"])
def beneficiary_confirm(request, pk):
    """«Сведения подтверждены»: an operator checked with the person what a neighbour or relative told (#9)."""
    beneficiary = access.get_or_404(request, Beneficiary.objects.filter(merged_into=None), "people.change", pk=pk)
    services.beneficiary_confirm(beneficiary=beneficiary, actor=request.user)
    messages.success(request, "Сведения подтверждены: отметка «не подтверждено» снята.")
    return redirect("people:detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def beneficiary_merge(request, pk, other):
    keep = access.get_or_404(request, Beneficiary.objects.filter(merged_into=None), "people.merge", pk=pk)
    drop = access.get_or_404(request, Beneficiary.objects.filter(merged_into=None), "people.merge", pk=other)
    if keep.pk == drop.pk:
        raise Http404
    if request.method == "POST":
        services.beneficiary_merge(keep=keep, drop=drop, actor=request.user)
        messages.success(request, f"Записи объединены: обращения и согласия №{drop.pk} перенесены сюда.")
        return redirect("people:detail", pk=keep.pk)
    audit_log.viewed(request, keep, also=[drop.pk])
    return render(request, "people/merge.html", {"keep": keep, "drop": drop})


@login_required
@require_http_methods(["GET", "POST"])
def contact_create(request, pk):
    beneficiary = access.get_or_404(request, Beneficiary.objects.all(), "people.change", pk=pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        contact = form.save(commit=False)
        contact.beneficiary = beneficiary
        contact.save()
        messages.success(request, "Контакт добавлен.")
        return redirect("people:detail", pk=pk)
    audit_log.viewed(request, beneficiary)
    return render(request, "people/contact_form.html", {"form": form, "b": beneficiary})


@login_required
def household_list(request):
    access.require(request, "people.view")
    qs = access.scoped(request.user, Household.objects.select_related("territory")).annotate(size=Count("members"))
    q = request.GET.get("q", "").strip()
    if q:
        qs = qs.filter(name__icontains=q)
    return render(request, "people/households.html", {"page": paginate(request, qs.order_by("name")), "q": q})


@login_required
@require_http_methods(["GET", "POST"])
def household_create(request):
    access.require(request, "people.change")
    form = HouseholdForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        household = form.save()
        messages.success(request, "Семья добавлена. Укажите её в карточках членов семьи.")
        return redirect("people:household", pk=household.pk)
    return render(request, "people/household_form.html", {"form": form})


@login_required
def household_detail(request, pk):
    household = access.get_or_404(request, Household.objects.select_related("territory"), "people.view", pk=pk)
    members = list(household.members.filter(merged_into=None))
    audit_log.viewed(request, household, also=[m.pk for m in members])
    return render(
        request,
        "people/household.html",
        {
            "h": household,
            "members": members,
            "can_guard": access.can(request.user, "guardianship.manage"),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def consent_create(request, pk):
    beneficiary = access.get_or_404(request, Beneficiary.objects.all(), "consent.change", pk=pk)
    form = ConsentForm(
        request.POST or None, initial={"given_at": timezone.localtime().replace(second=0, microsecond=0)}
    )
    if request.method == "POST" and form.is_valid():
        consent = form.save(commit=False)
        consent.beneficiary = beneficiary
        consent.recorded_by = request.user
        consent.save()
        messages.success(request, f"Согласие «{consent.get_purpose_display()}» записано.")
        return redirect("people:detail", pk=beneficiary.pk)
    audit_log.viewed(request, beneficiary)
    return render(request, "people/consent_form.html", {"form": form, "b": beneficiary})


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk):
    consent = access.get_or_404(
        request, Consent.objects.select_related("beneficiary"), "consent.change", field="beneficiary__territory", pk=pk
    )
    if request.method == "POST":
        services.consent_withdraw(consent=consent, actor=request.user)
        messages.success(request, "Отзыв согласия записан.")
        return redirect("people:detail", pk=consent.beneficiary_id)
    audit_log.viewed(request, consent.beneficiary)
    return render(request, "people/consent_withdraw.html", {"consent": consent, "b": consent.beneficiary})
