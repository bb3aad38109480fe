from datetime import date, datetime, time

from ninja import Field, Router, Schema, Status

from accounts import access
from people.models import Beneficiary
from phone import queries, services
from phone.models import Enrolment
from territories.models import Territory
from volunteers.models import Volunteer
from zabota import api_helpers as h

router = Router(tags=["Алло, волонтёр!"])


class EnrolmentIn(Schema):
    beneficiary_id: int
    volunteer_id: int | None = None
    weekdays: list[int] = Field(min_length=1)
    window_start: time
    window_end: time
    consent_given: bool = False


class CallIn(Schema):
    enrolment_id: int
    called_at: datetime | None = None
    reached: bool
    duration_s: int = Field(0, ge=0, le=36000)
    wellbeing: int | None = Field(None, ge=1, le=5)
    mood: int | None = Field(None, ge=1, le=5)
    satisfaction: int | None = Field(None, ge=1, le=5)
    problem_codes: list[str] = []
    notes: str = Field("", max_length=2000)
    need_note: str = Field("", max_length=1000)
    create_request: bool = False


class Created(Schema):
    id: int


class CallCreated(Schema):
    id: int
    help_request_id: int | None


class KpiOut(Schema):
    identified: int
    reached: int
    reached_pct: float | None
    calls: int
    attempts: int
    calls_per_person: float | None
    satisfaction_pct: float | None
    active_volunteers: int
    alerts_raised: int
    alerts_resolved: int


@router.post("/phone/enrolments", response={201: Created}, summary="Включить в службу")
def create_enrolment(request, payload: EnrolmentIn):
    access.require(request, "phone.manage")
    errors = h.Errors()
    person = (
        access.scoped(request.user, Beneficiary.objects.filter(merged_into=None))
        .filter(pk=payload.beneficiary_id)
        .first()
    )
    if person is None:
        errors.add("beneficiary_id", "Подопечный не найден или вне вашей зоны ответственности.")
    volunteer = None
    if payload.volunteer_id is not None:
        volunteer = (
            access.scoped(request.user, Volunteer.objects.filter(is_active=True))
            .filter(pk=payload.volunteer_id)
            .first()
        )
        if volunteer is None:
            errors.add("volunteer_id", "Волонтёр не найден или вне вашей зоны ответственности.")
    errors.raise_if_any()
    enrolment = services.enrol(
        beneficiary=person,
        volunteer=volunteer,
        weekdays=payload.weekdays,
        window_start=payload.window_start,
        window_end=payload.window_end,
        actor=request.user,
        consent_given=payload.consent_given,
    )
    return Status(201, {"id": enrolment.pk})


@router.post("/phone/calls", response={201: CallCreated}, summary="Записать звонок (телефония)")
def create_call(request, payload: CallIn):
    access.require(request, "phone.calls")
    errors = h.Errors()
    enrolment = access.scoped(request.user, Enrolment.objects.all()).filter(pk=payload.enrolment_id).first()
    if enrolment is None:
        errors.add("enrolment_id", "Участник службы не найден или вне вашей зоны ответственности.")
    problems = h.categories(payload.problem_codes, "problem_codes", errors)
    errors.raise_if_any()
    data = payload.dict(exclude={"enrolment_id", "problem_codes", "create_request"})
    if data["called_at"] is None:
        data.pop("called_at")
    call = services.log_call(
        enrolment=enrolment,
        actor=request.user,
        problems=problems,
        create_request=payload.create_request,
        source="api",
        **data,
    )
    return Status(201, {"id": call.pk, "help_request_id": call.help_request_id})


@router.get("/phone/kpi", response=KpiOut, summary="Показатели службы")
def kpi(request, territory_id: int | None = None, date_from: date | None = None, date_to: date | None = None):
    access.require(request, "phone.kpi")
    from django.utils import timezone

    date_to = date_to or timezone.localdate()
    date_from = date_from or date_to.replace(day=1)
    enrolments = Enrolment.objects.all()
    if request.user.role not in access.NATIONWIDE:
        enrolments = enrolments.filter(beneficiary__territory__in=access.territory_ids(request.user))
    if territory_id is not None:
        territory = access.get_or_404(request, Territory.objects.all(), "phone.kpi", field="id", pk=territory_id)
        enrolments = enrolments.filter(beneficiary__territory__path__startswith=territory.path)
    return queries.kpi_for(enrolments, date_from, date_to)
