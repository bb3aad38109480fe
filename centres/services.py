"""Every write of the centres app: keyword-only, atomic, audited (model tracking plus explicit entries)."""

from datetime import datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from audit import log as audit_log
from centres.models import (
    CareEntry,
    CareVisit,
    Centre,
    CentreService,
    Event,
    EventSchedule,
    FinanceEntry,
    Participant,
    Partner,
    Specialist,
    SpecialistHours,
    Visit,
)
from core.phones import normalize_phone
from helprequests.models import Channel
from helprequests.services import request_create
from people.services import beneficiary_create

OVER_CAPACITY = "Мест {capacity}, а отмечено {count}. Подтвердите, что мест хватило (галочка «Да, больше мест»)."


@transaction.atomic
def centre_save(*, actor, centre=None, services=(), **fields):
    """Create or update a centre; services: [(category, price or None)]."""
    centre = centre or Centre()
    for key, value in fields.items():
        setattr(centre, key, value)
    centre.full_clean()
    centre.save()
    keep = []
    for category, price in services:
        if price is not None and price < 0:
            raise ValidationError({"services": f"Цена услуги «{category.name}» не может быть отрицательной."})
        CentreService.objects.update_or_create(centre=centre, category=category, defaults={"price": price})
        keep.append(category.pk)
    centre.services.exclude(category_id__in=keep).delete()
    return centre


def _visit_errors(*, centre, service, visited_on, beneficiary, age_group, is_paid, amount):
    errors = {}
    if service is None:
        errors["service"] = ["Выберите услугу — что сделали для человека."]
    elif not centre.services.filter(category=service).exists():
        errors["service"] = [f"Центр не оказывает услугу «{service.name}»: добавьте её в карточку центра."]
    if visited_on is None:
        errors["visited_on"] = ["Укажите дату."]
    elif visited_on > timezone.localdate():
        errors["visited_on"] = ["Дата посещения не может быть в будущем."]
    if beneficiary is None and not age_group:
        errors["age_group"] = ["Для анонимного посещения укажите возрастную группу."]
    if amount is None:
        amount = Decimal(0)
    if amount < 0:
        errors["amount"] = ["Сумма не может быть отрицательной."]
    elif is_paid and amount == 0:
        errors["amount"] = ["Для платной услуги укажите сумму."]
    elif not is_paid and amount > 0:
        errors["amount"] = ["Сумма указана, а услуга отмечена бесплатной: отметьте «платно» или уберите сумму."]
    if errors:
        raise ValidationError(errors)
    return amount


@transaction.atomic
def visit_record(
    *,
    centre,
    service,
    actor,
    visited_on=None,
    beneficiary=None,
    age_group="",
    volunteer=None,
    is_paid=False,
    amount=None,
    source="",
    notes="",
):
    """A walk-in visit / one-off service «оказано сразу». Nothing is saved if anything is wrong."""
    visited_on = visited_on or timezone.localdate()
    if is_paid and amount is None and service is not None:  # one tap less: the centre's price of the service
        amount = centre.services.filter(category=service).values_list("price", flat=True).first()
    amount = _visit_errors(
        centre=centre,
        service=service,
        visited_on=visited_on,
        beneficiary=beneficiary,
        age_group=age_group,
        is_paid=is_paid,
        amount=amount,
    )
    if volunteer is not None and volunteer.organization_id != centre.organization_id:
        raise ValidationError({"volunteer": ["Этот волонтёр не из организации центра."]})
    if beneficiary is not None and not age_group and beneficiary.age is not None:
        age_group = _age_group(beneficiary.age)
    return Visit.objects.create(
        centre=centre,
        service=service,
        visited_on=visited_on,
        beneficiary=beneficiary,
        age_group=age_group,
        volunteer=volunteer,
        served_by=None if volunteer else actor,
        is_paid=is_paid,
        amount=amount,
        source=source,
        notes=notes,
        recorded_by=actor,
    )


def _age_group(age):
    if age < 55:
        return "under_55"
    if age < 65:
        return "55_64"
    if age < 75:
        return "65_74"
    return "75_plus"


@transaction.atomic
def visit_to_request(*, visit, actor, full_name="", phone="", consent=False):
    """«Превратить в обращение»: what could not be done on the spot goes into the help-request lifecycle.

    An anonymous visitor is first added to the base (name, phone, consent to process the data)."""
    visit = Visit.objects.select_for_update().get(pk=visit.pk)
    if visit.help_request_id:
        raise ValidationError({"help_request": [f"Уже есть обращение {visit.help_request.number}."]})
    if visit.beneficiary is None:
        _add_visitor(visit, actor, (full_name or "").strip(), phone, consent)
    note = f"Из посещения центра «{visit.centre.name}» {visit.visited_on:%d.%m.%Y}"
    request = request_create(
        beneficiary=visit.beneficiary,
        channel=Channel.WALK_IN,
        needs=[visit.service],
        actor=actor,
        note=note,
        description=visit.notes or note,
    )
    visit.help_request = request
    visit.save(update_fields=["help_request"])
    audit_log.record(audit_log.Action.UPDATE, visit, user=actor, details={"help_request": request.number})
    return request


