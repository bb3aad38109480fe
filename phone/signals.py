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
    return audit_log.merge_moved(
        keep, drop, actor=actor, app="phone", what="перенесено в «Алло, волонтёр!»", moved=moved, volunteers=volunteers
    )
