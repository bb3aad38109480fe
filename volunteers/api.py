from ninja import Field, Router, Schema, Status

from accounts import access
from audit import log as audit_log
from catalog.selectors import categories_by_codes
from core import api_checks as h
from volunteers import selectors, services
from volunteers.models import Volunteer

router = Router(tags=["Справочник помощи"])
AgeGroup = Volunteer.AgeGroup


class VolunteerOut(Schema):
    id: int
    full_name: str
    phone: str
    age_group: str
    is_permanent: bool
    skill_codes: list[str]
    territory_id: int
    lat: float | None
    lon: float | None
    max_load: int
    organization_id: int | None
    user_id: int | None

    @staticmethod
    def resolve_skill_codes(obj):
        return sorted(s.code for s in obj.skills.all())


class VolunteerIn(Schema):
    full_name: str = Field(min_length=3, max_length=200)
    phone: str = Field("", max_length=40)
    age_group: AgeGroup
    is_permanent: bool = True
    skill_codes: list[str] = []
    territory_id: int
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    max_load: int = Field(3, ge=1, le=100)
    organization_id: int | None = None
    user_id: int | None = None


class VolunteerPatch(Schema):
    full_name: str | None = Field(None, min_length=3, max_length=200)
    phone: str | None = Field(None, max_length=40)
    age_group: AgeGroup | None = None
    is_permanent: bool | None = None
    skill_codes: list[str] = Field(None, description="Весь список; пустой список очищает, null не допускается.")
    territory_id: int | None = None
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    max_load: int | None = Field(None, ge=1, le=100)
    organization_id: int | None = None
    user_id: int | None = None


def _apply(volunteer, data, user):
    errors = h.Errors()
    skills = categories_by_codes(data.pop("skill_codes"), "skill_codes", errors) if "skill_codes" in data else None
    if "phone" in data:
        data["phone"] = h.phone(data.pop("phone"), "phone", errors)
    return services.volunteer_save(volunteer=volunteer, data=data, skills=skills, actor=user, errors=errors)


@router.get("/volunteers", response=list[VolunteerOut], summary="Волонтёры")
def list_volunteers(request, territory_id: int | None = None, skill: str | None = None):
    access.require(request, "volunteers.view")
    qs = selectors.volunteers_api_list(request.user, territory_id=territory_id, skill=skill)
    audit_log.exported(request, "Волонтёры (API)", qs.count())
    return qs


@router.post("/volunteers", response={201: VolunteerOut}, summary="Добавить волонтёра")
def create_volunteer(request, payload: VolunteerIn):
    access.require(request, "volunteers.change")
    return Status(201, _apply(Volunteer(), payload.dict(), request.user))


@router.get("/volunteers/{volunteer_id}", response=VolunteerOut, summary="Волонтёр")
def get_volunteer(request, volunteer_id: int):
    volunteer = access.get_or_404(request, selectors.volunteers_api(request.user), "volunteers.view", pk=volunteer_id)
    audit_log.viewed(request, volunteer)
    return volunteer


@router.patch("/volunteers/{volunteer_id}", response=VolunteerOut, summary="Изменить волонтёра")
def patch_volunteer(request, volunteer_id: int, payload: VolunteerPatch):
    volunteer = access.get_or_404(request, selectors.volunteers_api(request.user), "volunteers.change", pk=volunteer_id)
    access.require_change(request, volunteer, "volunteers.change")
    _apply(volunteer, payload.dict(exclude_unset=True), request.user)
    return selectors.volunteer_api(request.user, volunteer.pk)
