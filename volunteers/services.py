"""Writes of the volunteers app. Recruitment (#16): a public application becomes a candidate that a
coordinator or the centre's staff review and activate."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit import log as audit_log
from people.models import Beneficiary
from volunteers.models import Volunteer


def former_beneficiary_for(*, full_name, phone, territory):
    """A person from the base with the same phone, or the same name in the same locality."""
    people = Beneficiary.objects.filter(merged_into=None, anonymized_at=None)
    if phone:
        found = people.filter(phone=phone).first() or people.filter(phone2=phone).first()
        if found:
            return found
    name = " ".join(full_name.split()).lower()
    for person in people.filter(territory=territory):
        if " ".join(person.full_name.split()).lower() == name:
            return person
    return None


@transaction.atomic
def candidate_create(
    *, full_name, phone, territory, age_group, abilities="", availability="", organization=None, skills=(), actor=None
):
    """«Стать волонтёром»: a candidate, inactive until reviewed; former beneficiaries are marked."""
    volunteer = Volunteer.objects.create(
        full_name=full_name.strip(),
        phone=phone,
        territory=territory,
        lat=territory.lat,
        lon=territory.lon,
        age_group=age_group,
        is_permanent=False,
        organization=organization,
        abilities=abilities,
        availability=availability,
        status=Volunteer.Status.CANDIDATE,
        source=Volunteer.Source.PUBLIC_FORM,
        is_active=False,
        consent_at=timezone.now(),
        former_beneficiary=former_beneficiary_for(full_name=full_name, phone=phone, territory=territory),
    )
    volunteer.skills.set(skills)
    return volunteer


@transaction.atomic
def candidate_activate(*, volunteer, actor, organization=None, is_permanent=False):
    if volunteer.status != Volunteer.Status.CANDIDATE:
        raise ValidationError({"status": ["Активировать можно только кандидата."]})
    volunteer.status = Volunteer.Status.ACTIVE
    volunteer.is_active = True
    volunteer.is_permanent = is_permanent
    volunteer.reviewed_at = timezone.now()
    if organization is not None:
        volunteer.organization = organization
    volunteer.save()
    audit_log.record(audit_log.Action.UPDATE, volunteer, user=actor, details={"recruitment": "activated"})
    return volunteer


@transaction.atomic
def candidate_reject(*, volunteer, actor):
    if volunteer.status != Volunteer.Status.CANDIDATE:
        raise ValidationError({"status": ["Отклонить можно только кандидата."]})
    volunteer.status = Volunteer.Status.REJECTED
    volunteer.reviewed_at = timezone.now()
    volunteer.save()
    audit_log.record(audit_log.Action.UPDATE, volunteer, user=actor, details={"recruitment": "rejected"})
    return volunteer
