"""Support centres API (read): centres, visits, events with attendance, the results report figures."""

from datetime import date, datetime

from django.utils import timezone
from ninja import Router, Schema

from accounts import access
from audit import log as audit_log
from centres import selectors

router = Router(tags=["Центры поддержки"])


class CentreOut(Schema):
    id: int
    name: str
    kind: str
    organization_id: int
    territory_id: int
    address: str
    opening_hours: str
    phone: str
    service_codes: list[str]


class VisitOut(Schema):
    id: int
    centre_id: int
    visited_on: date
    beneficiary_id: int | None
    age_group: str
    service_code: str
    volunteer_id: int | None
    is_paid: bool
    amount: float
    source: str
    help_request_id: int | None


class EventOut(Schema):
    id: int
    centre_id: int
    kind: str
    title: str
    starts_at: datetime
    place: str
    capacity: int | None
    status: str
    registered: int
    attended: int
    attended_ids: list[int]


class MonthOut(Schema):
    month: str
    paid_services: float
    income: float
    costs: float
    balance: float


class CentreReportOut(Schema):
    centre_id: int
    date_from: str
    date_to: str
    events_held: int
    events_by_kind: dict[str, int]
    volunteers: int
    volunteers_permanent: int
    volunteers_occasional: int
    specialists: int
    specialist_hours: float
    learning_participants: int
    beneficiaries: int
    anonymous: int
    beneficiaries_with_anonymous: int
    long_term_care: int
    visits: int
    services_by_kind: dict[str, int]
    visits_by_source: dict[str, int]
    paid_visits: int
    income_paid_services: float
    income: float
    costs: float
    months: list[MonthOut]


def _period(date_from, date_to):
    date_to = date_to or timezone.localdate()
    date_from = date_from or date(date_to.year, 1, 1)
    return date_from, date_to


@router.get("/centres", response=list[CentreOut], summary="Центры поддержки в вашей зоне")
def list_centres(request):
    access.require(request, "centres.view")
    return [
        {
            **{f: getattr(c, f) for f in ("id", "name", "kind", "organization_id", "territory_id", "address")},
            "opening_hours": c.opening_hours,
            "phone": c.phone,
            "service_codes": [s.category.code for s in c.services.all()],
        }
        for c in selectors.centres_with_services(request.user)
    ]


@router.get("/centres/visits", response=list[VisitOut], summary="Посещения и разовые услуги")
def list_visits(request, centre_id: int | None = None, date_from: date | None = None, date_to: date | None = None):
    access.require(request, "centres.view")
    date_from, date_to = _period(date_from, date_to)
    visits = selectors.visits_in_period(request.user, date_from, date_to, centre_id)
    audit_log.shown(request, audit_log.ids_of(visits), "Посещения центров (API)")
    return [
        {
            "id": v.id,
            "centre_id": v.centre_id,
            "visited_on": v.visited_on,
            "beneficiary_id": v.beneficiary_id,
            "age_group": v.age_group,
            "service_code": v.service.code,
            "volunteer_id": v.volunteer_id,
            "is_paid": v.is_paid,
            "amount": float(v.amount),
            "source": v.source,
            "help_request_id": v.help_request_id,
        }
        for v in visits
    ]


@router.get("/centres/events", response=list[EventOut], summary="Мероприятия с посещаемостью")
def list_events(request, centre_id: int | None = None, date_from: date | None = None, date_to: date | None = None):
    access.require(request, "centres.view")
    date_from, date_to = _period(date_from, date_to)
    events = selectors.events_in_period(request.user, date_from, date_to, centre_id)
    audit_log.shown(
        request,
        [p.beneficiary_id for e in events for p in e.participants.all() if p.attended],
        "Мероприятия центров (API)",
    )
    return [
        {
            "id": e.id,
            "centre_id": e.centre_id,
            "kind": e.kind,
            "title": e.title,
            "starts_at": e.starts_at,
            "place": e.place,
            "capacity": e.capacity,
            "status": e.status,
            "registered": e.registered + e.registered_extra,
            "attended": e.attended + e.attended_extra,
            "attended_ids": [p.beneficiary_id for p in e.participants.all() if p.attended],
        }
        for e in events
    ]


@router.get(
    "/centres/{centre_id}/report", response=CentreReportOut, summary="Итоги работы центра (без персональных данных)"
)
def centre_report(request, centre_id: int, date_from: date | None = None, date_to: date | None = None):
    centre = access.get_or_404(request, selectors.centres(request.user), "centres.report", pk=centre_id)
    date_from, date_to = _period(date_from, date_to)
    if date_from > date_to:
        date_from, date_to = date_to, date_from
    return {"centre_id": centre.pk, **selectors.report_figures(centre, date_from, date_to).as_dict()}
