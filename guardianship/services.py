from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from accounts.models import Role
from audit import log as audit_log
from core.routing import Helper, Need, eligible, suggest
from directory.models import Organization, OrganizationService
from guardianship import uploads
from guardianship.models import (
    Call,
    Escalation,
    FamilyApplication,
    FamilyLink,
    Guardian,
    GuardianKind,
    Guardianship,
    HelpEntry,
    Story,
    StoryMedia,
    connect_limit,
)
from helprequests import notify
from people.models import Household

ORG_KIND = {
    GuardianKind.EDUCATION: "education",
    GuardianKind.NGO: "ngo",
    GuardianKind.STATE: "state",
    GuardianKind.BUSINESS: "business",
    GuardianKind.PARTNERSHIP: "business",
    GuardianKind.ENTREPRENEUR: "entrepreneur",
    GuardianKind.VOLUNTEER_GROUP: "initiative",
    GuardianKind.WORK_TEAM: "initiative",
    GuardianKind.FOUNDATION: "ngo",
}
OPEN = [Guardianship.Status.MATCHED, Guardianship.Status.ACTIVE]
NOT_COVERED = "Опекун не покрывает все потребности семьи, работает на другой территории" + (
    " или уже взял столько семей, сколько может."
)
NO_AGREEMENT = (
    "Опекун ещё не заключил соглашение об участии в программе с региональным штабом #МЫВМЕСТЕ: "
    "семью можно передать под опеку только после соглашения."
)
NOT_SERVICEMAN = (
    "«Требуется опека» ставится семьям военнослужащих. Отметьте, что это семья военнослужащего, "
    "или укажите причину исключения (решение координатора; такая семья не попадает в отчёт федеральному штабу)."
)
STEPS = {"interview": "собеседование", "instruction": "инструктаж", "training": "обучение"}


@transaction.atomic
def guardian_create(
    *,
    actor,
    name,
    kind,
    territory,
    contact_name,
    phone,
    capabilities,
    email="",
    max_families=1,
    about="",
    source="staff",
):
    """A guardian's application: entered by the headquarters (the consent taken on paper, now) or sent through
    the public form (`source="public"`, no actor; the consent ticked in the form).

    The record's creation is logged by the audit's tracking; what the guardian helps with (a many-to-many
    list the tracking does not see) is written to the log here.
    """
    guardian = Guardian.objects.create(
        name=name,
        kind=kind,
        territory=territory,
        contact_name=contact_name,
        phone=phone,
        email=email,
        max_families=max_families,
        about=about,
        source=source,
        consent_at=timezone.now(),
    )
    guardian.capabilities.set(capabilities)
    audit_log.record(
        audit_log.Action.UPDATE,
        guardian,
        user=actor,
        details={"changes": {"capabilities": ["", ", ".join(c.name for c in capabilities)]}},
    )
    return guardian


@transaction.atomic
def record_step(*, guardian, step, day, by, actor):
    """A verification step (interview, instruction, training) marked done: the entry names who marked it."""
    if step not in STEPS:
        raise ValidationError({"step": ["Неизвестный шаг проверки."]})
    if not day:
        raise ValidationError({"day": [f"Укажите дату: {STEPS[step]}."]})
    setattr(guardian, f"{step}_at", day)
    setattr(guardian, f"{step}_by", (by or "").strip()[:200])
    if guardian.status == Guardian.Status.APPLIED:
        guardian.status = Guardian.Status.VERIFYING
    guardian.save()
    audit_log.record(
        audit_log.Action.UPDATE,
        guardian,
        user=actor,
        details={
            "note": f"Отмечен шаг проверки: {STEPS[step]}",
            "step": step,
            "day": str(getattr(guardian, f"{step}_at")),
            "by": getattr(guardian, f"{step}_by"),
        },
    )
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


@transaction.atomic
def refuse(*, guardian, actor, reason):
    if not (reason or "").strip():
        raise ValidationError({"refusal_reason": ["Укажите причину отказа."]})
    guardian.status = Guardian.Status.REFUSED
    guardian.decided_at, guardian.decided_by, guardian.refusal_reason = timezone.now(), actor, reason.strip()[:500]
    guardian.save()
    return guardian


@transaction.atomic
def save_agreement(*, guardian, number, day, actor, upload=None):
    """The guardian's agreement with the regional headquarters: the entry names who saved which agreement."""
    if guardian.status != Guardian.Status.APPROVED:
        raise ValidationError({"agreement_number": ["Соглашение заключается только с одобренным опекуном."]})
    if not number or not day:
        raise ValidationError({"agreement_number": ["Укажите номер и дату соглашения."]})
    if upload:
        uploads.check(upload, uploads.DOCUMENTS)
        guardian.agreement_file = upload
    guardian.agreement_number, guardian.agreement_date = number.strip()[:50], day
    guardian.save()
    audit_log.record(
        audit_log.Action.UPDATE,
        guardian,
        user=actor,
        details={
            "note": f"Сохранено соглашение №{guardian.agreement_number} от {guardian.agreement_date}",
            "agreement_number": guardian.agreement_number,
            "agreement_date": str(guardian.agreement_date),
            "file": bool(upload),
        },
    )
    return guardian


