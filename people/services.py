from django.core.exceptions import ValidationError
from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from people.models import Consent

ANONYMIZED_NAME = "Обезличено"

# Sent after a person's declared personal fields were erased: apps stop what still runs for the person.
person_anonymized = Signal()
# Any consent withdrawn, sent after the anonymization of a withdrawn personal-data consent (purpose-specific
# ones stop only their processing: the phone service ends enrolments, relatives are no longer informed).
consent_withdrawn = Signal()

WITHDRAWN = "Человек отозвал согласие на обработку персональных данных: новые записи о нём не создаются."
WITHDRAWAL_REASON = "Отзыв согласия на обработку персональных данных"


def ensure_processable(beneficiary):
    """Refuses new records about a person who withdrew consent (152-FZ art. 9: processing stops)."""
    if beneficiary.anonymized_at:
        raise ValidationError({"beneficiary": [WITHDRAWN]})


# Apps that keep records about a person move them to the kept record when two are merged (keep, drop).
person_merged = Signal()


def consent_give(*, beneficiary, purpose, actor, given_at=None, text_version=None):
    fields = {"text_version": text_version} if text_version else {}
    return Consent.objects.create(
        beneficiary=beneficiary, purpose=purpose, recorded_by=actor, given_at=given_at or timezone.now(), **fields
    )


# What a person record is written with: the fields of the people form, the API and the intakes.
PERSON_FIELDS = (
    "full_name",
    "birth_date",
    "phone",
    "phone2",
    "territory",
    "address",
    "lat",
    "lon",
    "lives_alone",
    "mobility",
    "household",
    "household_role",
    "notes",
    "unconfirmed",
)


def _place_from_territory(person, territory, *, moved):
    """Coordinates come from the territory (never asked of the operator): on a move, or when none are known."""
    if territory is not None and (moved or person.lat is None) and territory.lat is not None:
        person.lat, person.lon = territory.lat, territory.lon


@transaction.atomic
def beneficiary_create(
    *,
    full_name,
    territory,
    actor,
    consent=Consent.Purpose.PERSONAL_DATA,
    consent_given_at=None,
    place_from_territory=False,
    **fields,
):
    """THE way a person is written (people form and API, request intake, the public forms, the phone
    service, the demo): the record and, in the same transaction, the consent the person gave
    (`consent` — its purpose; None when someone else told about the person and nobody asked them yet).
    `fields` — the other PERSON_FIELDS. The record's audit entry names `actor` (model tracking)."""
    from audit.context import acting_as
    from people.models import Beneficiary

    unknown = set(fields) - set(PERSON_FIELDS)
    if unknown:
        raise TypeError(f"beneficiary_create: unknown fields {sorted(unknown)}")
    person = Beneficiary(full_name=full_name, territory=territory, **fields)
    if place_from_territory:
        _place_from_territory(person, territory, moved=False)
    with acting_as(actor):
        person.save()
        if consent:
            consent_give(beneficiary=person, purpose=consent, actor=actor, given_at=consent_given_at)
    return person


@transaction.atomic
def beneficiary_update(*, beneficiary, changes, actor):
    """The person's card edited: only the PERSON_FIELDS in `changes` (what the operator changed) are
    written; a move to another territory brings its coordinates. Audited by model tracking as `actor`."""
    from audit.context import acting_as

    changes = {k: v for k, v in changes.items() if k in PERSON_FIELDS}
    for field, value in changes.items():
        setattr(beneficiary, field, value)
    _place_from_territory(beneficiary, beneficiary.territory, moved="territory" in changes)
    with acting_as(actor):
        beneficiary.save()
    return beneficiary


@transaction.atomic
def contact_create(*, beneficiary, relation, name, phone="", note="", actor):
    from audit.context import acting_as
    from people.models import SocialContact

    with acting_as(actor):
        return SocialContact.objects.create(
            beneficiary=beneficiary, relation=relation, name=name, phone=phone, note=note
        )


@transaction.atomic
def household_create(
    *, name, territory, actor, address="", is_serviceman_family=False, notes="", contact_name="", contact_phone=""
):
    from audit.context import acting_as
    from people.models import Household

    with acting_as(actor):
        return Household.objects.create(
            name=name,
            territory=territory,
            address=address,
            is_serviceman_family=is_serviceman_family,
            notes=notes,
            contact_name=contact_name,
            contact_phone=contact_phone,
        )


