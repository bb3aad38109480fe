"""Writes of the ties app: ties, the stored risk level (bulk recompute), next steps from the worklist."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit import log as audit_log
from people.models import SocialContact
from ties import facts as facts_module
from ties import scoring
from ties.models import CONTACT_RELATION, Kind, Level, Risk, Task, Tie

CHUNK = 2000


# --- the stored risk level ---


def risk_recompute(ids, now=None):
    """Recompute and store the level of these people (bulk: a fixed number of queries per 2000 people).

    Returns the number of rows written. Called when a fact changes (signals.py) and nightly (periodic.py).
    """
    ids = list(ids)
    now = now or timezone.now()
    written = 0
    for start in range(0, len(ids), CHUNK):
        written += _recompute_chunk(ids[start : start + CHUNK], now)
    return written


def _recompute_chunk(ids, now):
    gathered = facts_module.collect(ids, now)
    existing = {r.pk: r for r in Risk.objects.filter(pk__in=gathered)}
    new, changed = [], []
    config = settings.ISOLATION_RISK
    for pk, pf in gathered.items():
        result = scoring.score(pf.facts, config)
        risk = existing.get(pk)
        if risk is None:
            risk = Risk(beneficiary_id=pk, level_since=now)
            new.append(risk)
        else:
            changed.append(risk)
            if risk.score != result.score:
                risk.previous_score = risk.score
            if risk.level != result.level:
                risk.level_since = now
        risk.territory_id = pf.territory_id
        risk.rising = risk.previous_score is not None and result.score > risk.previous_score
        risk.level = result.level
        risk.score = result.score
        risk.factors = [list(f) for f in result.factors]
        risk.active_ties = pf.active_ties
        risk.last_contact_at = pf.last_contact_at
        risk.has_current_contact = pf.has_current_contact
        risk.computed_at = now
    Risk.objects.bulk_create(new, batch_size=500)
    Risk.objects.bulk_update(
        changed,
        [
            "territory",
            "level",
            "score",
            "previous_score",
            "factors",
            "active_ties",
            "last_contact_at",
            "has_current_contact",
            "rising",
            "level_since",
            "computed_at",
        ],
        batch_size=500,
    )
    return len(new) + len(changed)


def risk_preview(beneficiary_id, now=None):
    """The level as it would be stored now, without storing it (an unsaved Risk)."""
    now = now or timezone.now()
    pf = facts_module.collect([beneficiary_id], now)[beneficiary_id]
    result = scoring.score(pf.facts, settings.ISOLATION_RISK)
    return Risk(
        beneficiary_id=beneficiary_id,
        territory_id=pf.territory_id,
        level=result.level,
        score=result.score,
        factors=[list(f) for f in result.factors],
        active_ties=pf.active_ties,
        last_contact_at=pf.last_contact_at,
        has_current_contact=pf.has_current_contact,
        computed_at=now,
    )


def risk_recompute_all(now=None):
    """Every person not merged away: the nightly pass (days without contact grow by themselves)."""
    from people.models import Beneficiary

    ids = Beneficiary.objects.filter(merged_into__isnull=True).order_by("pk").values_list("pk", flat=True)
    return risk_recompute(ids.iterator(chunk_size=CHUNK), now)


def _pending():
    connection = transaction.get_connection()
    if not hasattr(connection, "ties_pending"):
        connection.ties_pending = set()
    return connection.ties_pending


def risk_recompute_later(beneficiary_id):
    """Recompute after the current transaction commits, once per person however many facts changed."""
    if beneficiary_id:
        _pending().add(beneficiary_id)
        transaction.on_commit(_flush)


def _flush():
    pending = _pending()
    ids = list(pending)
    pending.clear()
    if ids:
        risk_recompute(ids)


# --- ties typed in by staff ---


def _tie_errors(kind, name, contact_name, email):
    errors = {}
    if kind not in Kind.values:
        errors["kind"] = ["Выберите, кто это."]
    elif kind == Kind.COMMUNITY and not (name or "").strip():
        errors["name"] = ["Укажите название сообщества, клуба или ТОС."]
    elif kind != Kind.COMMUNITY and not (contact_name or "").strip():
        errors["contact_name"] = ["Укажите имя."]
    if email and "@" not in email:
        errors["email"] = ["Эл. почта указана неверно."]
    return errors


@transaction.atomic
def tie_save(*, beneficiary, actor, tie=None, kind, contact_name="", phone="", note="", name="", **fields):
    """Create or change a tie; a person-tie keeps its name and phone in people.SocialContact."""
    errors = _tie_errors(kind, name, contact_name, fields.get("email", ""))
    if errors:
        raise ValidationError(errors)
    if beneficiary.anonymized_at:
        raise ValidationError({"__all__": ["Данные человека обезличены: связи не записываются."]})
    tie = tie or Tie(beneficiary=beneficiary)
    if kind == Kind.COMMUNITY:
        tie.name = name.strip()
        if tie.contact_id:
            contact, tie.contact = tie.contact, None
            tie.save()
            contact.delete()
    else:
        tie.name = ""
        contact = tie.contact if tie.contact_id else SocialContact(beneficiary=beneficiary)
        contact.relation = CONTACT_RELATION[kind]
        contact.name = contact_name.strip()
        contact.phone = phone
        contact.note = (note or "").strip()[:300]
        contact.save()
        if tie.pk is None:  # a new contact already got its tie (signals._contact_saved)
            tie = Tie.objects.filter(contact=contact).first() or tie
        tie.contact = contact
    tie.kind = kind
    for key, value in fields.items():
        setattr(tie, key, value)
    if tie.ended_on is None:
        tie.ended_reason = ""
    tie.save()
    risk_recompute_later(beneficiary.pk)
    return tie


@transaction.atomic
def tie_contacted(*, tie, actor, on=None):
    """«Связались сегодня»: the last contact of this tie (and so of the person) is today."""
    tie.last_contact_on = on or timezone.localdate()
    tie.save(update_fields=["last_contact_on"])
    risk_recompute_later(tie.beneficiary_id)
    return tie


# --- next steps from the worklist «Под риском одиночества» (each one click, each logged) ---


def _logged(actor, beneficiary, what):
    audit_log.record(audit_log.Action.UPDATE, beneficiary, user=actor, details={"isolation_step": what})


@transaction.atomic
def step_enrol(*, beneficiary, volunteer, actor, consent_given=False):
    """Enrol in «Алло, волонтёр!» with the suggested volunteer, on the volunteer's days, 10:00–12:00, through
    phone.services.enrol: the person's open identification («выявлен(а)») turns into this enrolment, or the
    worklist records one (source «Список „Под риском одиночества“»), so the KPI counts it."""
    from datetime import time

    from phone import services as phone_services
    from phone.models import Identification

    weekdays = sorted(volunteer.weekdays or []) or [1, 3, 5]
    enrolment = phone_services.enrol(
        beneficiary=beneficiary,
        volunteer=volunteer,
        weekdays=weekdays,
        window_start=volunteer.hours_from or time(10),
        window_end=volunteer.hours_to or time(12),
        actor=actor,
        consent_given=consent_given,
        # The same door as the identified list: an open identification turns, or one is recorded from here.
        source=Identification.Source.WORKLIST,
    )
    _logged(actor, beneficiary, f"включение в «Алло, волонтёр!» №{enrolment.pk}")
    risk_recompute_later(beneficiary.pk)
    return enrolment


@transaction.atomic
def step_invite(*, beneficiary, event, actor):
    """Register the person for an upcoming event (the centre's own registration, capacity checked)."""
    from centres import services as centre_services

    centre_services.event_register(event=event, actor=actor, beneficiaries=[beneficiary])
    task = Task.objects.create(
        beneficiary=beneficiary,
        text=f"Напомнить о мероприятии «{event.title}» {timezone.localtime(event.starts_at):%d.%m.%Y %H:%M}",
        created_by=actor,
    )
    _logged(actor, beneficiary, f"запись на мероприятие №{event.pk}")
    return task


@transaction.atomic
def step_visit_request(*, beneficiary, actor, volunteer=None):
    """A help request «Досуг и общение» for a visit, sent to the neighbour volunteer when one is suggested."""
    from catalog.models import ServiceCategory
    from helprequests import services as request_services

    need = ServiceCategory.objects.filter(code="leisure").first() or ServiceCategory.objects.get(
        code="phone_companionship"
    )
    request = request_services.request_create(
        beneficiary=beneficiary,
        channel="social_worker",
        needs=[need],
        actor=actor,
        description="Риск одиночества: навестить, поговорить, рассказать о занятиях рядом.",
        note="Из списка «Под риском одиночества»",
    )
    if volunteer is not None:
        try:
            with transaction.atomic():
                request_services.request_assign(
                    help_request=request, helper_type="volunteer", helper_id=volunteer.pk, actor=actor
                )
        except ValidationError:
            pass  # not eligible (skills, load): the request waits in the routing queue
    request.refresh_from_db()
    _logged(actor, beneficiary, f"обращение {request.number}")
    return request


@transaction.atomic
def task_create(*, beneficiary, text, actor):
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": ["Опишите, что сделать."]})
    task = Task.objects.create(beneficiary=beneficiary, text=text[:300], created_by=actor)
    _logged(actor, beneficiary, "задача")
    return task


@transaction.atomic
def task_done(*, task, actor):
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
    return task


# --- people merged or consent withdrawn ---


def move_ties(sender, keep, drop, actor=None, **kwargs):
    """Merging two records of one person: the ties and tasks go where the contacts went (people.services).
    `.update()` bypasses the tracking, so the move writes ties' own entry of what moved."""
    moved = {
        "ties": Tie.objects.filter(beneficiary=drop).update(beneficiary=keep),
        "tasks": Task.objects.filter(beneficiary=drop).update(beneficiary=keep),
    }
    risk_recompute_later(keep.pk)
    risk_recompute_later(drop.pk)
    return audit_log.merge_moved(keep, drop, actor=actor, app="ties", what="перенесены социальные связи", moved=moved)


def erase_ties(sender, beneficiary, **kwargs):
    """After the person's ties were erased (names, e-mails, messages: core.personal), nobody is
    messaged about them any more."""
    Tie.objects.filter(beneficiary=beneficiary).update(agrees_to_messages=False)


LEVEL_LABELS = dict(Level.choices)
