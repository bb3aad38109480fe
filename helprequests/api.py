from datetime import datetime
from typing import Literal

from django.utils import timezone
from ninja import Field, Router, Schema, Status

from accounts import access
from audit import log as audit_log
from catalog.selectors import categories_by_codes
from core import api_checks as h
from helprequests import selectors, services
from helprequests.models import Channel, Urgency
from helprequests.models import Status as RequestStatus
from people.selectors import person_in_scope

router = Router(tags=["Подопечные и обращения"])


class HistoryOut(Schema):
    status: str
    at: datetime
    by: str | None
    note: str


class AssignedTo(Schema):
    provider_type: str
    provider_id: int


class RequestOut(Schema):
    id: int
    number: str
    status: str
    beneficiary_id: int
    need_codes: list[str]
    channel: str
    urgency: str
    received_at: datetime
    connect_due_at: datetime
    overdue: bool
    assigned_to: AssignedTo | None
    connected_at: datetime | None
    closed_at: datetime | None
    close_reason: str
    history: list[HistoryOut]


class RequestIn(Schema):
    beneficiary_id: int
    channel: Channel
    need_codes: list[str] = Field(min_length=1)
    urgency: Urgency = Urgency.WITHIN_3_DAYS
    description: str = Field("", max_length=2000)
    received_at: datetime | None = None


class RequestCreated(Schema):
    id: int
    number: str
    status: str


class AssignIn(Schema):
    provider_type: Literal["organization", "volunteer"]
    provider_id: int


NOTE_BODY = {
    "requestBody": {
        "required": False,
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "properties": {"note": {"type": "string", "maxLength": services.HELPER_NOTE_MAX}},
                }
            }
        },
    }
}


def _note(request):
    """The optional `{note}` of accept and connect (how, when, what was agreed); a bare POST stays valid."""
    import json

    from django.core.exceptions import ValidationError

    if not request.body.strip() or "json" not in (request.content_type or ""):
        return ""
    try:
        data = json.loads(request.body)
    except ValueError as exc:
        raise ValidationError({"note": "Тело запроса — не корректный JSON."}) from exc
    note = data.get("note", "") if isinstance(data, dict) else ""
    if not isinstance(note, str):
        raise ValidationError({"note": "Примечание — строка текста."})
    return note  # its length is checked by the service («Слишком длинно…» by the field)


class DeclineIn(Schema):
    reason: str = Field(max_length=500)


class CloseIn(Schema):
    reason_code: str
    text: str = Field("", max_length=500)
    institution: str = Field("", max_length=300)


class SuggestionOut(Schema):
    provider_type: str
    provider_id: int
    name: str
    distance_km: float | None
    load: int
    capacity: int
    reasons: list[str]


def _out(r, now=None):
    return {
        "id": r.pk,
        "number": r.number,
        "status": r.status,
        "beneficiary_id": r.beneficiary_id,
        "need_codes": sorted(n.code for n in r.needs.all()),
        "channel": r.channel,
        "urgency": r.urgency,
        "received_at": r.received_at,
        "connect_due_at": r.connect_due_at,
        "overdue": r.is_overdue(now),
        "assigned_to": {"provider_type": r.helper_type, "provider_id": r.helper_id} if r.helper_id else None,
        "connected_at": r.connected_at,
        "closed_at": r.closed_at,
        "close_reason": r.close_reason,
        "history": [
            {"status": c.status, "at": c.at, "by": c.by.get_username() if c.by else None, "note": c.note}
            for c in r.history.all()
        ],
    }


def _get(request, request_id, capability="requests.open"):
    return selectors.request_or_404(request, request_id, capability)


def _for_response(request, request_id):
    return _get(request, request_id, "requests.respond")


def _fresh(request_id):
    return _out(selectors.request_fresh(request_id))


@router.post("/requests", response={201: RequestCreated}, summary="Новое обращение")
def create_request(request, payload: RequestIn):
    access.require(request, "requests.create")
    errors = h.Errors()
    person = person_in_scope(request.user, payload.beneficiary_id, "beneficiary_id", errors)
    needs = categories_by_codes(payload.need_codes, "need_codes", errors)
    if payload.received_at and payload.received_at > timezone.now():
        errors.add("received_at", "Время поступления не может быть в будущем.")
    errors.raise_if_any()
    extra = {"received_at": payload.received_at} if payload.received_at else {}
    created = services.request_create(
        beneficiary=person,
        channel=payload.channel,
        needs=needs,
        actor=request.user,
        urgency=payload.urgency,
        description=payload.description,
        note="Принято через API",
        **extra,
    )
    return Status(201, {"id": created.pk, "number": created.number, "status": created.status})


@router.get("/requests", response=list[RequestOut], summary="Обращения")
def list_requests(request, status: RequestStatus | None = None, overdue: bool | None = None):
    access.require(request, "requests.open")
    now = timezone.now()
    rows = selectors.requests_for_api(request.user, status=status, overdue=overdue, now=now)
    audit_log.shown(request, audit_log.ids_of(rows), "Обращения (API)")
    return [_out(r, now) for r in rows]


@router.get("/requests/{request_id}", response=RequestOut, summary="Обращение")
def get_request(request, request_id: int):
    help_request = _get(request, request_id)
    audit_log.viewed(request, help_request)
    return _out(help_request)


@router.get("/requests/{request_id}/suggestions", response=list[SuggestionOut], summary="Кто может помочь")
def suggestions(request, request_id: int):
    help_request = _get(request, request_id, "requests.route")
    return [
        {
            "provider_type": s.helper.type,
            "provider_id": s.helper.id,
            "name": s.helper.name,
            "distance_km": None if s.distance_km is None else round(s.distance_km, 1),
            "load": s.helper.load,
            "capacity": s.helper.capacity,
            "reasons": list(s.reasons),
        }
        for s in services.suggestions_for(help_request)
    ]


@router.post("/requests/{request_id}/assign", response=RequestOut, summary="Направить помощнику")
def assign(request, request_id: int, payload: AssignIn):
    help_request = _get(request, request_id, "requests.route")
    services.request_assign(
        help_request=help_request, helper_type=payload.provider_type, helper_id=payload.provider_id, actor=request.user
    )
    return _fresh(request_id)


@router.post(
    "/requests/{request_id}/accept", response=RequestOut, summary="Помощник принимает", openapi_extra=NOTE_BODY
)
def accept(request, request_id: int):
    services.request_accept(help_request=_for_response(request, request_id), actor=request.user, note=_note(request))
    return _fresh(request_id)


@router.post("/requests/{request_id}/decline", response=RequestOut, summary="Помощник отклоняет")
def decline(request, request_id: int, payload: DeclineIn):
    services.request_decline(help_request=_for_response(request, request_id), actor=request.user, reason=payload.reason)
    return _fresh(request_id)


@router.post(
    "/requests/{request_id}/connect", response=RequestOut, summary="Связь установлена", openapi_extra=NOTE_BODY
)
def connect(request, request_id: int):
    services.request_connect(help_request=_for_response(request, request_id), actor=request.user, note=_note(request))
    return _fresh(request_id)


@router.post("/requests/{request_id}/close", response=RequestOut, summary="Закрыть обращение")
def close(request, request_id: int, payload: CloseIn):
    services.request_close(
        help_request=_for_response(request, request_id),
        actor=request.user,
        reason_code=payload.reason_code,
        text=payload.text,
        institution=payload.institution,
    )
    return _fresh(request_id)
