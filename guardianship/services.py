from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from core.routing import Candidate, Need, eligible, suggest
from directory.models import Organization, OrganizationService
from guardianship import uploads
from guardianship.models import (
    CONNECT_LIMIT,
    Call,
    FamilyLink,
    Guardian,
    GuardianKind,
    Guardianship,
    HelpEntry,
    Story,
    StoryMedia,
)

ORG_KIND = {
    GuardianKind.EDUCATION: "education",
    GuardianKind.NGO: "ngo",
    GuardianKind.STATE: "state",
    GuardianKind.BUSINESS: "business",
    GuardianKind.PARTNERSHIP: "business",
    GuardianKind.ENTREPRENEUR: "entrepreneur",
    GuardianKind.VOLUNTEER_GROUP: "initiative",
    GuardianKind.WORK_TEAM: "initiative",
}
OPEN = [Guardianship.Status.MATCHED, Guardianship.Status.ACTIVE]
NOT_COVERED = "Опекун не покрывает все потребности семьи, работает на другой территории" + (
    " или уже взял столько семей, сколько может."
)
STEPS = {"interview": "собеседование", "instruction": "инструктаж", "training": "обучение"}


def record_step(*, guardian, step, day, by):
    if step not in STEPS:
        raise ValidationError({"step": ["Неизвестный шаг проверки."]})
    if not day:
        raise ValidationError({"day": [f"Укажите дату: {STEPS[step]}."]})
    setattr(guardian, f"{step}_at", day)
    setattr(guardian, f"{step}_by", (by or "").strip()[:200])
    if guardian.status == Guardian.Status.APPLIED:
        guardian.status = Guardian.Status.VERIFYING
    guardian.save()
    return guardian


@transaction.atomic
def approve(*, guardian, actor):
    """Into the registry of potential guardians, once interviewed, instructed and trained."""
    if not guardian.verification_complete:
        missing = [label for step, label in STEPS.items() if not getattr(guardian, f"{step}_at")]
        raise ValidationError({"status": [f"Сначала отметьте: {', '.join(missing)}."]})
    org = guardian.organization or Organization.objects.filter(name=guardian.name, territory=guardian.territory).first()
    if org is None:
        org = Organization.objects.create(
            name=guardian.name,
            kind=ORG_KIND[guardian.kind],
            territory=guardian.territory,
            phone=guardian.phone,
            email=guardian.email,
            is_public=False,
            verified_at=timezone.now(),
            verified_by=actor,
            last_confirmed_at=timezone.now(),
            description="Опекун программы #МЫВМЕСТЕ.ОПЕКА",
        )
        org.served_territories.set([guardian.territory])
        for category in guardian.capabilities.all():
            OrganizationService.objects.get_or_create(organization=org, category=category)
    guardian.organization = org
    guardian.status = Guardian.Status.APPROVED
    guardian.decided_at, guardian.decided_by, guardian.refusal_reason = timezone.now(), actor, ""
    guardian.save()
    return guardian


def refuse(*, guardian, actor, reason):
    if not (reason or "").strip():
        raise ValidationError({"refusal_reason": ["Укажите причину отказа."]})
    guardian.status = Guardian.Status.REFUSED
    guardian.decided_at, guardian.decided_by, guardian.refusal_reason = timezone.now(), actor, reason.strip()[:500]
    guardian.save()
    return guardian


def save_agreement(*, guardian, number, day, upload=None):
    if not number or not day:
        raise ValidationError({"agreement_number": ["Укажите номер и дату соглашения."]})
    if upload:
        uploads.check(upload, uploads.DOCUMENTS)
        guardian.agreement_file = upload
    guardian.agreement_number, guardian.agreement_date = number.strip()[:50], day
    guardian.save()
    return guardian


@transaction.atomic
def mark_household(*, household, needs, note=""):
    """«Требуется опека»: the family enters the programme with its needs; the 3-day clock starts."""
    if not needs:
        raise ValidationError({"needs": ["Отметьте потребности семьи."]})
    if household.needs_guardianship_since is None:
        household.needs_guardianship_since = timezone.now()
    household.needs_note = note
    household.save()
    household.guardianship_needs.set(needs)
    FamilyLink.objects.get_or_create(household=household, purpose=FamilyLink.Purpose.NEEDS, guardianship=None)
    return household


def guardian_candidates():
    rows = (
        Guardian.objects.filter(status=Guardian.Status.APPROVED)
        .select_related("territory")
        .prefetch_related("capabilities")
        .annotate(load=Count("guardianships", filter=Q(guardianships__status__in=OPEN), distinct=True))
    )
    return [
        Candidate(
            "guardian",
            g.pk,
            g.name,
            g.territory.lat,
            g.territory.lon,
            (g.territory.path,),
            frozenset(c.code for c in g.capabilities.all()),
            g.load,
            g.max_families,
            code_names=tuple((c.code, c.name) for c in g.capabilities.all()),
        )
        for g in rows
    ]


def need_of(household):
    t = household.territory
    return Need(t.path, t.lat, t.lon, frozenset(household.guardianship_needs.values_list("code", flat=True)))


def suggestions(household):
    """Guardians covering the family's needs in its territory with a free place (the routing engine)."""
    return suggest(need_of(household), guardian_candidates())


