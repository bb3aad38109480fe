"""Reads of people, scoped to the user."""

import re

from django.db.models import Q

from accounts import access
from people.models import Beneficiary


def find_people(*, user, text, limit=20):
    """«Подопечный из базы»: by name words, phone digits or birth year, inside the user's territory."""
    text = (text or "").strip()
    if len(text) < 2:
        return []
    qs = access.scoped(user, Beneficiary.objects.filter(merged_into=None, anonymized_at=None)).select_related(
        "territory"
    )
    digits = re.sub(r"\D", "", text)
    if re.fullmatch(r"(19|20)\d\d", text):
        qs = qs.filter(birth_date__year=int(text))
    elif len(digits) >= 5 and len(digits) >= len(text.replace(" ", "")) - 4:
        tail = digits[-10:]
        qs = qs.filter(Q(phone__contains=tail) | Q(phone2__contains=tail))
    else:
        for word in text.split()[:4]:
            qs = qs.filter(full_name__icontains=word)
    return list(qs.order_by("full_name")[:limit])


def people_matching(user, q=""):
    """The people list and its export: the user's scope, then the search box (name, or 4+ phone digits)."""
    qs = access.scoped(user, Beneficiary.objects.filter(merged_into=None).select_related("territory"))
    if q:
        digits = "".join(ch for ch in q if ch.isdigit())
        match = Q(full_name__icontains=q)
        if len(digits) >= 4:
            match |= Q(phone__contains=digits[-10:])
        qs = qs.filter(match)
    return qs


def territory_choices(user):
    """The territories a user may write a person or a family into (the forms' choices)."""
    from territories.models import Territory

    return access.scoped(user, Territory.objects.all(), field="id")


def household_choices(user):
    from people.models import Household

    return access.scoped(user, Household.objects.all())


def beneficiary_or_404(request, pk, capability, *, live=False, related=(), consents=False):
    """One person the user may reach with `capability` (access.get_or_404: out of scope is a 404, audited);
    `live` — not merged into another record; `related` — what the page shows beside the person;
    `consents` — with their consents read in one more query."""
    qs = Beneficiary.objects.select_related(*related) if related else Beneficiary.objects.all()
    if live:
        qs = qs.filter(merged_into=None)
    if consents:
        qs = qs.prefetch_related("consents")
    return access.get_or_404(request, qs, capability, pk=pk)


def beneficiary_records(beneficiary):
    """What the person's page lists beside the card: consents, contacts, requests."""
    requests = beneficiary.help_requests.select_related("helper_organization", "helper_volunteer").prefetch_related(
        "needs", "followups"
    )
    return {
        "consents": beneficiary.consents.select_related("recorded_by", "withdrawn_by"),
        "contacts": beneficiary.contacts.all(),
        "requests": requests,
    }


def people_sorted_for_search(qs):
    """A search sorts its matches (found through the trigram index) instead of walking the name index until
    enough of them turn up: «Соколова» would read most of the alphabet first."""
    from django.db.models import CharField, Value
    from django.db.models.functions import Concat

    return qs.annotate(sort_name=Concat("full_name", Value(""), output_field=CharField())), ("sort_name", "pk")


def consent_or_404(request, pk, capability):
    from people.models import Consent

    return access.get_or_404(
        request, Consent.objects.select_related("beneficiary"), capability, field="beneficiary__territory", pk=pk
    )


def households(user, q=""):
    """The families list: the user's scope, the number of members, the search box by name."""
    from django.db.models import Count

    from people.models import Household

    qs = access.scoped(user, Household.objects.select_related("territory")).annotate(size=Count("members"))
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.order_by("name")


def household_or_404(request, pk, capability):
    from people.models import Household

    return access.get_or_404(request, Household.objects.select_related("territory"), capability, pk=pk)


def household_members(household):
    return list(household.members.filter(merged_into=None))


DESTRUCTION_SCOPE = "beneficiary__territory"


def _destructions():
    from people.models import Destruction

    return Destruction.objects.select_related("done_by")


def destructions(user, state=""):
    """The destructions list: the user's scope; «due» — not yet performed, «done» — performed."""
    rows = access.scoped(user, _destructions(), DESTRUCTION_SCOPE)
    if state == "due":
        rows = rows.filter(done_at__isnull=True)
    elif state == "done":
        rows = rows.filter(done_at__isnull=False)
    return rows.order_by("-withdrawn_at", "-id")


def destruction_done_of(user, pk):
    """A performed destruction in the user's scope or None (the act is built by the worker for its owner)."""
    if pk is None:
        return None
    return access.scoped(user, _destructions(), DESTRUCTION_SCOPE).filter(pk=pk, done_at__isnull=False).first()


def destruction_or_404(request, pk, capability):
    return access.get_or_404(request, _destructions(), capability, field=DESTRUCTION_SCOPE, pk=pk)


def live_people(user):
    """The people a user may choose (intake, a call list): in scope, not merged, not anonymized."""
    return access.scoped(user, Beneficiary.objects.filter(merged_into=None, anonymized_at=None))


def live_person(user, pk):
    return live_people(user).filter(pk=pk).first() if pk else None


def person_in_scope(user, beneficiary_id, field, errors):
    """A person (not merged away) in the caller's territory, or an error by the field (an API payload check)."""
    person = access.scoped(user, Beneficiary.objects.filter(merged_into=None)).filter(pk=beneficiary_id).first()
    if person is None:
        errors.add(field, "Подопечный не найден или вне вашей зоны ответственности.")
    return person
