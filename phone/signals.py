from phone.models import Call, Identification


def erase_call_notes(sender, beneficiary, **kwargs):
    """Wellbeing notes and the volunteer's words about needs go with the person's consent."""
    Call.objects.filter(enrolment__beneficiary=beneficiary).update(notes="", need_note="", plans="")


def erase_identification_notes(sender, beneficiary, **kwargs):
    """The specialist's note and the refusal reason go too; dates and stages stay (KPI counts, no personal data)."""
    mine = Identification.objects.filter(beneficiary=beneficiary)
    mine.update(note="")
    mine.exclude(refusal_reason="").update(refusal_reason="обезличено")


def move_identifications(sender, keep, drop, **kwargs):
    """Two records of one person merged: the identifications go to the kept record."""
    Identification.objects.filter(beneficiary=drop).update(beneficiary=keep)
