"""API: expert sessions with their scores (read only)."""

from datetime import date, time

from ninja import Query, Router, Schema

from accounts import access
from assessments import selectors

router = Router(tags=["Экспертные сессии «Доступность заботы»"])


class TemplateOut(Schema):
    id: int
    name: str
    version: int


class ScoreOut(Schema):
    criterion_number: int
    criterion_title: str
    value: int | None
    not_required: bool
    display: str
    spread_low: int | None
    spread_high: int | None
    self_value: int | None
    self_not_required: bool
    discussion: str
    dissent: str


class ProposalOut(Schema):
    id: int
    criterion_number: int | None
    text: str
    addressee: str
    responsible: str
    due_on: date | None
    status: str
    status_label: str
    practice_id: int | None


class ParticipantOut(Schema):
    group: str
    group_label: str
    name: str
    organization_id: int | None


class SessionOut(Schema):
    id: int
    title: str
    subtitle: str
    held_on: date
    starts_at: time | None
    territory_id: int
    territory_name: str
    template: TemplateOut
    scores: list[ScoreOut]


class SessionDetailOut(SessionOut):
    place: str
    goal: str
    questions: list[str]
    moderator: str
    moderator_opinion: str
    participants: list[ParticipantOut]
    proposals: list[ProposalOut]
    tasks: list[str]
    practice_ids: list[int]


def _scores(session):
    return [
        {
            "criterion_number": s.criterion.number,
            "criterion_title": s.criterion.title,
            "value": s.value,
            "not_required": s.not_required,
            "display": s.display,
            "spread_low": s.spread_low,
            "spread_high": s.spread_high,
            "self_value": s.self_value,
            "self_not_required": s.self_not_required,
            "discussion": s.discussion,
            "dissent": s.dissent,
        }
        for s in session.scores.all()
    ]


def _out(session):
    t = session.template
    return {
        "id": session.pk,
        "title": session.title,
        "subtitle": session.subtitle,
        "held_on": session.held_on,
        "starts_at": session.starts_at,
        "territory_id": session.territory_id,
        "territory_name": session.territory.name,
        "template": {"id": t.pk, "name": t.name, "version": t.version},
        "scores": _scores(session),
    }


@router.get("/assessments/sessions", response=list[SessionOut], summary="Экспертные сессии с оценками")
def list_sessions(request, territory_id: int | None = None, year: int | None = Query(None, ge=1900, le=2100)):
    access.require(request, "assessments.view")
    return [_out(s) for s in selectors.session_rows(request.user, territory_id=territory_id, year=year)]


@router.get("/assessments/sessions/{session_id}", response=SessionDetailOut, summary="Экспертная сессия")
def get_session(request, session_id: int):
    session = selectors.session_full_or_404(request, session_id)
    return {
        **_out(session),
        "place": session.place or "",
        "goal": session.goal,
        "questions": session.question_list(),
        "moderator": session.moderator,
        "moderator_opinion": session.moderator_opinion,
        "participants": [
            {
                "group": p.group,
                "group_label": p.get_group_display(),
                "name": p.organization.name if p.organization_id else p.name,
                "organization_id": p.organization_id,
            }
            for p in session.participants.all()
        ],
        "proposals": [
            {
                "id": p.pk,
                "criterion_number": p.criterion.number if p.criterion_id else None,
                "text": p.text,
                "addressee": p.addressee_name,
                "responsible": p.responsible,
                "due_on": p.due_on,
                "status": p.status,
                "status_label": p.get_status_display(),
                "practice_id": p.practice_id,
            }
            for p in session.proposals.all()
        ],
        "tasks": [t.text for t in session.tasks.all()],
        "practice_ids": selectors.session_practice_ids(session),
    }
