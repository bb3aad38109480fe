"""Reads of the person's-rights pages (152-FZ) and of the audit log (who did what); each goes through
accounts.access."""

from datetime import datetime, time

from django.core.cache import cache
from django.db.models import Q
from django.http import Http404
from django.utils import timezone

from accounts import access
from audit.models import AuditEntry
from people.selectors import beneficiary_or_404
from privacy.models import SubjectReport


def person_or_404(request, pk, capability):
    return beneficiary_or_404(request, pk, capability, related=("territory",))


def report_or_404(request, pk):
    """A report is reachable by whoever may ask for one about its person (coordinators in scope, admins)."""
    item = SubjectReport.objects.filter(pk=pk).first()
    if item is None:
        access.require(request, "people.report")
        raise Http404("Справка не найдена.")
    person_or_404(request, item.beneficiary_id, "people.report")
    return item


def reports_of(person, limit=20):
    """The person's earlier reports, newest first, with who asked for them."""
    return person.subject_reports.select_related("requested_by")[:limit]


# --- the audit log's page and its export (who did what; coordinators: the people of their territory) ---

AUDIT_FILTERS = ("user", "action", "object_type", "object_id", "date_from", "date_to")


def parse_date(value, end=False):
    try:
        day = datetime.strptime(value, "%Y-%m-%d").date()
    except (TypeError, ValueError):
        return None
    return timezone.make_aware(datetime.combine(day, time.max if end else time.min))


def audit_entries(user, f):
    """Entries the user may read (a coordinator: of the people who work in their territory), filtered by
    `f` (AUDIT_FILTERS → text; unknown or empty values are ignored)."""
    f = {k: (f.get(k) or "").strip() for k in AUDIT_FILTERS}
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


def audit_object_types(user):
    """The object types in the log for the page's filter (for those who may read the log; none otherwise): a
    DISTINCT over the whole log (millions of entries in a large region), kept in the shared cache ten minutes
    (#12)."""
    if not access.can(user, "audit.view"):
        return []
    types = cache.get("audit-object-types")
    if types is None:
        types = list(AuditEntry.objects.order_by().values_list("object_type", flat=True).distinct())
        cache.set("audit-object-types", types, 600)
    return types
