"""A person withdrew the consent to publication (people.Consent.Purpose.PUBLICATION): stories of their
family are no longer published and the photos and videos, collected only to be published, are deleted
from storage. Nothing else about the family or the person changes (152-FZ art. 9: only that processing stops)."""

from django.core.exceptions import ValidationError

from audit import log as audit_log
from guardianship.models import Story, StoryMedia

NO_PUBLICATION = "Член семьи отозвал согласие на публикацию историй, фото и видео."


def stop_publication(sender, consent, actor=None, **kwargs):
    from people.models import Consent

    if consent.purpose != Consent.Purpose.PUBLICATION or not consent.beneficiary.household_id:
        return
    stories = Story.objects.filter(guardianship__household_id=consent.beneficiary.household_id)
    media = StoryMedia.objects.filter(story__in=stories)
    deleted = 0
    for item in media:
        item.file.delete(save=False)
        deleted += 1
    media.delete()
    stopped = stories.filter(publication_consent=True).update(publication_consent=False)
    audit_log.record(
        audit_log.Action.UPDATE,
        consent.beneficiary.household,
        user=actor,
        details={"publication_stopped": {"stories": stopped, "media_deleted": deleted}},
    )


def publication_withdrawn(household):
    """A member of the family withdrew the publication consent and has not given it again."""
    from people.models import Consent

    if household is None:
        return False
    latest = {}
    for c in Consent.objects.filter(beneficiary__household=household, purpose=Consent.Purpose.PUBLICATION).order_by(
        "given_at"
    ):
        latest[c.beneficiary_id] = c
    return any(c.withdrawn_at for c in latest.values())


def ensure_publishable(household):
    if publication_withdrawn(household):
        raise ValidationError({"publication_consent": [NO_PUBLICATION]})
