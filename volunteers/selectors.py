"""Reads of volunteers, scoped to the user (the list and its export)."""

from django.db.models import Q

from accounts import access
from volunteers.models import Volunteer

FILTERS = ("q", "age_group", "skill", "permanent", "active", "sort")
SORTS = {"name": "full_name", "new": "-created_at", "territory": "territory__name"}


def volunteers_matching(user, f):
    """The user's volunteers (candidates excluded: reviewed at /centres/candidates/), filtered by `f`."""
    f = {k: (f.get(k) or "").strip() for k in FILTERS}
    qs = access.scoped(
        user,
        Volunteer.objects.exclude(status=Volunteer.Status.CANDIDATE).select_related("territory", "organization"),
    )
    if f["q"]:
        qs = qs.filter(Q(full_name__icontains=f["q"]) | Q(training__icontains=f["q"]))
    if f["age_group"] in Volunteer.AgeGroup.values:
        qs = qs.filter(age_group=f["age_group"])
    if f["skill"]:
        qs = qs.filter(skills__code=f["skill"])
    if f["permanent"] in ("1", "0"):
        qs = qs.filter(is_permanent=f["permanent"] == "1")
    if f["active"] != "all":
        qs = qs.filter(is_active=True)
    return qs.order_by(SORTS.get(f["sort"], "full_name"), "id").distinct()


def with_skills(qs):
    return qs.prefetch_related("skills")


def volunteers_api(user):
    """The user's volunteer cards as the API shows them (recruitment candidates are reviewed elsewhere)."""
    qs = Volunteer.objects.exclude(status=Volunteer.Status.CANDIDATE).prefetch_related("skills")
    return access.scoped(user, qs)


def volunteers_api_list(user, *, territory_id=None, skill=None):
    qs = volunteers_api(user)
    if territory_id is not None:
        qs = qs.filter(territory_id=territory_id)
    if skill:
        qs = qs.filter(skills__code=skill)
    return qs.order_by("full_name")


def volunteer_api(user, pk):
    return volunteers_api(user).get(pk=pk)


def volunteer_list(user, f):
    """The list page: `volunteers_matching` with each row's skills."""
    return volunteers_matching(user, f).prefetch_related("skills")


def volunteer_detail():
    """The card page's queryset (access.get_or_404 narrows it to the user's scope)."""
    return Volunteer.objects.select_related("territory", "organization", "user").prefetch_related("skills")


def volunteers():
    """All cards, for the access door: access.get_or_404 narrows them to the user's scope."""
    return Volunteer.objects.all()


def organizations_for_cards(user):
    """Organizations a card of this user may belong to: their scope; an organization's staff only their own."""
    from directory.models import Organization

    if access.is_org_staff(user):
        return Organization.objects.filter(pk=user.organization_id)
    return access.scoped(user, Organization.objects.all())


def former_beneficiaries(user):
    """People of the user's scope a volunteer card may name as «был подопечным»."""
    from people.models import Beneficiary

    return access.scoped(user, Beneficiary.objects.all())


def volunteers_on_map(user):
    """The user's active volunteers with coordinates, with only what the map draws (no names)."""
    qs = Volunteer.objects.filter(is_active=True).exclude(lat=None).exclude(lon=None)
    return access.scoped(user, qs).only("lat", "lon", "area_radius_km", "age_group")
