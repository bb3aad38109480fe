"""Facts changing elsewhere recompute the person's risk level (after commit, once per person): a reached call,
an enrolment, an identification or refusal of the phone service, a help request moving, a visit, a
guardianship, the person's own record. Never on page view."""

from django.db.models.signals import post_delete, post_save

from ties.services import risk_recompute_later


def _person(instance):
    return risk_recompute_later(instance.pk)


def _direct(instance):
    return risk_recompute_later(instance.beneficiary_id)


def _call(instance):
    return risk_recompute_later(instance.enrolment.beneficiary_id)


def _pause(instance):
    if instance.enrolment_id:
        risk_recompute_later(instance.enrolment.beneficiary_id)


def _followup(instance):
    return risk_recompute_later(instance.request.beneficiary_id)


def _care_visit(instance):
    return risk_recompute_later(instance.entry.beneficiary_id)


def _household(household_id):
    from people.models import Beneficiary

    for pk in Beneficiary.objects.filter(household_id=household_id).values_list("pk", flat=True):
        risk_recompute_later(pk)


def _guardianship(instance):
    _household(instance.household_id)


def _help_entry(instance):
    _household(instance.guardianship.household_id)


def _contact_saved(sender, instance, created, raw=False, **kwargs):
    """A contact typed in on the person's card (people app) becomes a tie of the matching kind."""
    from ties.models import CONTACT_RELATION, Kind, Tie

    if raw or not created:
        return
    kinds = {v: k for k, v in CONTACT_RELATION.items()}
    Tie.objects.get_or_create(
        contact=instance,
        defaults={"beneficiary_id": instance.beneficiary_id, "kind": kinds.get(instance.relation, Kind.OTHER)},
    )


def connect():
    from centres.models import CareEntry, CareVisit, Participant, Visit
    from guardianship.models import Guardianship, HelpEntry
    from helprequests.models import FollowUp, HelpRequest
    from people.models import Beneficiary, SocialContact
    from phone.models import Call, Enrolment, Identification, Pause
    from ties.models import Tie

    hooks = [
        (Beneficiary, _person),
        (SocialContact, _direct),
        (Tie, _direct),
        (Enrolment, _direct),
        (Identification, _direct),  # a refusal of the phone service is a risk factor
        (Call, _call),
        (Pause, _pause),
        (HelpRequest, _direct),
        (FollowUp, _followup),
        (Visit, lambda i: i.beneficiary_id and risk_recompute_later(i.beneficiary_id)),
        (Participant, _direct),
        (CareEntry, _direct),
        (CareVisit, _care_visit),
        (Guardianship, _guardianship),
        (HelpEntry, _help_entry),
    ]
    post_save.connect(_contact_saved, sender=SocialContact, dispatch_uid="ties.contact_tie")
    for model, hook in hooks:

        def receiver(sender, instance, raw=False, _hook=hook, **kwargs):
            if not raw:
                _hook(instance)

        uid = f"ties.recompute.{model._meta.label_lower}"
        post_save.connect(receiver, sender=model, dispatch_uid=uid, weak=False)
        if model is not Beneficiary:
            post_delete.connect(receiver, sender=model, dispatch_uid=uid + ".delete", weak=False)
