from people.models import Consent
from phone.models import Enrolment


def end_enrolments(sender, consent, actor=None, **kwargs):
    """Withdrawing the phone-service consent (or the personal-data one) ends the person's enrolments."""
    if consent.purpose not in (Consent.Purpose.PHONE_SERVICE, Consent.Purpose.PERSONAL_DATA):
        return
    reason = (
        "Отзыв согласия на участие в службе"
        if consent.purpose == Consent.Purpose.PHONE_SERVICE
        else "Отзыв согласия на обработку персональных данных"
    )
    from phone.services import end

    for enrolment in Enrolment.objects.filter(beneficiary=consent.beneficiary, ended_at__isnull=True):
        end(enrolment=enrolment, actor=actor, reason=reason)  # the one way out of the service, audited


def ensure_callable(enrolment):
    """No call is recorded for an ended enrolment or a person who withdrew consent (the API took them)."""
    from django.core.exceptions import ValidationError

    from people.services import ensure_processable

    ensure_processable(enrolment.beneficiary)
    if enrolment.ended_at:
        raise ValidationError({"enrolment": ["Человек выбыл из службы: звонки больше не записываются."]})
