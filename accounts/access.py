"""The one place that decides what a user may see and change.

Every view, export and API route asks here: `require()` for a capability, `scoped()` for the
records of a model inside the user's territory, `get_or_404()` for one record. Refusals are audited.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404

from accounts.models import Role
from audit import log as audit_log

ALL_ROLES = frozenset(Role.values)
STAFF = frozenset({Role.COORDINATOR, Role.OPERATOR})

CAPABILITIES = {
    "staff_home": ALL_ROLES,
    "territories.view": ALL_ROLES,
    "territories.change": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "catalog.view": ALL_ROLES,
    "directory.view": frozenset({Role.COORDINATOR, Role.OPERATOR, Role.ORG_STAFF, Role.ADMIN}),
    "people.view": STAFF,
    "people.change": STAFF,
    "people.export": frozenset({Role.COORDINATOR}),
    "consent.change": STAFF,
    "audit.view": frozenset({Role.COORDINATOR, Role.ADMIN}),
    "audit.export": frozenset({Role.COORDINATOR, Role.ADMIN}),
}

# Roles whose territory scope is the whole installation, whatever territory they are bound to.
NATIONWIDE = frozenset({Role.ADMIN})


def can(user, capability):
    if not user.is_authenticated or not user.is_active:
        return False
    return user.role in CAPABILITIES[capability]


def require(request, capability):
    if not can(request.user, capability):
        audit_log.denied(request, capability)
        raise PermissionDenied("Недостаточно прав для этого действия.")


def territory_ids(user):
    """Ids of the territories the user works in (their territory and everything below)."""
    from territories.models import Territory

    if user.role in NATIONWIDE:
        return Territory.objects.values("id")
    if user.territory_id is None:
        return Territory.objects.none().values("id")
    return Territory.objects.subtree(user.territory).values("id")


def in_territory(user, territory):
    if territory is None:
        return user.role in NATIONWIDE
    return territory_ids(user).filter(id=territory.id).exists()


def scoped(user, queryset, field="territory"):
    """Narrow a queryset to the records inside the user's territory."""
    if user.role in NATIONWIDE:
        return queryset
    return queryset.filter(**{f"{field}__in": territory_ids(user)})


def get_or_404(request, queryset, capability, field="territory", **lookup):
    """Fetch one record the user may see; out of scope looks exactly like missing."""
    require(request, capability)
    obj = scoped(request.user, queryset, field).filter(**lookup).first()
    if obj is None:
        existing = queryset.filter(**lookup).first()
        if existing is not None:
            audit_log.denied(request, capability, existing)
        raise Http404("Запись не найдена.")
    return obj