@transaction.atomic
def consent_record(*, beneficiary, purpose, given_at, actor, text_version=None):
    """A consent recorded on the person's page (any purpose, the text version it was given on)."""
    from audit.context import acting_as

    with acting_as(actor):
        return consent_give(
            beneficiary=beneficiary, purpose=purpose, actor=actor, given_at=given_at, text_version=text_version
        )


@transaction.atomic
def consent_withdraw(*, consent, actor):
    """Withdrawing a consent stops the processing it allowed. The personal-data consent anonymizes the
    person first (every declared personal field, their files), then the apps end what still runs for
    them with the reason (enrolments, open requests); a purpose-specific one stops only its purpose."""
    if consent.withdrawn_at:
        return consent
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = actor
    consent.save()
    # The purpose is withdrawn, not one record of it: a consent recorded twice must not keep it going.
    for twin in Consent.objects.filter(
        beneficiary_id=consent.beneficiary_id, purpose=consent.purpose, withdrawn_at__isnull=True
    ):
        twin.withdrawn_at, twin.withdrawn_by = consent.withdrawn_at, actor
        twin.save()
    if consent.purpose == Consent.Purpose.PERSONAL_DATA:
        anonymize(consent.beneficiary, actor=actor)
        destruction_schedule(beneficiary=consent.beneficiary, consent=consent, withdrawn_at=consent.withdrawn_at)
    consent_withdrawn.send(sender=Consent, consent=consent, actor=actor)
    return consent


def anonymize(beneficiary, *, actor=None):
    """Erases what the declared lists (PERSONAL_FIELDS, core.personal) name in every record about the
    person, deletes their uploaded files, and writes one audit entry with the counts (no values)."""
    from audit import log as audit_log
    from core import personal

    erased = personal.erase_person(beneficiary)
    beneficiary.refresh_from_db()
    beneficiary.anonymized_at = timezone.now()
    beneficiary.save(update_fields=["anonymized_at"])
    audit_log.record(audit_log.Action.UPDATE, beneficiary, user=actor, details={"anonymized": erased})
    person_anonymized.send(sender=type(beneficiary), beneficiary=beneficiary, actor=actor)


@transaction.atomic
def beneficiary_confirm(*, beneficiary, actor):
    """An operator has checked with the person the details a neighbour or a relative gave (#9)."""
    from audit.context import acting_as

    if not beneficiary.unconfirmed:
        return beneficiary
    beneficiary.unconfirmed = False
    beneficiary.confirmed_at = timezone.now()
    beneficiary.confirmed_by = actor
    with acting_as(actor):  # the audit entry (model tracking) names who confirmed
        beneficiary.save(update_fields=["unconfirmed", "confirmed_at", "confirmed_by"])
    return beneficiary


def duplicates_of(*, full_name, birth_date, phones, territory, user, exclude_id=None):
    """Existing people (in the user's scope) who are likely the same person, with the reasons."""
    from django.db.models import Q

    from accounts import access
    from people import duplicates
    from people.models import Beneficiary

    phones = tuple(p for p in phones if p)
    surname = (full_name or "").split()[0] if full_name else ""
    match = Q(territory=territory)
    if phones:
        match |= Q(phone__in=phones) | Q(phone2__in=phones)
    if surname:
        match |= Q(full_name__icontains=surname)
    pool = access.scoped(user, Beneficiary.objects.filter(merged_into=None, anonymized_at=None)).filter(match)
    if exclude_id:
        pool = pool.exclude(pk=exclude_id)
    records = {
        b.pk: (b, duplicates.PersonRecord(b.pk, b.full_name, b.birth_date, (b.phone, b.phone2), b.territory_id))
        for b in pool[:500]
    }
    new = duplicates.PersonRecord(None, full_name, birth_date, phones, territory.pk if territory else 0)
    return [(records[r.id][0], reasons) for r, reasons in duplicates.find(new, [rec for _, rec in records.values()])]


