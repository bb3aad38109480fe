"""Reads of the audit log, scoped to the user (the log page and its export)."""

from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone

from accounts import access
from audit.models import AuditEntry

FILTERS = ("user", "action", "object_type", "object_id", "date_from", "date_to")


def parse_date(value, end=False):
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except (TypeError, ValueError):
        return None
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def entries_matching(user, f):
    """Entries the user may read (a coordinator: of the people who work in their territory), filtered by
    `f` (FILTERS → text; unknown or empty values are ignored)."""
    f = {k: (f.get(k) or "").strip() for k in FILTERS}
    qs = AuditEntry.objects.select_related("user")
    if not access.is_nationwide(user):
        # A coordinator reads the log of the people who work in their territory.
        qs = qs.filter(user__territory__in=access.territory_ids(user))
    if f["user"]:
        qs = qs.filter(
            Q(username__icontains=f["user"])
            | Q(user__last_name__icontains=f["user"])
            | Q(user__first_name__icontains=f["user"])
        )
    if f["action"] in AuditEntry.Action.values:
        qs = qs.filter(action=f["action"])
    if f["object_type"]:
        qs = qs.filter(object_type=f["object_type"])
    if f["object_id"]:
        qs = qs.filter(object_id=f["object_id"])
    if start := parse_date(f["date_from"]):
        qs = qs.filter(at__gte=start)
    if end := parse_date(f["date_to"], end=True):
        qs = qs.filter(at__lte=end)
    return qs


def object_types(user):
    """The object types in the log for the page's filter (for those who may read the log; none otherwise): a
    DISTINCT over the whole log (millions of entries in a large region), kept in the shared cache ten minutes
    (#12)."""
    from django.core.cache import cache

    if not access.can(user, "audit.view"):
        return []
    types = cache.get("audit-object-types")
    if types is None:
        types = list(AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct())
        cache.set("audit-object-types", types, 600)
    return types
