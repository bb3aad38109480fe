from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from audit import log as audit_log
from helprequests import notify
from helprequests.services import request_create
from people.models import Consent
from people.services import consent_give
from phone import queries, schedule
from phone.models import Alert, Call, Enrolment, Identification, VolunteerChange


def has_phone_consent(beneficiary):
    return beneficiary.consents.filter(purpose=Consent.Purpose.PHONE_SERVICE, withdrawn_at__isnull=True).exists()


def _check_schedule(weekdays, window_start, window_end):
    errors = {}
    if not weekdays or any(d not in range(1, 8) for d in weekdays):
        errors["weekdays"] = ["Выберите дни звонков (1 — пн … 7 — вс)."]
    if window_start and window_end and window_start >= window_end:
        errors["window_end"] = ["Окно звонка должно заканчиваться позже, чем начинается."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def enrol(
    *,
    beneficiary,
    volunteer,
    weekdays,
    window_start,
    window_end,
    actor,
    consent_given=False,
    identification=None,
    source=Identification.Source.ENROLMENT,
    **extra,
):
    """Enrol a person who consented to this purpose; the consent can be recorded right here.

    The one door to enrolment (the enrol form, the identified list, the worklist, the API): the person's open
    identification becomes «обратился к волонтёрам»; without one, the enrolment records the identification
    itself (by the actor, today, `source`), so the KPI «обратились / выявлено» counts every participant."""
    from people.services import ensure_processable

    ensure_processable(beneficiary)
    _check_schedule(weekdays, window_start, window_end)
    if Enrolment.objects.active().filter(beneficiary=beneficiary).exists():
        raise ValidationError({"beneficiary_id": ["Этот человек уже участвует в службе."]})
    if not has_phone_consent(beneficiary):
        if not consent_given:
            raise ValidationError({"consent": ["Нужно согласие человека на участие в службе «Алло, волонтёр!»."]})
        consent_give(beneficiary=beneficiary, purpose=Consent.Purpose.PHONE_SERVICE, actor=actor)
    enrolment = Enrolment.objects.create(
        beneficiary=beneficiary,
        volunteer=volunteer,
        weekdays=sorted(set(weekdays)),
        window_start=window_start,
        window_end=window_end,
        created_by=actor,
        **extra,
    )
    VolunteerChange.objects.create(enrolment=enrolment, volunteer=volunteer, by=actor, reason="Включение в службу")
    _turn_identification(beneficiary, enrolment, actor, identification, source)
    return enrolment


def _turn_identification(beneficiary, enrolment, actor, identification, source):
    if identification is None:
        identification = (
            Identification.objects.select_for_update()
            .filter(beneficiary=beneficiary, status=Identification.Status.IDENTIFIED)
            .order_by("-identified_on", "-id")
            .first()
        )
    if identification is None:
        who, where = identification_defaults(actor)
        identification = Identification(
            beneficiary=beneficiary,
            identified_by=who or "не указано",
            institution=where or "не указано",
            source=source,
            created_by=actor,
        )
    identification.status = Identification.Status.ENROLLED
    identification.enrolment = enrolment
    identification.decided_at = timezone.now()
    identification.save()
    audit_log.record(
        audit_log.Action.UPDATE,
        beneficiary,
        user=actor,
        details={"phone_identification": f"обратился к волонтёрам: участник службы №{enrolment.pk}"},
    )


@transaction.atomic
def reassign(*, enrolment, volunteer, actor, reason=""):
    """A new volunteer takes over; calls and the volunteer history stay."""
    if volunteer == enrolment.volunteer:
        return enrolment
    enrolment.volunteer = volunteer
    enrolment.save()
    VolunteerChange.objects.create(
        enrolment=enrolment, volunteer=volunteer, by=actor, reason=reason or "Замена волонтёра"
    )
    return enrolment


def _check_call(data):
    errors = {}
    for field in ("wellbeing", "mood", "satisfaction"):
        value = data.get(field)
        if value is not None and not 1 <= value <= 5:
            errors[field] = ["Оценка — от 1 до 5."]
    if data.get("called_at") and data["called_at"] > timezone.now():
        errors["called_at"] = ["Время звонка не может быть в будущем."]
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def log_call(*, enrolment, actor, problems=(), create_request=False, **data):
    from phone.withdrawal import ensure_callable

    ensure_callable(enrolment)
    _check_call(data)
    if not data.get("reached"):
        for field in ("wellbeing", "mood", "satisfaction"):
            data[field] = None
    data.setdefault("volunteer", enrolment.volunteer)
    call = Call.objects.create(enrolment=enrolment, **data)
    call.problems.set(problems)
    if create_request and problems:
        request_from_call(call=call, actor=actor)
    check_alert(enrolment)
    return call


@transaction.atomic
def request_from_call(*, call, actor):
    """A problem heard on a call becomes a help request in the routing queue, linked to the call."""
    if call.help_request_id:
        return call.help_request
    problems = list(call.problems.all())
    if not problems:
        raise ValidationError({"problems": ["Отметьте проблемы, с которыми нужна помощь."]})
    volunteer = call.volunteer
    request = request_create(
        beneficiary=call.enrolment.beneficiary,
        channel="phone_volunteer",
        needs=problems,
        actor=actor,
        # The problem and the volunteer's words about the need; never the wellbeing notes (health data).
        description=f"Выявлено при звонке «Алло, волонтёр!» {timezone.localtime(call.called_at):%d.%m.%Y}: "
        + ", ".join(p.name for p in problems)
        + (f". {call.need_note}" if call.need_note else ""),
        reporter_name=volunteer.full_name if volunteer else "",
        reporter_relation="телефонный волонтёр",
        note="Из звонка «Алло, волонтёр!»",
    )
    call.help_request = request
    call.save(update_fields=["help_request"])
    return request


def check_alert(enrolment, today=None):
    """Raise an urgent alert after 3 consecutive scheduled calls without reaching the person."""
    today = today or timezone.localdate()
    if enrolment.alerts.filter(resolved_at__isnull=True).exists():
        return None
    streak = schedule.unreached_streak(queries.day_outcomes(enrolment, today))
    if streak < schedule.ALERT_AFTER:
        return None
    alert = Alert.objects.create(enrolment=enrolment)
    person = enrolment.beneficiary
    transaction.on_commit(
        lambda: notify.send(
            f"не дозвониться до подопечного {person.pk}",
            f"Волонтёр не дозвонился {streak} раза подряд. Проверьте: визит или звонок близким. "
            f"{settings.SITE_URL}/phone/enrolments/{enrolment.pk}/",
            notify.staff_emails(person.territory),
        )
    )
    return alert


def resolve_alert(*, alert, actor, resolution):
    if not (resolution or "").strip():
        raise ValidationError({"resolution": ["Опишите, что сделано: визит, звонок близким и т. п."]})
    alert.resolved_at = timezone.now()
    alert.resolved_by = actor
    alert.resolution = resolution.strip()[:500]
    alert.save()
    return alert


def thank(*, call, actor, text):
    if not call.reached:
        raise ValidationError({"call": "Поблагодарить можно за состоявшийся разговор."})
    call.thanks = (text or "Спасибо!").strip()[:300]
    call.thanked_by = actor
    call.save(update_fields=["thanks", "thanked_by"])
    return call


@transaction.atomic
def end(*, enrolment, actor, reason):
    enrolment.ended_at = timezone.now()
    enrolment.end_reason = (reason or "").strip()[:300]
    enrolment.save()
    return enrolment


# --- «выявлен(а), нуждается в телефонной помощи»: the stage before enrolment ---


def identification_defaults(user):
    """Who identified and the institution, as the form and the API suggest them: the user and their organization
    (or the resource centre of their territory)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return "", ""
    who = user.get_full_name() or user.username
    if user.organization_id:
        where = user.organization.name
    elif user.territory_id:
        where = f"Ресурсный центр: {user.territory.name}"
    else:
        where = ""
    return who, where


def _identification_errors(*, beneficiary, identified_by, institution, identified_on, refused, refusal_reason):
    errors = {}
    if not (identified_by or "").strip():
        errors["identified_by"] = ["Укажите, кто выявил: специалист, его должность."]
    if not (institution or "").strip():
        errors["institution"] = ["Укажите учреждение, специалист которого выявил человека."]
    if identified_on and identified_on > timezone.localdate():
        errors["identified_on"] = ["Дата выявления не может быть в будущем."]
    if refused and not (refusal_reason or "").strip():
        errors["refusal_reason"] = ["Укажите причину отказа."]
    if beneficiary.anonymized_at:
        errors["beneficiary_id"] = ["Данные человека обезличены: выявление не записывается."]
    elif Enrolment.objects.active().filter(beneficiary=beneficiary).exists():
        errors["beneficiary_id"] = ["Этот человек уже участвует в службе «Алло, волонтёр!»."]
    else:
        open_one = Identification.objects.filter(
            beneficiary=beneficiary, status=Identification.Status.IDENTIFIED
        ).first()
        if open_one:
            errors["beneficiary_id"] = [
                f"Человек уже выявлен {open_one.identified_on:%d.%m.%Y}: включите его в службу или запишите отказ."
            ]
    return errors


@transaction.atomic
def identification_create(
    *,
    beneficiary,
    actor,
    identified_by,
    institution,
    identified_on=None,
    note="",
    refused=False,
    refusal_reason="",
    source=Identification.Source.FORM,
):
    """Record that a specialist identified the person as needing telephone help (or that the person refused)."""
    errors = _identification_errors(
        beneficiary=beneficiary,
        identified_by=identified_by,
        institution=institution,
        identified_on=identified_on,
        refused=refused,
        refusal_reason=refusal_reason,
    )
    if errors:
        raise ValidationError(errors)
    item = Identification.objects.create(
        beneficiary=beneficiary,
        identified_on=identified_on or timezone.localdate(),
        identified_by=identified_by.strip()[:200],
        institution=institution.strip()[:300],
        note=(note or "").strip(),
        status=Identification.Status.REFUSED if refused else Identification.Status.IDENTIFIED,
        decided_at=timezone.now() if refused else None,
        refusal_reason=(refusal_reason or "").strip()[:500] if refused else "",
        source=source,
        created_by=actor,
    )
    audit_log.record(
        audit_log.Action.UPDATE,
        beneficiary,
        user=actor,
        details={"phone_identification": "отказ от телефонной помощи" if refused else "выявлен(а)"},
    )
    return item


@transaction.atomic
def identification_refuse(*, identification, actor, reason):
    """The person identified does not want the calls: the reason is required."""
    if not (reason or "").strip():
        raise ValidationError({"refusal_reason": ["Укажите причину отказа."]})
    if identification.status != Identification.Status.IDENTIFIED:
        raise ValidationError({"status": ["Отказ записывают только для выявленных, ещё не включённых в службу."]})
    identification.status = Identification.Status.REFUSED
    identification.refusal_reason = reason.strip()[:500]
    identification.decided_at = timezone.now()
    identification.save()
    audit_log.record(
        audit_log.Action.UPDATE,
        identification.beneficiary,
        user=actor,
        details={"phone_identification": "отказ от телефонной помощи"},
    )
    return identification


@transaction.atomic
def identification_enrol(*, identification, actor, **schedule_and_volunteer):
    """One step from «выявлен(а)» to the service: the enrolment (through `enrol`) linked to this identification.
    A person who refused may change their mind: the same identification then turns too."""
    if identification.status == Identification.Status.ENROLLED:
        raise ValidationError({"status": ["Этот человек уже включён в службу по этому выявлению."]})
    return enrol(
        beneficiary=identification.beneficiary, actor=actor, identification=identification, **schedule_and_volunteer
    )


@transaction.atomic
def pause_create(*, enrolment, reason, starts_on, ends_on, note="", actor):
    """A schedule exception: no calls are expected and no alerts raised in these days. The volunteer's
    leave pauses all of their participants (it is recorded on the volunteer), anything else this one."""
    from audit.context import acting_as
    from phone.models import Pause

    item = Pause(reason=reason, starts_on=starts_on, ends_on=ends_on, note=note)
    if reason == Pause.Reason.VOLUNTEER_LEAVE and enrolment.volunteer:
        item.volunteer = enrolment.volunteer
    else:
        item.enrolment = enrolment
    with acting_as(actor):
        item.save()
    return item


@transaction.atomic
def calendar_token_for(*, volunteer):
    """The secret link of a volunteer's calendar feed, made the first time it is shown."""
    from phone.models import CalendarToken

    return CalendarToken.objects.get_or_create(volunteer=volunteer)[0].token


# --- `manage.py periodic` and the retention purge ---


def alerts_raise(*, today=None):
    """People not reached on 3 consecutive scheduled calls (also checked when each call is logged): an alert
    for each active enrolment that has none open. Returns how many were raised."""
    today = today or timezone.localdate()
    active = Enrolment.objects.active().select_related("beneficiary__territory")
    return sum(1 for enrolment in active if check_alert(enrolment, today))


def call_notes_purge(*, before):
    """Retention (#11): the volunteer's words about a call made before `before` (its declared personal text
    fields: notes, plans, what is needed) are erased; the figures (reached, wellbeing, mood) stay for the
    statistics. Returns how many calls."""
    from django.db.models import Q

    from core import personal

    texts = [
        name
        for name in personal.fields_of(Call)
        if Call._meta.get_field(name).get_internal_type() in ("CharField", "TextField")
    ]
    written = Q()
    for name in texts:
        written |= ~Q(**{name: ""})
    return Call.objects.filter(called_at__lt=before).filter(written).update(**dict.fromkeys(texts, ""))


@transaction.atomic
def alert_create(*, enrolment, actor):
    """An alert raised by staff before three calls in a row went unanswered (a worrying call, a neighbour's
    word). One open alert per participant: an open one is returned as it is. Audited as `actor` by tracking."""
    from audit.context import acting_as

    if enrolment.ended_at:
        raise ValidationError({"enrolment": ["Человек выбыл из службы: тревогу не поднимают."]})
    open_alert = enrolment.alerts.filter(resolved_at__isnull=True).first()
    if open_alert is not None:
        return open_alert
    with acting_as(actor):
        return Alert.objects.create(enrolment=enrolment)
