"""API of the isolation risk (#17): one person's level and factors (scoped), the worklist, counts for analysts."""

from datetime import datetime
from typing import Literal

from ninja import Router, Schema

from accounts import access
from audit import log as audit_log
from core.api_checks import PAGE
from ties import selectors
from ties.models import Level

router = Router(tags=["Социальные связи и риск одиночества"])


class RiskOut(Schema):
    beneficiary_id: int
    level: str  # low, medium, high
    level_name: str
    score: int
    factors: list[str]
    rising: bool
    active_ties: int
    last_contact_at: datetime | None
    has_current_contact: bool
    computed_at: datetime


class WorklistOut(Schema):
    count: int
    page: int
    results: list[RiskOut]


class CountsOut(Schema):
    territory_id: int
    territory: str
    high: int
    medium: int
    low: int


LEVEL_CODES = {Level.LOW: "low", Level.MEDIUM: "medium", Level.HIGH: "high"}
CODE_LEVELS = {v: k for k, v in LEVEL_CODES.items()}


def _out(risk):
    return {
        "beneficiary_id": risk.pk,
        "level": LEVEL_CODES[risk.level],
        "level_name": risk.get_level_display(),
        "score": risk.score,
        "factors": risk.sentences,
        "rising": risk.rising,
        "active_ties": risk.active_ties,
        "last_contact_at": risk.last_contact_at,
        "has_current_contact": risk.has_current_contact,
        "computed_at": risk.computed_at,
    }


@router.get("/beneficiaries/{beneficiary_id}/isolation-risk", response=RiskOut, summary="Риск одиночества человека")
def person_risk(request, beneficiary_id: int):
    person = selectors.person_or_404(request, beneficiary_id)
    risk = selectors.stored_risk(person)
    if risk is None:  # not yet computed (the nightly pass will store it): answer from the facts, store nothing
        from ties import services

        risk = services.risk_preview(person.pk)
    audit_log.viewed(request, person)
    return _out(risk)


@router.get("/isolation-risk/worklist", response=WorklistOut, summary="Под риском одиночества")
def worklist(
    request, level: Literal["low", "medium", "high"] | None = None, territory_id: int | None = None, page: int = PAGE
):
    access.require(request, "ties.worklist")
    territory = None
    if territory_id is not None:
        territory = selectors.territory_or_404(request, territory_id, "ties.worklist")
    rows = selectors.worklist(request.user, level=CODE_LEVELS.get(level), territory=territory)
    page = max(1, page)
    size = 50
    shown = list(rows[(page - 1) * size : page * size])
    audit_log.shown(request, audit_log.ids_of(shown), "Под риском одиночества (API)")
    return {"count": rows.count(), "page": page, "results": [_out(r) for r in shown]}


@router.get("/isolation-risk/counts", response=list[CountsOut], summary="Риск одиночества: число людей по уровням")
def counts(request, territory_id: int | None = None):
    """Aggregates only (analysts too): no names, no ids of people."""
    access.require(request, "ties.counts")
    territory = None
    if territory_id is not None:
        territory = selectors.territory_or_404(request, territory_id, "ties.counts")
    return selectors.counts_by_territory(request.user, territory)
