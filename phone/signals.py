from phone.models import Call


def erase_call_notes(sender, beneficiary, **kwargs):
    """Wellbeing notes and the volunteer's words about needs go with the person's consent."""
    Call.objects.filter(enrolment__beneficiary=beneficiary).update(notes="", need_note="", plans="")
