"""Plain data for routing, loaded in a few queries."""

from django.db.models import Count, Q

from core.routing import ORGANIZATION, VOLUNTEER, Candidate, Need
from directory.models import Organization
from helprequests.models import LOADING, Assignment
from volunteers.models import Volunteer


def need_for(request):
    person, territory = request.beneficiary, request.territory
    lat, lon = (person.lat, person.lon) if person.lat is not None else (territory.lat, territory.lon)
    return Need(territory.path, lat, lon, frozenset(n.code for n in request.needs.all()))


def _stats(field):
    return {
        "load": Count("help_requests", filter=Q(help_requests__status__in=LOADING), distinct=True),
        "accepted": Count("assignments", filter=Q(assignments__outcome=Assignment.Outcome.ACCEPTED), distinct=True),
        "declined": Count("assignments", filter=Q(assignments__outcome=Assignment.Outcome.DECLINED), distinct=True),
    }


def load_candidates(organizations=None, volunteers=None):
    """Verified organizations and active volunteers as routing candidates."""
    organizations = organizations if organizations is not None else Organization.objects.all()
    volunteers = volunteers if volunteers is not None else Volunteer.objects.all()
    result = []
    orgs = (
        organizations.filter(verified_at__isnull=False)
        .select_related("territory")
        .prefetch_related("served_territories", "services__category")
        .annotate(**_stats("organization"))
    )
    for o in orgs:
        cats = [s.category for s in o.services.all()]
        result.append(
            Candidate(
                ORGANIZATION,
                o.id,
                o.name,
                o.lat,
                o.lon,
                o.served_paths(),
                frozenset(c.code for c in cats),
                o.load,
                o.capacity,
                o.accepted,
                o.declined,
                code_names=tuple((c.code, c.name) for c in cats),
            )
        )
    vols = (
        volunteers.filter(is_active=True)
        .select_related("territory")
        .prefetch_related("skills")
        .annotate(**_stats("volunteer"))
    )
    for v in vols:
        skills = list(v.skills.all())
        result.append(
            Candidate(
                VOLUNTEER,
                v.id,
                v.full_name,
                v.lat,
                v.lon,
                (v.territory.path,),
                frozenset(s.code for s in skills),
                v.load,
                v.max_load,
                v.accepted,
                v.declined,
                reach_km=v.area_radius_km,
                code_names=tuple((s.code, s.name) for s in skills),
            )
        )
    return result


def load_candidate(kind, pk):
    """One helper as a routing candidate (None if unknown, unverified or inactive), without loading the rest."""
    orgs = Organization.objects.filter(pk=pk) if kind == ORGANIZATION else Organization.objects.none()
    vols = Volunteer.objects.filter(pk=pk) if kind == VOLUNTEER else Volunteer.objects.none()
    found = load_candidates(orgs, vols)
    return found[0] if found else None
