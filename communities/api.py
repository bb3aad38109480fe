"""Read API of the community workspace: communities, interactions, roadmap steps (scoped like the UI)."""

from datetime import date

from ninja import Router, Schema

from accounts import access
from communities import selectors
from communities.models import Community, Engagement, Form, RoadmapStep
from core import api_checks as h

CommunityStatus = h.named_choices(Community.Status, "CommunityStatus")
RoadmapStepStatus = h.named_choices(RoadmapStep.Status, "RoadmapStepStatus")

router = Router(tags=["Сообщества"])


class CommunityOut(Schema):
    id: int
    name: str
    form: str
    is_formal: bool
    territory_id: int
    status: str
    engagement: str
    coalition_since: date | None
    member_estimate: int | None
    meeting_place: str
    organization_ids: list[int]
    leader_ids: list[int]
    responsible_id: int | None
    signs: dict[str, int]
    readiness: list[str]
    lat: float | None
    lon: float | None

    @staticmethod
    def resolve_organization_ids(obj):
        return sorted(o.pk for o in obj.organizations.all())

    @staticmethod
    def resolve_leader_ids(obj):
        return sorted(x.pk for x in obj.leaders.all())


class InteractionOut(Schema):
    id: int
    held_on: date
    territory_id: int
    community_id: int | None
    organization_id: int | None
    format: str
    topic: str
    participants: int | None
    result: str
    next_step: str
    responsible_id: int | None
    due_date: date | None
    next_step_done: bool
    overdue: bool

    @staticmethod
    def resolve_next_step_done(obj):
        return obj.next_step_done_at is not None

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue()


class RoadmapStepOut(Schema):
    id: int
    territory_id: int
    community_id: int | None
    title: str
    responsible_id: int | None
    start_date: date | None
    due_date: date | None
    status: str
    result: str
    source: str
    overdue: bool

    @staticmethod
    def resolve_overdue(obj):
        return obj.is_overdue()


def _communities(user):
    return selectors.api_communities(user)


@router.get("/communities", response=list[CommunityOut], summary="Сообщества")
def list_communities(
    request, form: Form | None = None, status: CommunityStatus | None = None, engagement: Engagement | None = None
):
    access.require(request, "communities.view")
    return selectors.api_communities(request.user, form=form or "", status=status or "", engagement=engagement or "")


@router.get("/communities/{community_id}", response=CommunityOut, summary="Сообщество")
def get_community(request, community_id: int):
    return access.get_or_404(request, _communities(request.user), "communities.view", pk=community_id)


@router.get("/community-interactions", response=list[InteractionOut], summary="Взаимодействие с сообществами")
def list_interactions(request, community_id: int | None = None, overdue: bool = False):
    access.require(request, "communities.view")
    return selectors.interactions(request.user, community=community_id, overdue=overdue)[:1000]


@router.get("/roadmap-steps", response=list[RoadmapStepOut], summary="Дорожная карта ТРЦ + сообщества")
def list_roadmap_steps(request, territory_id: int | None = None, status: RoadmapStepStatus | None = None):
    access.require(request, "communities.view")
    return selectors.roadmap(request.user, status=status or "", territory_id=territory_id)[:1000]
