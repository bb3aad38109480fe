from ninja import Field, Router, Schema, Status

from accounts import access
from core import api_checks as h
from territories import selectors, services
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
    return selectors.territory_api_list(request.user, parent_id=parent_id, kind=kind)


@router.get("/territories/{territory_id}", response=TerritoryOut, summary="Территория")
def get_territory(request, territory_id: int):
    return access.get_or_404(request, selectors.territories_all(), "territories.view", field="id", pk=territory_id)


@router.post("/territories", response={201: TerritoryOut, 422: dict}, summary="Создать территорию")
def create_territory(request, payload: TerritoryIn):
    access.require(request, "territories.change")
    return Status(201, services.territory_create(data=payload.dict(), actor=request.user))
