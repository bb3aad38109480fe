from centres.models import CareEntry, CareVisit, Visit


def erase_notes(sender, beneficiary, **kwargs):
    """Notes about a person at the centre go with the person's consent."""
    Visit.objects.filter(beneficiary=beneficiary).update(notes="")
    CareEntry.objects.filter(beneficiary=beneficiary).update(notes="")
    CareVisit.objects.filter(entry__beneficiary=beneficiary).update(notes="")
