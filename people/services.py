from django.db import transaction
from django.utils import timezone

from people.models import Consent

ANONYMIZED_NAME = "Обезличено"


def consent_give(*, beneficiary, purpose, actor, given_at=None):
    return Consent.objects.create(
        beneficiary=beneficiary, purpose=purpose, recorded_by=actor, given_at=given_at or timezone.now()
    )


@transaction.atomic
def consent_withdraw(*, consent, actor):
    """Withdrawing consent to process personal data anonymizes the person (152-FZ)."""
    if consent.withdrawn_at:
        return consent
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.save()
    if consent.purpose == Consent.Purpose.PERSONAL_DATA:
        anonymize(consent.beneficiary)
    return consent


def anonymize(beneficiary):
    beneficiary.full_name = f"{ANONYMIZED_NAME} №{beneficiary.pk}"
    beneficiary.phone = ""
    beneficiary.address = ""
    beneficiary.notes = ""
    beneficiary.lat = beneficiary.lon = None
    if beneficiary.birth_date:
        beneficiary.birth_date = beneficiary.birth_date.replace(month=1, day=1)
    beneficiary.anonymized_at = timezone.now()
    beneficiary.save()
