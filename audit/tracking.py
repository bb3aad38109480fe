"""Every change of a tracked model lands in the audit log with its field differences."""

from django.db.models.signals import post_delete, post_save, pre_save

from audit import log
from core import bulk, personal

# Secrets and derived bookkeeping stay out of the log.
HIDDEN_FIELDS = {"password", "last_login", "digest", "path", "depth"}
MASK = "•••"


def _values(instance):
    values = {}
    for field in instance._meta.concrete_fields:
        if field.name in HIDDEN_FIELDS:
            continue
        value = getattr(instance, field.attname)
        values[field.name] = value if isinstance(value, (int, float, bool, type(None))) else str(value)
    return values


def _shown(instance, name, value):
    """A model's declared personal fields (PERSONAL_FIELDS, core.personal) are logged as changed, never
    with their values: the same list anonymization erases."""
    if personal.is_personal(instance, name) and value not in (None, ""):
        return MASK
    return value


def created_in_bulk(instances, *, user, extra=None):
    """The entries `_after_save` writes for new records, for records inserted with bulk_create (an import of
    100 000 rows writes them in one INSERT per batch instead of one per record). `extra(instance)` → more
    details for an instance's entry (e.g. the services created with an organization). #12: the entries go in
    as plain rows (core.bulk.insert_rows), who and where taken once from `log.entry`."""
    template = log.entry(log.Action.CREATE, None, user=user)
    common = [template.action, template.user_id, template.username, template.ip, template.path, template.at]
    rows, shown = [], None
    for instance in instances:
        if shown is None:  # what _values and _shown do, with the model's field list and its masking worked out once
            shown = [
                (f.name, f.attname, personal.is_personal(instance, f.name))
                for f in instance._meta.concrete_fields
                if f.name not in HIDDEN_FIELDS
            ]
        fields = {}
        for name, attname, masked in shown:
            value = getattr(instance, attname)
            value = value if isinstance(value, (int, float, bool, type(None))) else str(value)
            fields[name] = MASK if masked and value not in (None, "") else value
        details = {"fields": fields, **(extra(instance) if extra else {})}
        target = log._object_fields(instance)  # as log.entry names its record
        rows.append((*common, target["object_type"], target["object_id"], target["object_repr"], details))
    columns = ["action", "user_id", "username", "ip", "path", "at", "object_type", "object_id", "object_repr"]
    return bulk.insert_rows(log.AuditEntry, [*columns, "details"], rows)


def _before_save(sender, instance, raw=False, **kwargs):
    instance._audit_before = None
    if raw or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).first()
    instance._audit_before = _values(old) if old else None


def _after_save(sender, instance, created, raw=False, **kwargs):
    if raw:
        return
    after = _values(instance)
    before = getattr(instance, "_audit_before", None)
    if created or before is None:
        fields = {k: _shown(instance, k, v) for k, v in after.items()}
        log.record(log.Action.CREATE, instance, details={"fields": fields})
        return
    changes = {
        k: [_shown(instance, k, before.get(k)), _shown(instance, k, v)] for k, v in after.items() if before.get(k) != v
    }
    if changes:
        log.record(log.Action.UPDATE, instance, details={"changes": changes})


def _after_delete(sender, instance, **kwargs):
    log.record(log.Action.DELETE, instance)


def track(model):
    uid = f"audit-{model._meta.label_lower}"
    pre_save.connect(_before_save, sender=model, dispatch_uid=uid + "-pre")
    post_save.connect(_after_save, sender=model, dispatch_uid=uid + "-post")
    post_delete.connect(_after_delete, sender=model, dispatch_uid=uid + "-del")
    return model
