"""Writes for the practices library: keyword-only, atomic, audited."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit import log as audit_log
from audit.context import acting_as
from practices.models import Photo, Practice, Tag

PHOTO_MAX_MB = 5
PHOTO_SIGNATURES = {b"\xff\xd8\xff": "jpg", b"\x89PNG\r\n\x1a\n": "png", b"RIFF": "webp"}

# The card's editable fields, in the order of the seed's practice card.
FIELDS = (
    "title",
    "organization_name",
    "organization",
    "region",
    "geography",
    "territory",
    "started_on",
    "ended_on",
    "dates_text",
    "summary",
    "problem",
    "description",
    "audience",
    "launch",
    "partners",
    "results",
    "resources",
    "risks",
    "replication",
    "contacts",
    "source",
)


def split_tags(text):
    return list(dict.fromkeys(t.strip() for t in (text or "").replace(";", ",").split(",") if t.strip()))


def _tags(names, kind):
    return [Tag.objects.get_or_create(name=name[:100], kind=kind)[0] for name in names]


def _check(practice):
    errors = {}
    if practice.started_on and practice.ended_on and practice.ended_on < practice.started_on:
        errors["ended_on"] = ["Окончание не может быть раньше начала."]
    if errors:
        raise ValidationError(errors)
    practice.full_clean()


@transaction.atomic
def practice_save(*, actor, practice=None, topics=(), audiences=(), **fields):
    """Create (practice=None) or update a card; tags by name, created on first use."""
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown fields {unknown}")
    practice = practice or Practice(created_by=actor)
    for name, value in fields.items():
        setattr(practice, name, value)
    practice.updated_at = timezone.now()
    _check(practice)
    with acting_as(actor):
        practice.save()
        practice.tags.set(_tags(topics, Tag.Kind.TOPIC) + _tags(audiences, Tag.Kind.AUDIENCE))
    return practice


@transaction.atomic
def practice_publish(*, practice, actor, publish=True):
    with acting_as(actor):
        practice.is_published = publish
        if publish and practice.published_at is None:
            practice.published_at = timezone.now()
        practice.save(update_fields=["is_published", "published_at"])
    return practice


def check_photo(upload):
    if upload.size > PHOTO_MAX_MB * 1024 * 1024:
        raise ValidationError({"file": [f"Фото больше {PHOTO_MAX_MB} МБ."]})
    head = upload.read(12)
    upload.seek(0)
    if not any(head.startswith(sig) for sig in PHOTO_SIGNATURES):
        raise ValidationError({"file": ["Загрузите фото в формате JPEG, PNG или WebP."]})


@transaction.atomic
def photo_add(*, practice, upload, alt, actor):
    check_photo(upload)
    if not (alt or "").strip():
        raise ValidationError({"alt": ["Опишите, что на фото: это прочитает программа экранного доступа."]})
    photo = Photo.objects.create(practice=practice, file=upload, alt=alt.strip())
    audit_log.record(audit_log.Action.CREATE, practice, user=actor, details={"photo": photo.pk})
    return photo


@transaction.atomic
def photo_delete(*, photo, actor):
    practice = photo.practice
    photo.file.delete(save=False)
    photo.delete()
    audit_log.record(audit_log.Action.UPDATE, practice, user=actor, details={"photo_deleted": True})