@transaction.atomic
def application_create(
    *, household, source, actor, source_note="", request_text="", contact_email="", received_at=None
):
    """A family's application arrives (ОНФ.Помощь hotline, the regional headquarters, other) and waits for selection."""
    if source not in FamilyApplication.Source.values:
        raise ValidationError({"source": ["Укажите, откуда пришла заявка семьи."]})
    if source == FamilyApplication.Source.OTHER and not (source_note or "").strip():
        raise ValidationError({"source_note": ["Для источника «Другое» уточните, откуда заявка."]})
    if received_at and received_at > timezone.now():
        raise ValidationError({"received_at": ["Дата заявки не может быть в будущем."]})
    if household.guardianship_applications.filter(status=FamilyApplication.Status.NEW).exists():
        raise ValidationError({"household": ["У семьи уже есть заявка, ждущая отбора."]})
    return FamilyApplication.objects.create(
        household=household,
        source=source,
        source_note=(source_note or "").strip()[:200],
        request_text=(request_text or "").strip()[:5000],
        contact_email=(contact_email or "").strip(),
        received_at=received_at or timezone.now(),
        created_by=actor,
    )


@transaction.atomic
def application_decline(*, application, actor, reason):
    if application.status != FamilyApplication.Status.NEW:
        raise ValidationError({"status": ["Решение по этой заявке уже принято."]})
    if not (reason or "").strip():
        raise ValidationError({"reason": ["Укажите, почему семья не отобрана."]})
    application.status = FamilyApplication.Status.DECLINED
    application.decided_at, application.decided_by = timezone.now(), actor
    application.decision_note = reason.strip()[:500]
    application.save()
    return application


def open_application(household):
    return household.guardianship_applications.filter(status=FamilyApplication.Status.NEW).first()


@transaction.atomic
def mark_household(
    *,
    household,
    needs,
    note="",
    override_reason="",
    serviceman=None,
    actor=None,
    contact_name=None,
    contact_phone=None,
):
    """Selection, then «Требуется опека»: the family enters the programme with its needs; the 3-day clock starts.

    Only a serviceman's family is marked, unless a coordinator states a reason (the override is audited and
    the family is left out of the federal report). A family not yet marked needs an application waiting for
    selection; a marked family only updates its needs.
    """
    override_reason = (override_reason or "").strip()[:500]
    if contact_name is not None:
        household.contact_name = contact_name
    if contact_phone is not None:
        household.contact_phone = contact_phone
    if serviceman is not None:
        household.is_serviceman_family = bool(serviceman)
    if not needs:
        raise ValidationError({"needs": ["Отметьте потребности семьи."]})
    application = None
    if household.needs_guardianship_since is None:
        if not household.is_serviceman_family and not override_reason:
            raise ValidationError({"override_reason": [NOT_SERVICEMAN]})
        application = open_application(household)
        if application is None:
            raise ValidationError(
                {
                    "application": [
                        "Сначала зарегистрируйте заявку семьи (откуда она пришла) — маркер ставится по итогам отбора."
                    ]
                }
            )
        household.needs_guardianship_since = timezone.now()
        application.status = FamilyApplication.Status.SELECTED
        application.decided_at, application.decided_by = timezone.now(), actor
        application.override_reason = "" if household.is_serviceman_family else override_reason
        application.save()
        if application.override_reason:
            audit_log.record(
                audit_log.Action.UPDATE,
                household,
                user=actor,
                # the reason is in the application (a personal field): the log says only that there was one
                details={"«Требуется опека» не семье военнослужащего": f"причина в заявке №{application.pk}"},
            )
    before = _need_names(household)
    household.needs_note = note
    household.save()
    household.guardianship_needs.set(needs)
    _log_needs(household, before, needs, actor=actor)
    FamilyLink.objects.get_or_create(household=household, purpose=FamilyLink.Purpose.NEEDS, guardianship=None)
    return household


def _need_names(household):
    return sorted(c.name for c in household.guardianship_needs.all()) if household.pk else []


def _log_needs(household, before, needs, *, actor, note=None):
    """The family's needs are a many-to-many list the audit's tracking does not see: a change is logged here."""
    after = sorted(c.name for c in needs)
    if before == after:
        return None
    details = {"changes": {"guardianship_needs": [", ".join(before), ", ".join(after)]}}
    if note:
        details["note"] = note
    return audit_log.record(audit_log.Action.UPDATE, household, user=actor, details=details)


