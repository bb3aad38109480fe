from datetime import date, datetime

from django.utils import timezone
from ninja import Field, Router, Schema, Status

from accounts import access
from audit import log as audit_log
from core import api_checks as h
from people import selectors, services
from people.models import Consent
from people.services import duplicates_of
from territories.selectors import territory_in_scope

router = Router(tags=["Подопечные и обращения"])


class ConsentIn(Schema):
    purpose: Consent.Purpose
    given_at: datetime | None = None


class BeneficiaryIn(Schema):
    full_name: str = Field(min_length=3, max_length=200)
    birth_date: date | None = None
    phone: str = Field("", max_length=40)
    territory_id: int
    address: str = Field("", max_length=300)
    lat: float | None = Field(None, ge=-90, le=90)
    lon: float | None = Field(None, ge=-180, le=180)
    lives_alone: bool | None = None  # None: unknown (#9)
    consent: ConsentIn


class BeneficiaryCreated(Schema):
    id: int
    possible_duplicates: list[int]


class ConsentOut(Schema):
    purpose: str
    text_version: str
    given_at: datetime
    withdrawn_at: datetime | None


class BeneficiaryOut(Schema):
    id: int
    full_name: str
    birth_date: date | None
    phone: str
    territory_id: int
    address: str
    lat: float | None
    lon: float | None
    lives_alone: bool | None
    merged_into_id: int | None
    consents: list[ConsentOut]

    @staticmethod
    def resolve_consents(obj):
        return list(obj.consents.all())


@router.post("/beneficiaries", response={201: BeneficiaryCreated}, summary="Записать подопечного")
def create_beneficiary(request, payload: BeneficiaryIn):
    access.require(request, "people.change")
    errors = h.Errors()
    territory = territory_in_scope(request.user, payload.territory_id, "territory_id", errors)
    phone = h.phone(payload.phone, "phone", errors)
    if payload.birth_date and not date(1900, 1, 1) <= payload.birth_date <= timezone.localdate():
        errors.add("birth_date", "Дата рождения вне допустимого диапазона.")
    if payload.consent.given_at and payload.consent.given_at > timezone.now():
        errors.add("consent.given_at", "Дата согласия не может быть в будущем.")
    if (payload.lat is None) != (payload.lon is None):
        errors.add("lon", "Укажите и широту, и долготу — или ни то, ни другое.")
    errors.raise_if_any()
    duplicates = duplicates_of(
        full_name=payload.full_name,
        birth_date=payload.birth_date,
        phones=(phone,),
        territory=territory,
        user=request.user,
    )
    person = services.beneficiary_create(
        full_name=" ".join(payload.full_name.split()),
        birth_date=payload.birth_date,
        phone=phone,
        territory=territory,
        address=payload.address,
        lat=payload.lat,
        lon=payload.lon,
        lives_alone=payload.lives_alone,
        consent=payload.consent.purpose,
        consent_given_at=payload.consent.given_at,
        actor=request.user,
    )
    return Status(201, {"id": person.pk, "possible_duplicates": sorted(b.pk for b, _ in duplicates)})


@router.get("/beneficiaries/{beneficiary_id}", response=BeneficiaryOut, summary="Подопечный")
def get_beneficiary(request, beneficiary_id: int):
    person = selectors.beneficiary_or_404(request, beneficiary_id, "people.view", consents=True)
    audit_log.viewed(request, person)
    return person
