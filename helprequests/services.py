"""Every change of a help request goes through here: one transaction, a status history row,
an audit entry (through the model tracking) and, where someone must act, a notification."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from accounts.models import Role
from core.routing import ORGANIZATION, VOLUNTEER, eligible, suggest
from directory.models import Organization
from helprequests import notify
from helprequests.helpers import helpers_for, load_helper, need_for
from helprequests.models import UNROUTED, Assignment, Channel, CloseReason, FollowUp, HelpRequest, Status, StatusChange
from volunteers.models import Volunteer

HELPER_TYPES = {ORGANIZATION, VOLUNTEER}
# A helper's note on an action (how, when, what was agreed); checked by the forms, cut here as a last resort.
NOTE_MAX = 2000
HELPER_NOTE_MAX = 1000


def _with_note(text, note):
    note = (note or "").strip()
    if len(note) > HELPER_NOTE_MAX:
        raise ValidationError({"note": f"Слишком длинно: не больше {HELPER_NOTE_MAX} знаков."})
    return f"{text}. {note}" if note else text


NOT_ELIGIBLE = "Этот помощник не оказывает все нужные услуги, не обслуживает территорию или загружен полностью."


def _move(help_request, status, actor, note="", **fields):
    if not help_request.can_move(status):
        raise ValidationError(
            {"status": f"Из статуса «{help_request.get_status_display()}» нельзя перейти в «{Status(status).label}»."}
        )
    now = timezone.now()
    help_request.status = status
    for key, value in fields.items():
        setattr(help_request, key, value)
    help_request.save()
    StatusChange.objects.create(request=help_request, status=status, by=actor, note=note[:NOTE_MAX], at=now)
    return help_request


@transaction.atomic
def request_create(*, beneficiary, channel, needs, actor=None, note="", **fields):
    from people.services import ensure_processable

    ensure_processable(beneficiary)
    help_request = HelpRequest.objects.create(
        beneficiary=beneficiary, territory=beneficiary.territory, channel=channel, created_by=actor, **fields
    )
    request_needs_set(help_request=help_request, needs=needs, actor=actor, created=True)
    StatusChange.objects.create(
        request=help_request, status=Status.NEW, by=actor, note=note, at=help_request.received_at
    )
    return help_request


@transaction.atomic
def request_needs_set(*, help_request, needs, actor, created=False):
    """What the person needs (catalog categories): set, and the change written to the audit log as one
    entry with the old and the new codes (model tracking does not see many-to-many changes).
    `created` — the request is new: it had no needs, nothing to read."""
    from audit import log as audit_log

    needs = list(needs)
    old = [] if created else sorted(n.code for n in help_request.needs.all())
    new = sorted(n.code for n in needs)
    help_request.needs.set(needs)
    if old != new:
        details = {"needs": {"old": old, "new": new}}
        audit_log.record(audit_log.Action.UPDATE, help_request, user=actor, details=details)
    return help_request


@transaction.atomic
def request_intake(
    *,
    beneficiary,
    new_person,
    channel,
    needs,
    actor,
    urgency,
    description,
    reporter_name="",
    reporter_phone="",
    received_at=None,
):
    """An operator's intake: a request for a person from the base, or for a new person (`new_person` — the
    PERSON_FIELDS the operator typed) written with their personal-data consent in the same transaction."""
    from people.services import beneficiary_create

    if beneficiary is None:
        # Told by a neighbour or someone else: «не подтверждено» until an operator checks with the person.
        beneficiary = beneficiary_create(
            **new_person,
            unconfirmed=channel == Channel.NEIGHBOUR or bool(reporter_name.strip()),
            place_from_territory=True,
            actor=actor,
        )
    extra = {"received_at": received_at} if received_at else {}
    return request_create(
        beneficiary=beneficiary,
        channel=channel,
        needs=needs,
        actor=actor,
        urgency=urgency,
        description=description,
        reporter_name=reporter_name,
        reporter_phone=reporter_phone,
        note="Принято оператором",
        **extra,
    )


def request_triage(*, help_request, actor, note=""):
    with transaction.atomic():
        return _move(help_request, Status.TRIAGE, actor, note)


def suggestions_for(help_request, limit=None):
    need = need_for(help_request)
    return suggest(need, helpers_for(need), limit)


def _eligible_helper(help_request, helper_type, helper_id):
    if helper_type not in HELPER_TYPES:
        raise ValidationError({"helper_type": "Допустимо: organization или volunteer."})
    # Two coordinators giving the helper's last free slot at once: the second waits here and then
    # counts the first one's assignment in the load.
    helper_model = Organization if helper_type == ORGANIZATION else Volunteer
    list(helper_model.objects.select_for_update().filter(pk=helper_id).values_list("pk", flat=True))
    found = load_helper(helper_type, helper_id)
    if found is None:
        raise ValidationError({"helper_id": "Помощник не найден, не проверен или не активен."})
    ok, _ = eligible(need_for(help_request), found)
    if not ok:
        raise ValidationError({"helper_id": NOT_ELIGIBLE})
    return found


def _withdraw_pending(help_request):
    help_request.assignments.filter(outcome=Assignment.Outcome.PENDING).update(
        outcome=Assignment.Outcome.WITHDRAWN, responded_at=timezone.now()
    )


@transaction.atomic
def request_assign(*, help_request, helper_type, helper_id, actor, how="dispatch"):
    help_request = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    helper = _eligible_helper(help_request, helper_type, helper_id)
    _withdraw_pending(help_request)
    org_id = helper.id if helper_type == ORGANIZATION else None
    volunteer_id = helper.id if helper_type == VOLUNTEER else None
    Assignment.objects.create(
        request=help_request, organization_id=org_id, volunteer_id=volunteer_id, assigned_by=actor, how=how
    )
    note = {"dispatch": "Направлена", "batch": "Направлена (пакетное распределение)", "claim": "Взята помощником"}[how]
    _move(
        help_request,
        Status.ASSIGNED,
        actor,
        f"{note}: {helper.name}",
        helper_organization_id=org_id,
        helper_volunteer_id=volunteer_id,
        assigned_at=timezone.now(),
        accepted_at=None,
    )
    transaction.on_commit(lambda: notify.assigned(HelpRequest.objects.get(pk=help_request.pk)))
    return help_request


def _answer(help_request, outcome, reason=""):
    help_request.assignments.filter(outcome=Assignment.Outcome.PENDING).update(
        outcome=outcome, responded_at=timezone.now(), decline_reason=reason[:500]
    )


@transaction.atomic
def request_accept(*, help_request, actor, note=""):
    text = _with_note("Помощник принял обращение", note)
    _answer(help_request, Assignment.Outcome.ACCEPTED)
    return _move(help_request, Status.ACCEPTED, actor, text, accepted_at=timezone.now())


@transaction.atomic
def request_decline(*, help_request, actor, reason):
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": "Укажите причину отказа — она поможет направить обращение другому."})
    if len(reason) > 500:
        raise ValidationError({"reason": "Слишком длинно: не больше 500 знаков."})
    _answer(help_request, Assignment.Outcome.DECLINED, reason)
    if help_request.status == Status.ACCEPTED:  # accepted earlier, then could not do it
        help_request.assignments.filter(outcome=Assignment.Outcome.ACCEPTED).update(
            outcome=Assignment.Outcome.DECLINED, decline_reason=reason[:500]
        )
    return _move(
        help_request,
        Status.DECLINED,
        actor,
        f"Отклонено: {reason}",
        helper_organization=None,
        helper_volunteer=None,
        assigned_at=None,
        accepted_at=None,
    )


@transaction.atomic
def request_connect(*, help_request, actor, note=""):
    now = timezone.now()
    if help_request.status == Status.ASSIGNED:  # the helper phoned straight away
        request_accept(help_request=help_request, actor=actor)
    _move(help_request, Status.CONNECTED, actor, _with_note("Связь с подопечным установлена", note), connected_at=now)
    for kind, days in zip(FollowUp.Kind.values, settings.FOLLOWUP_DAYS, strict=True):
        FollowUp.objects.get_or_create(request=help_request, kind=kind, defaults={"due_at": now + timedelta(days=days)})
    return help_request


@transaction.atomic
def request_start(*, help_request, actor, note=""):
    return _move(help_request, Status.IN_PROGRESS, actor, _with_note("Помощь оказывается", note))


@transaction.atomic
def request_close(*, help_request, actor, reason_code, text="", institution=""):
    text, institution = (text or "").strip(), (institution or "").strip()
    if reason_code not in CloseReason.values:
        raise ValidationError({"reason_code": "Выберите причину закрытия из списка."})
    if reason_code == CloseReason.OTHER and not text:
        raise ValidationError({"text": "Для причины «Другое» опишите, почему обращение закрыто."})
    if reason_code == CloseReason.HANDED_OVER and not (institution or text):
        raise ValidationError({"institution": "Укажите, в какое учреждение передано обращение."})
    help_request.followups.filter(done_at__isnull=True).delete()
    _withdraw_pending(help_request)
    label = CloseReason(reason_code).label
    return _move(
        help_request,
        Status.CLOSED,
        actor,
        f"Закрыто: {label}" + (f" ({institution or text})" if institution or text else ""),
        closed_at=timezone.now(),
        close_reason=reason_code,
        close_text=text[:500],
        close_institution=institution[:300],
    )


def claim_opens_at(help_request):
    start = help_request.assigned_at if help_request.status == Status.ASSIGNED else help_request.received_at
    return start + timedelta(hours=settings.CLAIM_AFTER_HOURS)


def is_claimable(help_request, now=None):
    now = now or timezone.now()
    return help_request.status in [*UNROUTED, Status.ASSIGNED] and now >= claim_opens_at(help_request)


@transaction.atomic
def request_claim(*, help_request, helper_type, helper_id, actor):
    """First claim wins: the row is locked and re-checked before the assignment."""
    locked = HelpRequest.objects.select_for_update().get(pk=help_request.pk)
    if not is_claimable(locked):
        raise ValidationError({"status": "Обращение уже взял другой помощник или оно ещё не открыто для всех."})
    request_assign(help_request=locked, helper_type=helper_type, helper_id=helper_id, actor=actor, how="claim")
    return request_accept(help_request=HelpRequest.objects.get(pk=locked.pk), actor=actor)


@transaction.atomic
def followup_record(*, followup, actor, help_came, satisfaction, comment=""):
    if satisfaction is not None and not 1 <= satisfaction <= 5:
        raise ValidationError({"satisfaction": "Оценка — от 1 до 5."})
    followup.done_at = timezone.now()
    followup.done_by = actor
    followup.help_came = help_came
    followup.satisfaction = satisfaction
    followup.comment = (comment or "")[:1000]
    followup.save()
    note = (
        f"Контрольный звонок ({followup.get_kind_display().lower()}): помощь {'пришла' if help_came else 'не пришла'}"
    )
    if satisfaction:
        note += f", оценка {satisfaction}"
    StatusChange.objects.create(request=followup.request, status=followup.request.status, by=actor, note=note)
    return followup


def request_from_public_form(*, kind, data):
    """A «Нужна помощь» or «Сообщить о пожилом человеке» form becomes a new request for operators."""
    from people.models import Consent
    from people.services import beneficiary_create

    now = timezone.now()
    locality = data["locality"]
    by_self = kind != "report" and data.get("for_whom") == "self"
    with transaction.atomic():
        person = beneficiary_create(
            full_name=data.get("full_name") or "Имя не указано",
            phone=data.get("phone", ""),
            territory=locality,
            address=data["address"],
            lat=locality.lat,
            lon=locality.lon,
            notes=f"Возраст со слов заявителя: {data['age']}" if data.get("age") else "",
            # A neighbour's report, or an application made for someone else: the operator confirms (#9).
            unconfirmed=not by_self,
            # The person's own consent only when they apply themselves; someone else cannot give it for them.
            consent=Consent.Purpose.PERSONAL_DATA if by_self else None,
            consent_given_at=now,
            actor=None,
        )
        fields = {"description": data["description"], "reporter_consent_at": now}
        if kind == "report":
            channel, note = "neighbour", "Сообщение соседа с сайта"
            fields.update(
                reporter_name=data["reporter_name"],
                reporter_phone=data["reporter_phone"],
                reporter_relation=data.get("reporter_relation") or "сосед",
            )
        else:
            channel, note = "website", "Заявка с сайта"
            if not by_self:
                fields.update(
                    reporter_name=data["applicant_name"],
                    reporter_phone=data["applicant_phone"],
                    reporter_relation="родственник или знакомый",
                )
        return request_create(beneficiary=person, channel=channel, needs=data.get("needs") or [], note=note, **fields)


# --- `manage.py periodic` and the retention purge ---


def overdue_escalate(*, now=None):
    """`manage.py periodic`: an overdue request goes to its territory's coordinators, once. Returns how many
    messages went."""
    now = now or timezone.now()
    sent = 0
    overdue = HelpRequest.objects.overdue(now).filter(escalated_at__isnull=True).select_related("territory")
    for help_request in overdue:
        sent += notify.escalated(help_request)
        HelpRequest.objects.filter(pk=help_request.pk).update(escalated_at=now)
    return sent


def followup_reminders_send(*, now=None):
    """`manage.py periodic`: operators and coordinators of the territory are reminded of follow-up calls that
    fall due, once. Returns how many messages went."""
    now = now or timezone.now()
    due = FollowUp.objects.filter(done_at__isnull=True, due_at__lte=now, reminded_at__isnull=True).select_related(
        "request__territory"
    )
    sent = 0
    for item in due:
        emails = notify.staff_emails(item.request.territory, (Role.OPERATOR, Role.COORDINATOR))
        sent += notify.send(
            f"контрольный звонок по обращению {item.request.number}",
            f"Пора позвонить подопечному ({item.get_kind_display().lower()} после установления связи): "
            f"{settings.SITE_URL}/requests/followups/{item.pk}/",
            emails,
        )
        FollowUp.objects.filter(pk=item.pk).update(reminded_at=now)
    return sent


def _personal_texts(model):
    from core import personal

    return [
        name
        for name in personal.fields_of(model)
        if model._meta.get_field(name).get_internal_type() in ("CharField", "TextField")
    ]


def _any_written(names):
    from django.db.models import Q

    query = Q()
    for name in names:
        query |= ~Q(**{name: ""})
    return query


def closed_request_text_purge(*, before):
    """Retention (#11): the free text of requests closed before `before` — description, reporter, closing
    comment (the declared personal text fields) and the notes of its history, refusals and follow-up calls —
    is erased; status, needs, dates and satisfaction stay for the statistics. Returns how many requests."""
    closed = HelpRequest.objects.filter(status="closed", closed_at__lt=before)
    for model, prefix in ((StatusChange, "request__"), (Assignment, "request__"), (FollowUp, "request__")):
        names = _personal_texts(model)
        rows = model.objects.filter(**{f"{prefix}in": closed}).filter(_any_written(names))
        rows.update(**dict.fromkeys(names, ""))
    names = _personal_texts(HelpRequest)
    return closed.filter(_any_written(names)).update(**dict.fromkeys(names, ""))


def unconfirmed_reports_purge(*, before):
    """Retention (#11): a person known only from a public form (a neighbour's report, an application made for
    someone else) whom no operator confirmed, with nothing open and nothing new since `before`, is anonymized
    (people.services.anonymize: every declared personal field, files, one audit entry). Returns how many."""
    from django.db.models import Exists, OuterRef, Q

    from people.models import Beneficiary
    from people.services import anonymize

    recent_or_open = HelpRequest.objects.filter(beneficiary=OuterRef("pk")).filter(
        ~Q(status="closed") | Q(closed_at__gte=before) | Q(received_at__gte=before)
    )
    due = Beneficiary.objects.filter(
        unconfirmed=True, anonymized_at__isnull=True, merged_into__isnull=True, created_at__lt=before
    ).exclude(Exists(recent_or_open))
    count = 0
    for person in due:
        anonymize(person, actor=None)
        count += 1
    return count
