from audit import log as audit_log
from phone.models import Call, Enrolment, Identification


def move_phone_records(sender, keep, drop, actor=None, **kwargs):
    """Two records of one person merged: the enrolments (with their volunteer and calls) and identifications go
    to the kept record. `.update()` bypasses the tracking, so the move writes phone's own entry of what moved."""
    enrolments = Enrolment.objects.filter(beneficiary=drop)
    volunteers = sorted({pk for pk in enrolments.values_list("volunteer_id", flat=True) if pk})
    calls = Call.objects.filter(enrolment__beneficiary=drop).count()
    moved = {
        "enrolments": enrolments.update(beneficiary=keep),
        "calls": calls,
        "identifications": Identification.objects.filter(beneficiary=drop).update(beneficiary=keep),
    }
    if not any(moved.values()):
        return None
    return audit_log.record(
        audit_log.Action.UPDATE,
        keep,
        user=actor,
        details={
            "note": f"Объединение с записью №{drop.pk}: перенесено в «Алло, волонтёр!»",
            "merge_moved": {"app": "phone", "keep": keep.pk, "drop": drop.pk, **moved, "volunteers": volunteers},
        },
    )
