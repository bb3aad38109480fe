from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from helprequests import notify
from helprequests.services import request_create
from people.models import Consent
from people.services import consent_give
from phone import queries, schedule
from phone.models import Alert, Call, Enrolment, VolunteerChange


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
def enrol(*, beneficiary, volunteer, weekdays, window_start, window_end, actor, consent_given=False, **extra):
    """Enrol a person who consented to this purpose; the consent can be recorded right here."""
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
    return enrolment


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
