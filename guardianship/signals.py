from guardianship.models import FamilyApplication


def erase_application_text(sender, beneficiary, **kwargs):
    """What the family asked in its application may speak about the member who withdrew consent: erased."""
    if beneficiary.household_id:
        FamilyApplication.objects.filter(household_id=beneficiary.household_id).update(request_text="")
