"""Writing audit entries. Call these; never create AuditEntry rows by hand."""

from audit.context import acting_user, current_request
from audit.models import AuditEntry, AuditEntryPerson
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
    return entry(action, obj, request=request, user=user, username=username, details=details, save=True)


def merge_moved(keep, drop, *, actor, app, what, moved, **extra):
    """An app's own entry of what a merge of two records of one person moved to `keep` (`.update()` bypasses the
    tracking); `moved` holds the counts, nothing is written when all are zero."""
    if not any(moved.values()):
        return None
    return record(
        Action.UPDATE,
        keep,
        user=actor,
        details={
            "note": f"Объединение с записью №{drop.pk}: {what}",
            "merge_moved": {"app": app, "keep": keep.pk, "drop": drop.pk, **moved, **extra},
        },
    )


def entry(action, obj=None, *, request=None, user=None, username="", details=None, save=False):
    """An entry as `record` writes it; unsaved unless `save` (for bulk_create by `tracking.created_in_bulk`)."""
    request = request or current_request.get()
    user = user or acting_user.get()
    if request is not None and user is None:
        candidate = getattr(request, "user", None)
        if candidate is not None and candidate.is_authenticated:
            user = candidate
    item = AuditEntry(
        action=action,
        user=user,
        username=(user.get_username() if user else username) or ("система" if request is None else ""),
        ip=client_ip(request) if request is not None else None,
        path=request.get_full_path()[:300] if request is not None else "",
        details=details or {},
        **_object_fields(obj),
    )
    if save:
        item.save(force_insert=True)
    return item


PERSON = "people.beneficiary"


def _persons_of(obj):
    """The person (beneficiary) a record page shows: the person themselves, or the one the record is about."""
    if obj is None:
        return []
    if obj._meta.label_lower == PERSON:
        return [obj.pk]
    person = getattr(obj, "beneficiary_id", None)
    return [person] if person else []


def link(entry, ids):
    """One insert for all the persons an entry showed (the «who saw this person» index)."""
    AuditEntryPerson.objects.bulk_create(
        [AuditEntryPerson(entry=entry, beneficiary_id=pk) for pk in ids], batch_size=2000
    )
    return entry


def _ids(values):
    return sorted({int(pk) for pk in values if pk})


def viewed(request, obj, also=()):
    """Someone opened a page with this person's personal data (`also`: other persons the page names)."""
    ids = _ids([*_persons_of(obj), *also])
    details = {"ids": ids} if also else None
    return link(record(Action.VIEW, obj, request=request, details=details), ids)


def shown(request, beneficiary_ids, what):
    """A list page or an API list named these persons: ONE entry with their ids (never names).
    Nothing is written when the page named nobody."""
    ids = _ids(beneficiary_ids)
    if not ids:
        return None
    return link(record(Action.VIEW, request=request, details={"what": what, "ids": ids}), ids)


def exported(request, what, count, beneficiary_ids=None):
    """A file left the system; `beneficiary_ids` — the persons it names (see `Collect`)."""
    details = {"what": what, "rows": count}
    if beneficiary_ids is None:
        return record(Action.EXPORT, request=request, details=details)
    ids = _ids(beneficiary_ids)
    details["ids"] = ids
    return link(record(Action.EXPORT, request=request, details=details), ids)


class Collect:
    """Gathers the person ids of rows while an export streams them:
    `seen = Collect(); rows = (... for r in seen.each(qs))`, then `exported(..., seen.ids)`."""

    def __init__(self, attr="beneficiary_id"):
        self.attr = attr
        self.ids = []

    def each(self, iterable):
        for obj in iterable:
            value = obj.get(self.attr) if isinstance(obj, dict) else getattr(obj, self.attr)
            if value:
                self.ids.append(value)
            yield obj


def ids_of(objects, attr="beneficiary_id"):
    """The person ids of the rows a page shows (a Page caches its rows, so this costs no query)."""
    return [getattr(obj, attr) for obj in objects]


def readers_of(beneficiary_id):
    """Entries where this person was shown: their record page, a page about them, or a list, export or
    API answer that named them; newest first (the «Кто просматривал» block)."""
    from django.db.models import Q

    linked = AuditEntryPerson.objects.filter(beneficiary_id=beneficiary_id).values("entry_id")
    direct = Q(object_type=PERSON, object_id=str(beneficiary_id))  # entries from before the index
    return (
        AuditEntry.objects.select_related("user")
        .filter(Q(pk__in=linked) | direct, action__in=[Action.VIEW, Action.EXPORT])
        .order_by("-at", "-id")
    )


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


def describe_readers(entries):
    """Each reader entry with `who` (the user's name), `role` and `what` in plain Russian."""
    from django.apps import apps

    from audit.readable import who

    entries = list(entries)
    for entry in entries:
        entry.who = who(entry)
        entry.role = entry.user.get_role_display() if entry.user_id and entry.user else ""
        what = entry.details.get("what") if isinstance(entry.details, dict) else None
        if what:
            entry.what = what
        elif entry.object_type == PERSON:
            entry.what = "Карточка подопечного"
        elif entry.object_type:
            try:
                model = apps.get_model(entry.object_type)
                entry.what = f"{str(model._meta.verbose_name).capitalize()} №{entry.object_id}"
            except (LookupError, ValueError):
                entry.what = entry.object_repr
        else:
            entry.what = entry.path
        if entry.action == Action.EXPORT:
            entry.what = f"выгрузка: {entry.what}"
    return entries


def readers_summary(beneficiary_id):
    """«Кто знакомился с данными»: per user, how many times, first and last, newest first (one grouped query
    and one for the names) — for the subject's report."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count, Max, Min

    rows = list(
        readers_of(beneficiary_id)
        .select_related(None)
        .order_by()
        .values("user_id", "username")
        .annotate(times=Count("id"), first=Min("at"), last=Max("at"))
        .order_by("-last")
    )
    users = get_user_model().objects.in_bulk({r["user_id"] for r in rows if r["user_id"]})
    for row in rows:
        user = users.get(row["user_id"])
        row["who"] = (user.get_full_name() or user.get_username()) if user else (row["username"] or "система")
        row["role"] = user.get_role_display() if user else ""
    return rows
