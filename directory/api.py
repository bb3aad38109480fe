from datetime import datetime

from ninja import Field, Router, Schema, Status

from accounts import access
from catalog.selectors import categories_by_codes, category_exists
from core import api_checks as h
from core.api_errors import body
from directory import selectors, services
from directory.models import Organization
from directory.search import find_localities, public_search
from territories.selectors import territory_in_scope

router = Router(tags=["Справочник помощи"])
Kind = h.named_choices(Organization.Kind, "OrganizationKind")


class OrganizationOut(Schema):
    id: int
    name: str
    kind: str
    territory_id: int
    served_territory_ids: list[int]
    service_codes: list[str]
    lat: float | None
    lon: float | None
    phone: str
    capacity: int
    is_public: bool
    verified_at: datetime | None
    proposed_served_territory_ids: list[int] | None = Field(
        None, description="Предложенные сотрудниками организации территории, ждущие подтверждения координатором."
    )

    @staticmethod
    def resolve_proposed_served_territory_ids(obj):
        pending = [p for p in obj.area_proposals.all() if p.status == "pending"]
        return sorted(t.id for t in pending[0].territories.all()) if pending else None

    @staticmethod
    def resolve_served_territory_ids(obj):
        return sorted(t.id for t in obj.served_territories.all())

    @staticmethod
    def resolve_service_codes(obj):
        return sorted(s.category.code for s in obj.services.all())


class OrganizationIn(Schema):
    name: str = Field(min_length=1, max_length=300)
    kind: Kind
    territory_id: int
    served_territory_ids: list[int] = []
    service_codes: list[str] = []
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    phone: str = Field("", max_length=40)
    capacity: int = Field(10, ge=1, le=100000)
    is_public: bool = True


class OrganizationPatch(Schema):
    name: str | None = Field(None, min_length=1, max_length=300)
    kind: Kind | None = None
    territory_id: int | None = None
    served_territory_ids: list[int] = Field(
        None, description="Весь список; пустой список очищает, null не допускается."
    )
    service_codes: list[str] = Field(None, description="Весь список; пустой список очищает, null не допускается.")
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    phone: str | None = Field(None, max_length=40)
    capacity: int | None = Field(None, ge=1, le=100000)
    is_public: bool | None = None


def _apply(org, data, user):
    errors = h.Errors()
    if "territory_id" in data:
        data["territory"] = territory_in_scope(user, data.pop("territory_id"), "territory_id", errors)
    if "served_territory_ids" in data:
        ids = data.pop("served_territory_ids")
        data["served_territories"] = selectors.territories_by_ids(ids)
        if len(data["served_territories"]) != len(set(ids)):
            errors.add("served_territories", "Есть несуществующие территории.")  # answered as served_territory_ids
    cats = categories_by_codes(data.pop("service_codes"), "service_codes", errors) if "service_codes" in data else None
    if "phone" in data:
        data["phone"] = h.phone(data.pop("phone"), "phone", errors)
    return services.organization_save(
        organization=org,
        data=data,
        services=None if cats is None else [{"category": c} for c in cats],
        actor=user,
        errors=errors,
    )


@router.get("/organizations", response=list[OrganizationOut], summary="Организации")
def list_organizations(request, territory_id: int | None = None, service: str | None = None, kind: Kind | None = None):
    access.require(request, "directory.view")
    return selectors.organizations_api_list(request.user, territory_id=territory_id, service=service, kind=kind)


@router.post("/organizations", response={201: OrganizationOut}, summary="Добавить организацию")
def create_organization(request, payload: OrganizationIn):
    access.require(request, "directory.add")
    return Status(201, _apply(Organization(), payload.dict(), request.user))


@router.get("/organizations/{org_id}", response=OrganizationOut, summary="Организация")
def get_organization(request, org_id: int):
    return access.get_or_404(request, selectors.organizations_api(request.user), "directory.view", pk=org_id)


@router.patch("/organizations/{org_id}", response=OrganizationOut, summary="Изменить организацию")
def patch_organization(request, org_id: int, payload: OrganizationPatch):
    org = access.get_or_404(request, selectors.organizations_api(request.user), "directory.change", pk=org_id)
    access.require_change(request, org, "directory.change")
    _apply(org, payload.dict(exclude_unset=True), request.user)
    return selectors.organization_api(request.user, org.pk)


class LocalityOut(Schema):
    id: int
    name: str


class SearchHit(Schema):
    organization_id: int
    name: str
    distance_km: float | None
    office_distance_km: float | None
    covers_locality: bool
    service_codes: list[str]
    phone: str


class SearchOut(Schema):
    locality: LocalityOut
    results: list[SearchHit]


@router.get("/public/search", auth=None, response={200: SearchOut, 422: dict}, summary="Публичный поиск помощи")
def search(request, locality: str, need: str | None = None):
    if need and not category_exists(need):
        return Status(422, body({"need": [f"Нет в каталоге: {need}."]}))
    found = find_localities(locality, limit=1)
    if not found:
        return Status(422, body({"locality": [f"Населённый пункт «{locality}» не найден."]}))
    place = found[0]
    hits = public_search(place, need)
    return {
        "locality": {"id": place.id, "name": place.name},
        "results": [
            {
                "organization_id": hit.helper.id,
                "name": hit.helper.name,
                "distance_km": None if hit.distance_km is None else round(hit.distance_km, 1),
                "office_distance_km": None if hit.office_distance_km is None else round(hit.office_distance_km, 1),
                "covers_locality": hit.covers_locality,
                "service_codes": sorted(hit.helper.service_codes),
                "phone": hit.helper.phone,
            }
            for hit in hits
        ],
    }