def is_override(household):
    """Marked by a coordinator's exception (not a serviceman's family): left out of the federal report."""
    return (
        household.guardianship_applications.filter(
            status=FamilyApplication.Status.SELECTED, decided_at__gte=household.needs_guardianship_since
        )
        .exclude(override_reason="")
        .exists()
    )


def guardian_candidates():
    """Approved guardians with a signed agreement with the regional headquarters (the seed's order)."""
    rows = (
        Guardian.objects.filter(status=Guardian.Status.APPROVED, agreement_date__isnull=False)
        .exclude(agreement_number="")
        .select_related("territory")
        .prefetch_related("capabilities")
        .annotate(load=Count("guardianships", filter=Q(guardianships__status__in=OPEN), distinct=True))
    )
    return [
        Helper(
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
    if household.needs_guardianship_since is None:
        raise ValidationError({"household": ["Семье не поставлен маркер «Требуется опека»."]})
    if household.guardianships.filter(status__in=OPEN).exists():
        raise ValidationError({"household": ["У семьи уже есть опекун."]})
    guardian.refresh_from_db()
    if guardian.status != Guardian.Status.APPROVED:
        raise ValidationError({"guardian": ["Опекун не в реестре: сначала проверка и одобрение."]})
    if not guardian.has_agreement:
        raise ValidationError({"guardian": [NO_AGREEMENT]})
    candidate = next((c for c in guardian_candidates() if c.id == guardian.pk), None)
    if candidate is None:
        raise ValidationError({"guardian": ["Опекун не в реестре: сначала проверка и одобрение."]})
    ok, _ = eligible(need_of(household), candidate)
    if not ok:
        raise ValidationError({"guardian": [NOT_COVERED]})
    return Guardianship.objects.create(household=household, guardian=guardian, matched_by=actor)


@transaction.atomic
def first_contact(*, guardianship, at, hq_present, actor, agreement_number="", agreement_date=None, upload=None):
    """The first meeting with the headquarters present; help starts, follow-up calls are scheduled (the call
    rows are not tracked: the schedule's entry is written here)."""
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
    # The same call days as the help requests' follow-ups (settings.FOLLOWUP_DAYS: 2 weeks and 1 month).
    created = []
    for kind, days in zip(("14d", "30d"), settings.FOLLOWUP_DAYS, strict=True):
        call, new = Call.objects.get_or_create(
            guardianship=guardianship, kind=kind, defaults={"due_at": at + timedelta(days=days)}
        )
        if new:
            created.append(call)
    if created:
        audit_log.record(
            audit_log.Action.UPDATE,
            guardianship,
            user=actor,
            details={
                "note": f"Назначены звонки семье: {len(created)}",
                "calls": [{"kind": c.kind, "due_at": c.due_at.isoformat()} for c in created],
            },
        )
    return guardianship


def feedback_link(guardianship):
    """«По итогам взаимодействия»: one feedback link per guardianship, created at the 1-month call or at the end."""
    link, created = FamilyLink.objects.get_or_create(
        household=guardianship.household, guardianship=guardianship, purpose=FamilyLink.Purpose.FEEDBACK
    )
    if created:
        _send_feedback_link(link)
    return link


def _send_feedback_link(link):
    """E-mailed to the family's contact when the application left an address; otherwise the page offers SMS."""
    email = (
        link.household.guardianship_applications.exclude(contact_email="")
        .values_list("contact_email", flat=True)
        .first()
    )
    if not email:
        return False
    url = settings.SITE_URL + reverse("guardianship_public:feedback", args=[link.token])
    notify.send(
        "анкета обратной связи #МЫВМЕСТЕ.ОПЕКА",
        f"Здравствуйте! Расскажите, как вам помогает опекун — это займёт пару минут: {url}",
        [email],
    )
    FamilyLink.objects.filter(pk=link.pk).update(sent_at=timezone.now(), sent_how=f"эл. почта {email}")
    return True


@transaction.atomic
def feedback_link_sent(*, link, actor, how):
    """Staff sent the link by SMS or a messenger themselves (the links are not tracked: the entry is written here)."""
    link.sent_at, link.sent_how = timezone.now(), (how or "SMS").strip()[:100]
    link.save(update_fields=["sent_at", "sent_how"])
    audit_log.record(
        audit_log.Action.UPDATE,
        link.guardianship or link.household,
        user=actor,
        details={"note": f"Ссылка на анкету обратной связи отправлена: {link.sent_how}"},
    )
    return link


@transaction.atomic
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
    if publication_consent:
        from guardianship.withdrawal import ensure_publishable

        ensure_publishable(guardianship.household)
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
    if files:  # the media rows are not tracked: the story's entry says how many were attached
        audit_log.record(
            audit_log.Action.UPDATE, story, user=actor, details={"note": f"Приложено фото и видео: {len(files)}"}
        )
    return story


@transaction.atomic
def update_needs(*, link, needs, note):
    """The family's contact updates its needs through its link (no account). The note is logged by the
    household's tracking; the list of needs (many-to-many, not tracked) is logged here when it changes."""
    household = link.household
    before = _need_names(household)
    household.needs_note = note.strip()[:2000]
    household.save()
    household.guardianship_needs.set(needs)
    _log_needs(household, before, needs, actor=None, note="Изменено семьёй по ссылке")
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


@transaction.atomic
def record_call(*, call, actor, notes):
    if call.done_at:
        raise ValidationError({"call": ["Этот звонок уже отмечен."]})
    call.done_at, call.done_by, call.notes = timezone.now(), actor, (notes or "").strip()[:1000]
    call.save()
    audit_log.record(  # calls are not tracked by the audit's signals
        audit_log.Action.UPDATE,
        call.guardianship,
        user=actor,
        details={"note": f"Звонок семье ({call.get_kind_display()}) сделан", "call": call.pk},
    )
    if call.kind == "30d":
        feedback_link(call.guardianship)
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
    feedback_link(guardianship)
    if reason == Guardianship.Termination.ALL_MET:
        household = guardianship.household
        household.needs_guardianship_since = None
        household.save()
    return guardianship


def connection_overdue(household, now=None):
    """Marker set, nobody in first contact yet, and the connection limit (settings, 3 days) passed."""
    now = now or timezone.now()
    since = household.needs_guardianship_since
    if since is None:
        return False
    connected = household.guardianships.filter(first_contact_at__isnull=False, matched_at__gte=since).exists()
    return not connected and now > since + connect_limit()


@transaction.atomic
def stories_mark_sent(*, stories, actor):
    """«Передано в федеральный штаб»: only stories with the family's consent, each once."""
    now = timezone.now()
    count = 0
    from guardianship.withdrawal import publication_withdrawn

    for story in stories.filter(publication_consent=True, sent_to_federal_at__isnull=True):
        if publication_withdrawn(story.guardianship.household):
            continue
        story.sent_to_federal_at, story.sent_to_federal_by = now, actor
        story.save(update_fields=["sent_to_federal_at", "sent_to_federal_by"])
        count += 1
    return count


# --- `manage.py periodic` ---


def _contacted_since_marker(household):
    return household.guardianships.filter(
        first_contact_at__isnull=False, matched_at__gte=household.needs_guardianship_since
    ).exists()


def escalations_send(*, now=None):
    """`manage.py periodic`: the 3-day limit (settings.CONNECT_LIMIT_HOURS, as for help requests) passed without
    a first contact: the territory's coordinators get one e-mail per marker. Returns how many went."""
    now = now or timezone.now()
    sent = 0
    for household in Household.objects.filter(needs_guardianship_since__lt=now - connect_limit()).select_related(
        "territory"
    ):
        if _contacted_since_marker(household):
            continue
        try:
            with transaction.atomic():
                Escalation.objects.create(
                    household=household, marked_at=household.needs_guardianship_since, sent_at=now
                )
        except IntegrityError:
            continue  # already e-mailed for this marker
        matched = household.guardianships.filter(status=Guardianship.Status.MATCHED).select_related("guardian").first()
        state = f"опекун подобран ({matched.guardian}), первого контакта нет" if matched else "опекун не подобран"
        sent += notify.send(
            f"опека: семья ждёт дольше {settings.CONNECT_LIMIT_HOURS} ч",
            f"Семья №{household.pk} ({household.territory}) с маркером «Требуется опека» с "
            f"{timezone.localtime(household.needs_guardianship_since):%d.%m.%Y %H:%M}: {state}.\n"
            f"{settings.SITE_URL}{reverse('guardianship:match', args=[household.pk])}",
            notify.staff_emails(household.territory),
        )
    return sent


def call_reminders_send(*, now=None):
    """`manage.py periodic`: calls to the family at 2 weeks and 1 month (settings.FOLLOWUP_DAYS) that fall due
    are reminded once. Returns how many reminders went."""
    now = now or timezone.now()
    due = Call.objects.filter(done_at__isnull=True, due_at__lte=now, reminded_at__isnull=True).select_related(
        "guardianship__household__territory"
    )
    sent = 0
    for call in due:
        household = call.guardianship.household
        sent += notify.send(
            f"опека: звонок семье ({call.get_kind_display().lower()})",
            f"Пора позвонить семье №{household.pk} ({household.territory}) — "
            f"{call.get_kind_display().lower()} после начала помощи.\n"
            f"{settings.SITE_URL}{reverse('guardianship:detail', args=[call.guardianship_id])}",
            notify.staff_emails(household.territory, (Role.COORDINATOR,)),
        )
        Call.objects.filter(pk=call.pk).update(reminded_at=now)
    return sent
