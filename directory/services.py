from django.db import transaction
from django.utils import timezone

from audit import log


def _service_summary(org):
    return sorted(
        f"{s.category.name}{'' if s.is_free else ' (платно)'}" for s in org.services.select_related("category")
    )


def _served_summary(org):
    return sorted(t.name for t in org.served_territories.all())


@transaction.atomic
def organization_save(*, form, services, actor):
    """Save the profile and its services; list and area changes go to the history as one entry."""
    org = form.instance
    before = (_service_summary(org), _served_summary(org)) if org.pk else None
    org = form.save()
    services.instance = org
    services.save()
    if before is not None:
        after = (_service_summary(org), _served_summary(org))
        changes = {}
        if before[0] != after[0]:
            changes["услуги"] = [", ".join(before[0]), ", ".join(after[0])]
        if before[1] != after[1]:
            changes["обслуживаемые территории"] = [", ".join(before[1]), ", ".join(after[1])]
        if changes:
            log.record(log.Action.UPDATE, org, user=actor, details={"changes": changes})
    return org


def organization_verify(*, organization, actor):
    now = timezone.now()
    organization.verified_at = now
    organization.verified_by = actor
    organization.last_confirmed_at = now
    organization.save()
    return organization


def organization_confirm(*, organization, actor):
    """«Данные актуальны»: the organization or a coordinator confirms the listing."""
    organization.last_confirmed_at = timezone.now()
    organization.confirm_reminded_at = None
    organization.save()
    return organization
