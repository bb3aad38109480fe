"""The destruction act (152-FZ art. 21): who destroyed, when, which categories of data, on what ground,
and the audit extract for the person — as PDF through core.documents."""

from django.db.models import Q

from audit.models import AuditEntry, AuditEntryPerson
from core import documents, personal

EXTRACT_LIMIT = 300


def audit_extract(beneficiary):
    """Entries about the person and every record about them (labels by number: no personal values)."""
    match = Q(pk__in=AuditEntryPerson.objects.filter(beneficiary_id=beneficiary.pk).values("entry_id"))
    for model in personal.person_models():
        ids = [str(pk) for pk in personal.records_of(model, beneficiary).values_list("pk", flat=True)]
        if ids:
            match |= Q(object_type=model._meta.label_lower, object_id__in=ids)
    destruction = getattr(beneficiary, "destruction", None)
    if destruction is not None:
        match |= Q(object_type="people.destruction", object_id=str(destruction.pk))
    return AuditEntry.objects.select_related("user").filter(match).order_by("at", "id")


def context(destruction):
    from audit.readable import who

    entries = list(audit_extract(destruction.beneficiary)[: EXTRACT_LIMIT + 1])
    for entry in entries:
        entry.who = who(entry)
    return {
        "d": destruction,
        "person": f"Подопечный №{destruction.beneficiary_id}",
        "done_by": (destruction.done_by.get_full_name() or destruction.done_by.get_username())
        if destruction.done_by
        else "Система (периодическая проверка)",
        "ground": destruction.GROUND,
        "categories": destruction.categories,
        "records": sum(destruction.erased.values()) if destruction.erased else 0,
        "entries": entries[:EXTRACT_LIMIT],
        "more": len(entries) > EXTRACT_LIMIT,
    }


def pdf(destruction):
    return documents.render_pdf("people/destruction_act.html", context(destruction))


def filename(destruction):
    return f"Акт уничтожения ПДн {destruction.act_number}.pdf"
