"""Writing audit entries. Call these; never create AuditEntry rows by hand."""

from audit.context import acting_user, current_request
from audit.models import AuditEntry
from core import personal
from core.net import client_ip

Action = AuditEntry.Action


def _object_fields(obj):
    if obj is None:
        return {}
    return {
        "object_type": obj._meta.label_lower,
        "object_id": str(obj.pk or ""),
        "object_repr": _label(obj)[:200],
    }


def _label(obj):
    """How the entry names its record: a record with personal fields by number, never by a name that
    would outlive the person's anonymization in the log (152-FZ)."""
    label = getattr(obj, "audit_label", None)
    if label is not None:
        return str(label)
    if personal.fields_of(obj):
        return f"{obj._meta.verbose_name} №{obj.pk}"
    return str(obj)


def record(action, obj=None, *, request=None, user=None, username="", details=None):
    request = request or current_request.get()
    user = user or acting_user.get()
    if request is not None and user is None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    return AuditEntry.objects.create(
        action=action,
        user=user,
        username=(user.get_username() if user else username) or ("система" if request is None else ""),
        ip=client_ip(request) if request is not None else None,
        path=request.get_full_path()[:300] if request is not None else "",
        details=details or {},
        **_object_fields(obj),
    )


def viewed(request, obj):
    """Someone opened a page with this person's personal data."""
    return record(Action.VIEW, obj, request=request)


def exported(request, what, count):
    return record(Action.EXPORT, request=request, details={"what": what, "rows": count})


def denied(request, capability, obj=None):
    return record(Action.DENIED, obj, request=request, details={"capability": capability})


def history_of(obj, limit=50):
    """Change entries of one record, newest first (the «История изменений» block), each with `who` and
    `lines` in plain Russian (see audit.readable)."""
    from audit.readable import describe

    entries = AuditEntry.objects.select_related("user").filter(
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        action__in=[Action.CREATE, Action.UPDATE, Action.DELETE],
    )[:limit]
    return describe(entries)
