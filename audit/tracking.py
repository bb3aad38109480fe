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
    details for an instance's entry (e.g. the services created with an organization)."""
    entries = []
    for instance in instances:
        fields = {k: _shown(instance, k, v) for k, v in _values(instance).items()}
        details = {"fields": fields, **(extra(instance) if extra else {})}
        entries.append(log.entry(log.Action.CREATE, instance, user=user, details=details))
    bulk.insert(entries)  # COPY on PostgreSQL (#12)
    return len(entries)


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
