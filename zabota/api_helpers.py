"""Shared checks for API payloads: ids in the caller's scope, catalog codes, phones. Errors name the field."""

import enum

from django.core.exceptions import ValidationError
from ninja import Query

from accounts import access
from catalog.models import ServiceCategory
from core.phones import normalize_phone
from territories.models import Territory

# A page number of a list: 1 … 100 000 (a larger offset is no page at all and must not reach the database).
PAGE = Query(1, ge=1, le=100_000)


class Errors(dict):
    def add(self, field, message):
        self.setdefault(field, []).append(message)

    def raise_if_any(self):
        if self:
            raise ValidationError(dict(self))


def territory_in_scope(user, territory_id, field, errors):
    territory = Territory.objects.filter(pk=territory_id).first()
    if territory is None or not access.in_territory(user, territory):
        errors.add(field, "Территория не найдена или вне вашей зоны ответственности.")
        return None
    return territory


def person_in_scope(user, beneficiary_id, field, errors):
    """A person (not merged away) in the caller's territory, or an error by the field."""
    from people.models import Beneficiary

    person = access.scoped(user, Beneficiary.objects.filter(merged_into=None)).filter(pk=beneficiary_id).first()
    if person is None:
        errors.add(field, "Подопечный не найден или вне вашей зоны ответственности.")
    return person


def categories(codes, field, errors):
    found = {c.code: c for c in ServiceCategory.objects.filter(code__in=codes, parent__isnull=False)}
    unknown = [c for c in codes if c not in found]
    if unknown:
        errors.add(field, "Нет в каталоге: " + ", ".join(unknown) + ".")
    return [found[c] for c in dict.fromkeys(codes) if c in found]


def phone(value, field, errors):
    try:
        return normalize_phone(value)
    except ValidationError as exc:
        errors.add(field, exc.messages[0])
        return ""


def named_choices(choices, name):
    """The choices under their own name in the OpenAPI schema. Pydantic names an enum by its class, so
    Territory.Kind and Organization.Kind both became «Kind» and one of them rejected the other's values."""
    return enum.StrEnum(name, {member.name: member.value for member in choices})
