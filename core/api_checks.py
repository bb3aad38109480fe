"""Checks shared by the apps' API routers: a page number, errors gathered by field, phones, enum names.

The checks that need an app's data (a territory or a person in the caller's scope, catalog codes) live in
that app's selectors, so no app imports the configuration package `zabota`."""

import enum

from django.core.exceptions import ValidationError
from ninja import Query

from core.phones import normalize_phone

# A page number of a list: 1 … 100 000 (a larger offset is no page at all and must not reach the database).
PAGE = Query(1, ge=1, le=100_000)


class Errors(dict):
    def add(self, field, message):
        self.setdefault(field, []).append(message)

    def raise_if_any(self):
        if self:
            raise ValidationError(dict(self))


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
