from django.db import transaction
from ninja import Field, Router, Schema, Status

from accounts import access
from audit import log as audit_log
from catalog.selectors import categories_by_codes
from core import api_checks as h
from directory.models import Organization
from territories.selectors import territory_in_scope
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


def _queryset(user):
    # Recruitment candidates (#16) are reviewed at /centres/candidates/, not listed as volunteers.
    return access.scoped(user, Volunteer.objects.exclude(status=Volunteer.Status.CANDIDATE).prefetch_related("skills"))


def _login(user_id, volunteer, actor, errors):
    """A volunteer login may be bound only by those who manage logins, within their scope, and only if it
    is not bound to another card (the same rule as the web form, accounts.services.user_link)."""
    from accounts.models import Role, User

    if user_id is None or user_id == volunteer.user_id:
        return user_id
    if not access.can(actor, "users.manage"):
        errors.add("user_id", "Связывать учётные записи с карточками могут координаторы и администраторы.")
        return volunteer.user_id
    login = access.manageable_users(actor, User.objects.filter(role=Role.VOLUNTEER)).filter(pk=user_id).first()
    if login is None:
        errors.add("user_id", "Нет пользователя с ролью «Волонтёр» с таким id в вашей зоне ответственности.")
        return volunteer.user_id
    linked = Volunteer.objects.filter(user=login).exclude(pk=volunteer.pk).values_list("pk", flat=True).first()
    if linked:
        errors.add("user_id", f"Эта учётная запись уже связана с карточкой волонтёра №{linked}.")
        return volunteer.user_id
    return user_id


@transaction.atomic
def _apply(volunteer, data, user):
    errors = h.Errors()
    if "territory_id" in data:
        volunteer.territory = territory_in_scope(user, data.pop("territory_id"), "territory_id", errors)
    skills = categories_by_codes(data.pop("skill_codes"), "skill_codes", errors) if "skill_codes" in data else None
    if "phone" in data:
        volunteer.phone = h.phone(data.pop("phone"), "phone", errors)
    if "organization_id" in data:
        org_id = data.pop("organization_id")
        allowed = access.scoped(user, Organization.objects.all())
        if access.is_org_staff(user):
            allowed = allowed.filter(pk=user.organization_id)
        if org_id is not None and not allowed.filter(pk=org_id).exists():
            errors.add("organization_id", "Организация не найдена или вне вашей зоны ответственности.")
        volunteer.organization_id = org_id
    if "user_id" in data:
        volunteer.user_id = _login(data.pop("user_id"), volunteer, user, errors)
    for key, value in data.items():
        setattr(volunteer, key, value)
    if access.is_org_staff(user) and volunteer.organization_id != user.organization_id:
        errors.add("organization_id", "Сотрудник организации добавляет волонтёров только своей организации.")
    errors.raise_if_any()
    volunteer.full_clean(exclude=["skills", "user"])
    volunteer.save()
    if skills is not None:
        volunteer.skills.set(skills)
    return volunteer


@router.get("/volunteers", response=list[VolunteerOut], summary="Волонтёры")
def list_volunteers(request, territory_id: int | None = None, skill: str | None = None):
    access.require(request, "volunteers.view")
    qs = _queryset(request.user)
    if territory_id is not None:
        qs = qs.filter(territory_id=territory_id)
    if skill:
        qs = qs.filter(skills__code=skill)
    audit_log.exported(request, "Волонтёры (API)", qs.count())
    return qs.order_by("full_name")


@router.post("/volunteers", response={201: VolunteerOut}, summary="Добавить волонтёра")
def create_volunteer(request, payload: VolunteerIn):
    access.require(request, "volunteers.change")
    return Status(201, _apply(Volunteer(), payload.dict(), request.user))


@router.get("/volunteers/{volunteer_id}", response=VolunteerOut, summary="Волонтёр")
def get_volunteer(request, volunteer_id: int):
    volunteer = access.get_or_404(request, _queryset(request.user), "volunteers.view", pk=volunteer_id)
    audit_log.viewed(request, volunteer)
    return volunteer


@router.patch("/volunteers/{volunteer_id}", response=VolunteerOut, summary="Изменить волонтёра")
def patch_volunteer(request, volunteer_id: int, payload: VolunteerPatch):
    volunteer = access.get_or_404(request, _queryset(request.user), "volunteers.change", pk=volunteer_id)
    access.require_change(request, volunteer, "volunteers.change")
    _apply(volunteer, payload.dict(exclude_unset=True), request.user)
    return _queryset(request.user).get(pk=volunteer.pk)
