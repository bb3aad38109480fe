"""Reads of the directory, scoped to the user (#10: the adapters' only way to read organizations)."""

from accounts import access
from directory.models import Organization
from territories.models import Territory


def organizations_api(user):
    """The user's organizations with what the API shows of each (lists, pending area proposal) prefetched."""
    qs = Organization.objects.prefetch_related(
        "served_territories", "services__category", "area_proposals__territories"
    )
    return access.scoped(user, qs)


def organization_api(user, pk):
    return organizations_api(user).get(pk=pk)


def organizations_api_list(user, *, territory_id=None, service=None, kind=None):
    qs = organizations_api(user)
    if territory_id is not None:
        territory = Territory.objects.filter(pk=territory_id).first()
        qs = qs.filter(territory__path__startswith=territory.path) if territory else qs.none()
    if service:
        qs = qs.filter(services__category__code=service)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("name")


def territories_by_ids(ids):
    """The territories with these ids (the tree is no secret; the scope is the save's rule)."""
    return list(Territory.objects.filter(pk__in=ids))
