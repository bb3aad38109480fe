"""#МЫВМЕСТЕ.ОПЕКА API: family applications, the marker, matching (refused before the agreement), the report."""

from datetime import date, datetime

from django.utils import timezone
from ninja import Field, Router, Schema, Status

from accounts import access
from catalog.selectors import categories_by_codes
from core import api_checks as h
from guardianship import selectors, services

router = Router(tags=["#МЫВМЕСТЕ.ОПЕКА"])


class ApplicationIn(Schema):
    household_id: int
    source: str = Field(description="onf_hotline | regional_hq | other")
    source_note: str = Field("", max_length=200)
    request_text: str = Field("", max_length=5000)
    contact_email: str = Field("", max_length=254)
    received_at: datetime | None = None


class ApplicationOut(Schema):
    id: int
    household_id: int
    source: str
    status: str


class MarkIn(Schema):
    need_codes: list[str] = Field(min_length=1)
    note: str = Field("", max_length=2000)
    override_reason: str = Field("", max_length=500)


class MarkOut(Schema):
    household_id: int
    needs_guardianship_since: datetime
    need_codes: list[str]


class MatchIn(Schema):
    household_id: int
    guardian_id: int


class MatchOut(Schema):
    id: int
    household_id: int
    guardian_id: int
    status: str


class GuardianOut(Schema):
    id: int
    name: str
    kind: str
    territory_id: int
    status: str
    has_agreement: bool
    capability_codes: list[str]
    max_families: int


class GuardianshipReportOut(Schema):
    territory_id: int | None
    date_from: date
    date_to: date
    needing: int
    matched_waiting: int
    overdue: int
    constant_help: int
    new_marked: int
    applications: int
    applications_by_source: dict[str, int]
    help_entries: int
    help_by_category: dict[str, int]
    families_helped: int
    terminated: int
    needs_met: int
    feedback: int
    satisfaction_avg: float | None
    excluded_override: int


def _household(request, household_id, errors, field="household_id"):
    household = selectors.household_in_scope(request.user, household_id)
    if household is None:
        errors.add(field, "Семья не найдена или вне вашей зоны ответственности.")
    return household


@router.post("/guardianship/family-applications", response={201: ApplicationOut}, summary="Заявка семьи (источник)")
def create_application(request, payload: ApplicationIn):
    access.require(request, "guardianship.manage")
    errors = h.Errors()
    household = _household(request, payload.household_id, errors)
    errors.raise_if_any()
    data = payload.dict(exclude={"household_id"})
    application = services.application_create(household=household, actor=request.user, **data)
    return Status(
        201,
        {
            "id": application.pk,
            "household_id": household.pk,
            "source": application.source,
            "status": application.status,
        },
    )


@router.post(
    "/guardianship/families/{household_id}/mark",
    response=MarkOut,
    summary="Отбор: маркер «Требуется опека»",
)
def mark(request, household_id: int, payload: MarkIn):
    household = selectors.household_for_api_or_404(request, household_id)
    errors = h.Errors()
    needs = categories_by_codes(payload.need_codes, "need_codes", errors)
    errors.raise_if_any()
    services.mark_household(
        household=household,
        needs=needs,
        note=payload.note,
        override_reason=payload.override_reason,
        actor=request.user,
    )
    return {
        "household_id": household.pk,
        "needs_guardianship_since": household.needs_guardianship_since,
        "need_codes": [c.code for c in needs],
    }


@router.post("/guardianship/matches", response={201: MatchOut}, summary="Передать семью опекуну")
def create_match(request, payload: MatchIn):
    access.require(request, "guardianship.manage")
    errors = h.Errors()
    household = _household(request, payload.household_id, errors)
    errors.raise_if_any()
    # Another district's guardian answers 404 as a missing one, and the attempt is audited (#10).
    guardian = selectors.guardian_to_match_or_404(request, payload.guardian_id)
    match = services.match(household=household, guardian=guardian, actor=request.user)
    return Status(
        201, {"id": match.pk, "household_id": household.pk, "guardian_id": guardian.pk, "status": match.status}
    )


@router.get("/guardianship/guardians", response=list[GuardianOut], summary="Реестр опекунов")
def guardians(request, status: str | None = None):
    access.require(request, "guardianship.manage")
    qs = selectors.guardians_api(request.user, status)
    return [
        {
            "id": g.pk,
            "name": g.name,
            "kind": g.kind,
            "territory_id": g.territory_id,
            "status": g.status,
            "has_agreement": g.has_agreement,
            "capability_codes": [c.code for c in g.capabilities.all()],
            "max_families": g.max_families,
        }
        for g in qs
    ]


@router.get("/guardianship/report", response=GuardianshipReportOut, summary="Отчёт для федерального штаба (агрегаты)")
def report(request, territory_id: int | None = None, date_from: date | None = None, date_to: date | None = None):
    access.require(request, "guardianship.reports")
    date_to = date_to or timezone.localdate()
    date_from = date_from or date_to.replace(month=1, day=1)
    territory = None
    if territory_id is not None:
        territory = selectors.report_territory_or_404(request, territory_id)
    figures = selectors.figures(request.user, territory, date_from, date_to)
    return {"territory_id": territory_id, "date_from": date_from, "date_to": date_to, **figures}