@transaction.atomic
def beneficiary_merge(*, keep, drop, actor):
    """Merge `drop` into `keep`: requests, consents and contacts move over, blanks are filled, and
    `drop` stays as a pointer so its history still leads somewhere."""
    from audit import log as audit_log
    from audit.context import acting_as

    if keep.pk == drop.pk:
        raise ValueError("Нельзя объединить запись саму с собой.")
    moved = {
        "help_requests": drop.help_requests.update(beneficiary=keep),
        "consents": drop.consents.update(beneficiary=keep),
        "contacts": drop.contacts.update(beneficiary=keep),
    }
    filled = []
    for field in ("birth_date", "address", "lat", "lon", "mobility", "household_id"):
        if getattr(keep, field) in (None, "") and getattr(drop, field) not in (None, ""):
            setattr(keep, field, getattr(drop, field))
            filled.append(field)
    if drop.phone and drop.phone not in (keep.phone, keep.phone2):
        if not keep.phone:
            keep.phone = drop.phone
            filled.append("phone")
        elif not keep.phone2:
            keep.phone2 = drop.phone
            filled.append("phone2")
    if drop.notes:
        keep.notes = "\n".join(filter(None, [keep.notes, f"Из объединённой записи №{drop.pk}: {drop.notes}"]))
        filled.append("notes")
    with acting_as(actor):
        keep.save()
        drop.merged_into = keep
        drop.save()
        # The domain event itself, beside the field changes tracking records: both records, what moved.
        audit_log.record(
            audit_log.Action.UPDATE,
            keep,
            user=actor,
            details={"merged": {"keep": keep.pk, "drop": drop.pk, "moved": moved, "filled": filled}},
        )
    person_merged.send(sender=type(keep), keep=keep, drop=drop, actor=actor)  # each app logs what it moved
    return keep


# --- destruction after withdrawal (152-FZ art. 21): within 30 days, with an act ---


def destruction_schedule(*, beneficiary, withdrawn_at, consent=None):
    """The destruction due for a person whose data were anonymized (once per person)."""
    from datetime import timedelta

    from people.models import Destruction

    destruction, _ = Destruction.objects.get_or_create(
        beneficiary=beneficiary,
        defaults={
            "consent": consent,
            "withdrawn_at": withdrawn_at,
            "due_by": withdrawn_at + timedelta(days=Destruction.TERM_DAYS),
        },
    )
    return destruction


@transaction.atomic
def destruction_perform(*, destruction, actor=None):
    """The final pass over every declared personal field of the person (anything written since the
    withdrawal, files left in storage), the categories recorded for the act, one audit entry. Once."""
    from audit import log as audit_log
    from core import personal
    from people.models import Destruction

    destruction = Destruction.objects.select_for_update().select_related("beneficiary").get(pk=destruction.pk)
    if destruction.done_at:
        return destruction
    person = destruction.beneficiary
    destruction.erased = personal.erase_person(person)
    destruction.categories = [[what, fields] for what, fields in personal.categories(person)]
    destruction.done_at = timezone.now()
    destruction.done_by = actor
    destruction.save()
    audit_log.record(
        audit_log.Action.DELETE,
        destruction,
        user=actor,
        details={"destroyed": destruction.erased, "act": destruction.act_number},
    )
    return destruction


def destructions_run(now=None):
    """The periodic check: schedules a destruction for every anonymized person without one, performs the
    pending ones, and counts those that were overdue. Idempotent: a second run finds nothing to do."""
    from people.models import Beneficiary, Destruction

    now = now or timezone.now()
    scheduled = 0
    # Anonymized after a withdrawal but without a record (before destructions were recorded). People
    # anonymized when their retention period ended (privacy.retention) have another ground: not here.
    withdrawn = Consent.objects.filter(purpose=Consent.Purpose.PERSONAL_DATA, withdrawn_at__isnull=False)
    for person in Beneficiary.objects.filter(
        anonymized_at__isnull=False, destruction__isnull=True, pk__in=withdrawn.values("beneficiary_id")
    ):
        destruction_schedule(beneficiary=person, withdrawn_at=person.anonymized_at)
        scheduled += 1
    pending = list(Destruction.objects.filter(done_at__isnull=True))
    overdue = sum(1 for d in pending if d.is_overdue(now))
    for destruction in pending:
        destruction_perform(destruction=destruction)
    return {"scheduled": scheduled, "performed": len(pending), "overdue": overdue}