def _add_visitor(visit, actor, full_name, phone, consent):
    errors = {}
    if not full_name:
        errors["full_name"] = ["Анонимное посещение: укажите ФИО, чтобы завести человека в базе."]
    if not consent:
        errors["consent"] = ["Нужно согласие человека на обработку персональных данных (152-ФЗ)."]
    try:
        phone = normalize_phone(phone)
    except ValidationError as exc:
        errors["phone"] = exc.messages
    if errors:
        raise ValidationError(errors)
    person = beneficiary_create(full_name=full_name, phone=phone, territory=visit.centre.territory, actor=actor)
    visit.beneficiary = person
    visit.save(update_fields=["beneficiary"])


@transaction.atomic
def care_add(*, centre, beneficiary, actor, every_days=7, volunteer=None, notes="", started_on=None):
    if CareEntry.objects.filter(centre=centre, beneficiary=beneficiary, ended_on=None).exists():
        raise ValidationError({"beneficiary": ["Этот человек уже в списке долговременного ухода центра."]})
    if not every_days or every_days < 1:
        raise ValidationError({"every_days": ["Укажите, раз в сколько дней навещать (не меньше 1)."]})
    return CareEntry.objects.create(
        centre=centre,
        beneficiary=beneficiary,
        every_days=every_days,
        volunteer=volunteer,
        notes=notes,
        started_on=started_on or timezone.localdate(),
    )


@transaction.atomic
def care_visit_log(*, entry, actor, visited_on=None, volunteer=None, notes=""):
    visited_on = visited_on or timezone.localdate()
    if visited_on > timezone.localdate():
        raise ValidationError({"visited_on": ["Дата визита не может быть в будущем."]})
    visit = CareVisit.objects.create(
        entry=entry, visited_on=visited_on, volunteer=volunteer or entry.volunteer, notes=notes, recorded_by=actor
    )
    if entry.last_visit_on is None or visited_on > entry.last_visit_on:
        entry.last_visit_on = visited_on
        entry.save(update_fields=["last_visit_on"])
    return visit


@transaction.atomic
def event_save(*, actor, centre, event=None, specialists=(), volunteers=(), **fields):
    event = event or Event(centre=centre)
    event.centre = centre
    for key, value in fields.items():
        setattr(event, key, value)
    if not event.host_id:
        event.host_id = centre.organization_id
    if not event.title:
        raise ValidationError({"title": ["Укажите название."]})
    event.save()
    event.specialists.set(specialists)
    event.volunteers.set(volunteers)
    # The event itself is logged by the tracking; who conducts it (many-to-many) is written here.
    if specialists or volunteers:
        audit_log.record(
            audit_log.Action.UPDATE,
            event,
            user=actor,
            details={"specialists": sorted(x.pk for x in specialists), "volunteers": sorted(x.pk for x in volunteers)},
        )
    return event


def _check_capacity(event, count, confirm):
    if event.capacity is not None and count > event.capacity and not confirm:
        raise ValidationError({"confirm_over_capacity": [OVER_CAPACITY.format(capacity=event.capacity, count=count)]})


@transaction.atomic
def event_register(*, event, actor, beneficiaries=(), extra=0, confirm_over_capacity=False):
    """Register people from the base and/or a number of people without names."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if extra < 0:
        raise ValidationError({"extra": ["Число не может быть отрицательным."]})
    known = set(event.participants.values_list("beneficiary_id", flat=True))
    new = [b for b in beneficiaries if b.pk not in known]
    total = len(known) + len(new) + event.registered_extra + extra
    _check_capacity(event, total, confirm_over_capacity)
    Participant.objects.bulk_create([Participant(event=event, beneficiary=b) for b in new])
    if extra:
        event.registered_extra += extra
        event.save(update_fields=["registered_extra"])
    audit_log.record(audit_log.Action.UPDATE, event, user=actor, details={"registered": len(new), "extra": extra})
    return event


@transaction.atomic
def attendance_mark(*, event, actor, attended_ids, extra=0, confirm_over_capacity=False):
    """Who came (registered people ticked) and how many came without a name; over capacity needs a confirmation."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if extra is None or extra < 0:
        raise ValidationError({"extra": ["Число пришедших без записи не может быть отрицательным."]})
    ids = {int(i) for i in attended_ids}
    participants = set(event.participants.values_list("id", flat=True))
    unknown = ids - participants
    if unknown:
        raise ValidationError({"attended": ["Отмечены люди, которые не записаны на это мероприятие."]})
    _check_capacity(event, len(ids) + extra, confirm_over_capacity)
    event.participants.update(attended=False)
    event.participants.filter(id__in=ids).update(attended=True)
    event.attended_extra = extra
    if event.status == Event.Status.PLANNED and event.starts_at <= timezone.now() + timedelta(hours=12):
        event.status = Event.Status.HELD
    event.save(update_fields=["attended_extra", "status"])
    audit_log.record(
        audit_log.Action.UPDATE, event, user=actor, details={"attended": len(ids), "attended_extra": extra}
    )
    return event


