from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_http_methods

from accounts import access
from audit import log as audit_log
from core.paging import keyset, paginate
from exports.views import start as exports_start
from people import selectors, services
from people.forms import BeneficiaryForm, ConsentForm, ContactForm, HouseholdForm
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
        qs, order = selectors.people_sorted_for_search(qs)
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
        data = {k: v for k, v in form.cleaned_data.items() if k in services.PERSON_FIELDS}
        beneficiary = services.beneficiary_create(**data, place_from_territory=True, actor=request.user)
        messages.success(request, "Подопечный записан, согласие на обработку данных отмечено.")
        return redirect("people:detail", pk=beneficiary.pk)
    return render(request, "people/form.html", {"form": form})


@login_required
def beneficiary_detail(request, pk):
    beneficiary = selectors.beneficiary_or_404(
        request, pk, "people.view", related=("territory", "household", "merged_into")
    )
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
    return render(
        request,
        "people/detail.html",
        {
            "b": beneficiary,
            **selectors.beneficiary_records(beneficiary),
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
    beneficiary = selectors.beneficiary_or_404(request, pk, "people.change")
    form = BeneficiaryForm(request.POST or None, instance=beneficiary, user=request.user)
    if request.method == "POST" and form.is_valid():
        changes = {k: form.cleaned_data[k] for k in form.changed_data if k in form.cleaned_data}
        services.beneficiary_update(beneficiary=beneficiary, changes=changes, actor=request.user)
        messages.success(request, "Изменения сохранены.")
        return redirect("people:detail", pk=pk)
    audit_log.viewed(request, beneficiary)
    return render(request, "people/form.html", {"form": form, "b": beneficiary})


@login_required
@require_http_methods(["POST"])
def beneficiary_confirm(request, pk):
    """«Сведения подтверждены»: an operator checked with the person what a neighbour or relative told (#9)."""
    beneficiary = selectors.beneficiary_or_404(request, pk, "people.change", live=True)
    services.beneficiary_confirm(beneficiary=beneficiary, actor=request.user)
    messages.success(request, "Сведения подтверждены: отметка «не подтверждено» снята.")
    return redirect("people:detail", pk=pk)


@login_required
@require_http_methods(["GET", "POST"])
def beneficiary_merge(request, pk, other):
    keep = selectors.beneficiary_or_404(request, pk, "people.merge", live=True)
    drop = selectors.beneficiary_or_404(request, other, "people.merge", live=True)
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
    beneficiary = selectors.beneficiary_or_404(request, pk, "people.change")
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.contact_create(beneficiary=beneficiary, **form.cleaned_data, actor=request.user)
        messages.success(request, "Контакт добавлен.")
        return redirect("people:detail", pk=pk)
    audit_log.viewed(request, beneficiary)
    return render(request, "people/contact_form.html", {"form": form, "b": beneficiary})


@login_required
def household_list(request):
    access.require(request, "people.view")
    q = request.GET.get("q", "").strip()
    qs = selectors.households(request.user, q)
    return render(request, "people/households.html", {"page": paginate(request, qs), "q": q})


@login_required
@require_http_methods(["GET", "POST"])
def household_create(request):
    access.require(request, "people.change")
    form = HouseholdForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        household = services.household_create(**form.cleaned_data, actor=request.user)
        messages.success(request, "Семья добавлена. Укажите её в карточках членов семьи.")
        return redirect("people:household", pk=household.pk)
    return render(request, "people/household_form.html", {"form": form})


@login_required
def household_detail(request, pk):
    household = selectors.household_or_404(request, pk, "people.view")
    members = selectors.household_members(household)
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
    beneficiary = selectors.beneficiary_or_404(request, pk, "consent.change")
    form = ConsentForm(
        request.POST or None, initial={"given_at": timezone.localtime().replace(second=0, microsecond=0)}
    )
    if request.method == "POST" and form.is_valid():
        consent = services.consent_record(beneficiary=beneficiary, **form.cleaned_data, actor=request.user)
        messages.success(request, f"Согласие «{consent.get_purpose_display()}» записано.")
        return redirect("people:detail", pk=beneficiary.pk)
    audit_log.viewed(request, beneficiary)
    return render(request, "people/consent_form.html", {"form": form, "b": beneficiary})


@login_required
@require_http_methods(["GET", "POST"])
def consent_withdraw(request, pk):
    consent = selectors.consent_or_404(request, pk, "consent.change")
    if request.method == "POST":
        services.consent_withdraw(consent=consent, actor=request.user)
        messages.success(request, "Отзыв согласия записан.")
        return redirect("people:detail", pk=consent.beneficiary_id)
    audit_log.viewed(request, consent.beneficiary)
    return render(request, "people/consent_withdraw.html", {"consent": consent, "b": consent.beneficiary})