@transaction.atomic
def match(*, household, guardian, actor):
    Guardian.objects.select_for_update().filter(pk=guardian.pk).first()
    if household.guardianships.filter(status__in=OPEN).exists():
        raise ValidationError({"household": ["У семьи уже есть опекун."]})
    candidate = next((c for c in guardian_candidates() if c.id == guardian.pk), None)
    if candidate is None:
        raise ValidationError({"guardian": ["Опекун не в реестре: сначала проверка и одобрение."]})
    ok, _ = eligible(need_of(household), candidate)
    if not ok:
        raise ValidationError({"guardian": [NOT_COVERED]})
    return Guardianship.objects.create(household=household, guardian=guardian, matched_by=actor)


@transaction.atomic
def first_contact(*, guardianship, at, hq_present, agreement_number="", agreement_date=None, upload=None):
    """The first meeting with the headquarters present; help starts, follow-up calls are scheduled."""
    if not (hq_present or "").strip():
        raise ValidationError({"hq_present": ["Укажите, кто из штаба участвовал в первом контакте."]})
    if at > timezone.now():
        raise ValidationError({"at": ["Время первого контакта не может быть в будущем."]})
    if upload:
        uploads.check(upload, uploads.DOCUMENTS)
        guardianship.family_agreement_file = upload
    guardianship.first_contact_at = at
    guardianship.hq_present = hq_present.strip()[:200]
    guardianship.family_agreement_number = (agreement_number or "").strip()[:50]
    guardianship.family_agreement_date = agreement_date
    guardianship.status = Guardianship.Status.ACTIVE
    guardianship.save()
    for kind, days in (("14d", 14), ("30d", 30)):
        Call.objects.get_or_create(guardianship=guardianship, kind=kind, defaults={"due_at": at + timedelta(days=days)})
    FamilyLink.objects.create(
        household=guardianship.household, guardianship=guardianship, purpose=FamilyLink.Purpose.FEEDBACK
    )
    return guardianship


def add_help(*, guardianship, actor, what, category=None, happened_on=None, who=""):
    if not (what or "").strip():
        raise ValidationError({"what": ["Опишите, что сделано."]})
    return HelpEntry.objects.create(
        guardianship=guardianship,
        created_by=actor,
        what=what.strip()[:500],
        category=category,
        happened_on=happened_on or timezone.localdate(),
        who=who,
    )


@transaction.atomic
def add_story(*, guardianship, actor, title, text, files=(), publication_consent=False, consent_by=""):
    if files and not publication_consent:
        raise ValidationError({"publication_consent": ["Фото и видео публикуются только с согласия семьи."]})
    kinds = [uploads.check(f, uploads.PHOTO_VIDEO) for f in files]  # every file is checked before any is saved
    story = Story.objects.create(
        guardianship=guardianship,
        created_by=actor,
        title=title.strip()[:200],
        text=text.strip(),
        publication_consent=publication_consent,
        consent_by=consent_by,
    )
    for upload, kind in zip(files, kinds, strict=True):
        StoryMedia.objects.create(story=story, file=upload, kind=kind)
    return story


def update_needs(*, link, needs, note):
    """The family's contact updates its needs through its link (no account)."""
    household = link.household
    household.needs_note = note.strip()[:2000]
    household.save()
    household.guardianship_needs.set(needs)
    link.used_at = timezone.now()
    link.save(update_fields=["used_at"])
    return household


def submit_feedback(*, link, answers):
    """Each feedback link is answered once, and only for its own family."""
    with transaction.atomic():
        locked = FamilyLink.objects.select_for_update().get(pk=link.pk)
        if locked.used_at:
            raise ValidationError({"token": ["Эта анкета уже заполнена. Спасибо!"]})
        locked.answers = answers
        locked.used_at = timezone.now()
        locked.save()
    return locked


def record_call(*, call, actor, notes):
    call.done_at, call.done_by, call.notes = timezone.now(), actor, (notes or "").strip()[:1000]
    call.save()
    return call


@transaction.atomic
def terminate(*, guardianship, actor, reason, text=""):
    if reason not in Guardianship.Termination.values:
        raise ValidationError({"reason": ["Выберите причину прекращения."]})
    if reason == Guardianship.Termination.OTHER and not (text or "").strip():
        raise ValidationError({"text": ["Для причины «Другое» опишите, почему опека прекращена."]})
    guardianship.status = Guardianship.Status.TERMINATED
    guardianship.terminated_at = timezone.now()
    guardianship.termination_reason, guardianship.termination_text = reason, (text or "").strip()[:500]
    guardianship.save()
    guardianship.calls.filter(done_at__isnull=True).delete()
    if reason == Guardianship.Termination.ALL_MET:
        household = guardianship.household
        household.needs_guardianship_since = None
        household.save()
    return guardianship


def connection_overdue(household, now=None):
    """Marker set, nobody in first contact yet, and more than 3 days passed."""
    now = now or timezone.now()
    since = household.needs_guardianship_since
    if since is None:
        return False
    connected = household.guardianships.filter(first_contact_at__isnull=False, matched_at__gte=since).exists()
    return not connected and now > since + CONNECT_LIMIT