@transaction.atomic
def event_cancel(*, event, actor):
    if event.status != Event.Status.PLANNED:
        raise ValidationError({"status": ["Отменить можно только запланированное мероприятие."]})
    event.status = Event.Status.CANCELLED
    event.save(update_fields=["status"])
    return event


@transaction.atomic
def care_end(*, entry, actor, ended_on=None):
    """Снять с долговременного ухода (the history stays)."""
    if entry.ended_on is not None:
        raise ValidationError({"ended_on": ["Человек уже снят с ухода."]})
    entry.ended_on = ended_on or timezone.localdate()
    entry.save(update_fields=["ended_on"])
    return entry


@transaction.atomic
def schedule_create(*, centre, actor, weeks=8, **fields):
    schedule = EventSchedule(centre=centre, **fields)
    schedule.full_clean()
    schedule.save()
    events_generate(schedule=schedule, weeks=weeks)
    return schedule


def schedule_dates(schedule, today, weeks):
    """Dates of the schedule from today over the next `weeks` weeks (pure)."""
    start = max(schedule.starts_on, today)
    first = schedule.starts_on + timedelta(days=(schedule.weekday - 1 - schedule.starts_on.weekday()) % 7)
    finish = today + timedelta(weeks=weeks)
    if schedule.ends_on:
        finish = min(finish, schedule.ends_on)
    day = first
    step = timedelta(weeks=schedule.every_weeks)
    while day <= finish:
        if day >= start:
            yield day
        day += step


def schedules_extend(*, today=None):
    """`manage.py periodic`: keep 8 weeks of events ahead for every running recurring schedule of an active
    centre; idempotent (one event per slot). Returns how many events were created."""
    today = today or timezone.localdate()
    running = EventSchedule.objects.filter(centre__is_active=True).filter(Q(ends_on=None) | Q(ends_on__gte=today))
    return sum(events_generate(schedule=s, today=today) for s in running.select_related("centre"))


def events_generate(*, schedule, weeks=8, today=None):
    """Events of a recurring schedule for the weeks ahead; idempotent (one event per slot)."""
    today = today or timezone.localdate()
    created = 0
    tz = timezone.get_current_timezone()
    for day in schedule_dates(schedule, today, weeks):
        starts_at = timezone.make_aware(datetime.combine(day, schedule.starts_at), tz)
        _, new = Event.objects.get_or_create(
            schedule=schedule,
            starts_at=starts_at,
            defaults={
                "centre": schedule.centre,
                "kind": schedule.kind,
                "title": schedule.title,
                "duration_min": schedule.duration_min,
                "place": schedule.place or schedule.centre.address,
                "capacity": schedule.capacity,
                "host_id": schedule.centre.organization_id,
                "is_public": schedule.is_public,
            },
        )
        created += new
    return created


@transaction.atomic
def specialist_add(*, centre, actor, **fields):
    specialist = Specialist(centre=centre, **fields)
    specialist.full_clean()
    specialist.save()
    return specialist


@transaction.atomic
def hours_log(*, specialist, actor, hours, worked_on=None, note=""):
    if hours is None or hours <= 0:
        raise ValidationError({"hours": ["Укажите число часов больше нуля."]})
    worked_on = worked_on or timezone.localdate()
    if worked_on > timezone.localdate():
        raise ValidationError({"worked_on": ["Дата не может быть в будущем."]})
    entry = SpecialistHours.objects.create(specialist=specialist, hours=hours, worked_on=worked_on, note=note)
    # Hours are not tracked by the audit's signals: the entry is written here.
    audit_log.record(
        audit_log.Action.CREATE,
        entry,
        user=actor,
        details={"specialist": specialist.pk, "hours": str(hours), "worked_on": worked_on.isoformat()},
    )
    return entry


@transaction.atomic
def partner_add(*, centre, actor, **fields):
    partner = Partner(centre=centre, **fields)
    partner.full_clean()
    partner.save()
    return partner


@transaction.atomic
def finance_add(*, centre, actor, month, kind, item, amount, note=""):
    if amount is None or amount < 0:
        raise ValidationError({"amount": ["Сумма не может быть отрицательной."]})
    return FinanceEntry.objects.create(
        centre=centre, month=month.replace(day=1), kind=kind, item=item, amount=amount, note=note
    )
