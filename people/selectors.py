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


def person_in_scope(user, beneficiary_id, field, errors):
    """A person (not merged away) in the caller's territory, or an error by the field (an API payload check)."""
    person = access.scoped(user, Beneficiary.objects.filter(merged_into=None)).filter(pk=beneficiary_id).first()
    if person is None:
        errors.add(field, "Подопечный не найден или вне вашей зоны ответственности.")
    return person
