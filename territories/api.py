from django.db import transaction
from ninja import Field, Router, Schema, Status

from accounts import access
from core import api_checks as h
from core.api_errors import body
from territories.models import Territory

router = Router(tags=["Справочники"])
Kind = h.named_choices(Territory.Kind, "TerritoryKind")


class TerritoryOut(Schema):
    id: int
    name: str
    kind: str
    parent_id: int | None
    oktmo: str
    lat: float | None
    lon: float | None


class TerritoryIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    kind: Kind
    parent_id: int | None = None
    oktmo: str = ""
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)


@router.get("/territories", response=list[TerritoryOut], summary="Территории (дерево, списком)")
def list_territories(request, parent_id: int | None = None, kind: Kind | None = None):
    access.require(request, "territories.view")
    qs = access.scoped(request.user, Territory.objects.all(), field="id")
    if parent_id is not None:
        qs = qs.filter(parent_id=parent_id)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs


@router.get("/territories/{territory_id}", response=TerritoryOut, summary="Территория")
def get_territory(request, territory_id: int):
    return access.get_or_404(request, Territory.objects.all(), "territories.view", field="id", pk=territory_id)


@router.post("/territories", response={201: TerritoryOut, 422: dict}, summary="Создать территорию")
def create_territory(request, payload: TerritoryIn):
    access.require(request, "territories.change")
    parent = None
    if payload.parent_id is not None:
        parent = Territory.objects.filter(pk=payload.parent_id).first()
        if parent is None or not access.in_territory(request.user, parent):
            return Status(422, body({"parent_id": ["Территория не найдена или вне вашей зоны ответственности."]}))
    elif not access.is_nationwide(request.user):
        return Status(422, body({"parent_id": ["Укажите вышестоящую территорию из вашей зоны ответственности."]}))
    territory = Territory(parent=parent, **payload.dict(exclude={"parent_id"}))
    territory.full_clean()
    with transaction.atomic():
        territory.save()
    return Status(201, territory)
