from datetime import date, datetime, time

from ninja import Field, Router, Schema, Status

from accounts import access
from audit import log as audit_log
from catalog.selectors import categories_by_codes
from core import api_checks as h
from people.selectors import person_in_scope
from phone import queries, selectors, services
from phone.models import Identification

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


class QuarterOut(Schema):
    label: str  # «3 кв. 2022»; the last row is the total over the span
    identified: int
    turned: int
    turned_pct: float | None
    refused: int
    calls: int
    people_reached: int
    satisfaction_pct: float | None
    satisfaction_people: int


class KpiOut(Schema):
    # API.md: `identified` = people enrolled (the contract; the same as `enrolled`). As the Yugra card counts
    # (#17): `identified_need` — people identified as needing telephone help in the period; `turned` — of them,
    # turned to volunteers (enrolled), `turned_pct`; `satisfaction_pct` — share of people (latest answer).
    identified: int
    identified_need: int
    turned: int
    turned_pct: float | None
    refused: int
    waiting: int
    enrolled: int
    reached: int
    reached_pct: float | None
    calls: int
    attempts: int
    calls_per_person: float | None
    satisfaction_pct: float | None
    satisfaction_people: int
    satisfaction_answers: int
    active_volunteers: int
    alerts_raised: int
    alerts_resolved: int
    quarters: list[QuarterOut]


class IdentificationIn(Schema):
    beneficiary_id: int
    identified_on: date | None = None
    identified_by: str = Field("", max_length=200)  # default: the token's user
    institution: str = Field("", max_length=300)  # default: the user's organization or resource centre
    note: str = Field("", max_length=2000)
    refused: bool = False
    refusal_reason: str = Field("", max_length=500)


class IdentificationOut(Schema):
    id: int
    beneficiary_id: int
    identified_on: date
    identified_by: str
    institution: str
    status: str  # identified, enrolled, refused
    status_name: str
    refusal_reason: str
    enrolment_id: int | None
    decided_at: datetime | None


IdentificationStatus = h.named_choices(Identification.Status, "IdentificationStatus")


class IdentificationList(Schema):
    count: int
    page: int
    results: list[IdentificationOut]


def _identification_out(item):
    return {
        "id": item.pk,
        "beneficiary_id": item.beneficiary_id,
        "identified_on": item.identified_on,
        "identified_by": item.identified_by,
        "institution": item.institution,
        "status": item.status,
        "status_name": item.get_status_display(),
        "refusal_reason": item.refusal_reason,
        "enrolment_id": item.enrolment_id,
        "decided_at": item.decided_at,
    }


@router.post("/phone/enrolments", response={201: Created}, summary="Включить в службу")
def create_enrolment(request, payload: EnrolmentIn):
    access.require(request, "phone.manage")
    errors = h.Errors()
    person = person_in_scope(request.user, payload.beneficiary_id, "beneficiary_id", errors)
    volunteer = None
    if payload.volunteer_id is not None:
        volunteer = selectors.volunteer_in_scope(request.user, payload.volunteer_id)
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
        source=Identification.Source.API,
    )
    return Status(201, {"id": enrolment.pk})


@router.post("/phone/calls", response={201: CallCreated}, summary="Записать звонок (телефония)")
def create_call(request, payload: CallIn):
    access.require(request, "phone.calls")
    errors = h.Errors()
    enrolment = selectors.enrolment_in_scope(request.user, payload.enrolment_id)
    if enrolment is None:
        errors.add("enrolment_id", "Участник службы не найден или вне вашей зоны ответственности.")
    problems = categories_by_codes(payload.problem_codes, "problem_codes", errors)
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
    """The KPI page's figures: identified / turned to volunteers, satisfaction of people, and the quarterly
    series since the service began in the scope (`quarters`, the last item is the total)."""
    access.require(request, "phone.kpi")
    from django.utils import timezone

    date_to = date_to or timezone.localdate()
    date_from = date_from or date_to.replace(day=1)
    territory = None
    if territory_id is not None:
        territory = selectors.kpi_territory_or_404(request, territory_id)
    enrolments, identifications = queries.kpi_scope(request.user, territory)
    figures = queries.kpi_for(enrolments, date_from, date_to, identifications)
    series, total = queries.quarterly_for(enrolments, identifications, date_to)
    contract = {"identified": figures["enrolled"], "identified_need": figures["identified"]}
    return {**figures, **contract, "quarters": [*series, total] if series else []}


@router.get(
    "/phone/identifications", response=IdentificationList, summary="Выявленные, нуждающиеся в телефонной помощи"
)
def identifications(request, status: IdentificationStatus | None = None, page: int = h.PAGE):
    """Scoped to the caller's territory (coordinators and operators); 50 a page, newest first."""
    access.require(request, "phone.identify")
    rows = selectors.identifications_for_api(request.user, None if status is None else status.value)
    page, size = max(1, page), 50
    shown = list(rows[(page - 1) * size : page * size])
    audit_log.shown(request, audit_log.ids_of(shown), "Выявленные (API)")
    return {"count": rows.count(), "page": page, "results": [_identification_out(i) for i in shown]}


@router.get("/phone/identifications/{identification_id}", response=IdentificationOut, summary="Выявленный человек")
def identification(request, identification_id: int):
    item = selectors.identification_for_api_or_404(request, identification_id)
    audit_log.viewed(request, item)
    return _identification_out(item)


@router.post(
    "/phone/identifications", response={201: IdentificationOut}, summary="Записать: нуждается в телефонной помощи"
)
def create_identification(request, payload: IdentificationIn):
    access.require(request, "phone.identify")
    errors = h.Errors()
    person = person_in_scope(request.user, payload.beneficiary_id, "beneficiary_id", errors)
    errors.raise_if_any()
    who, where = services.identification_defaults(request.user)
    item = services.identification_create(
        beneficiary=person,
        actor=request.user,
        identified_by=payload.identified_by or who,
        institution=payload.institution or where,
        identified_on=payload.identified_on,
        note=payload.note,
        refused=payload.refused,
        refusal_reason=payload.refusal_reason,
        source=Identification.Source.API,
    )
    return Status(201, _identification_out(item))
