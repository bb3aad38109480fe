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
    from territories.selectors import territories_by_ids

    return territories_by_ids(ids)


def organizations():
    """All organizations, for the access door: access.get_or_404 narrows them to the user's scope."""
    return Organization.objects.all()


def organizations_matching(user, params):
    """The directory list and its export: the user's organizations through the page's filter form."""
    from directory.forms import DirectoryFilter

    qs = access.scoped(user, Organization.objects.select_related("territory"))
    form = DirectoryFilter(params or None, user=user)
    if not form.is_valid():
        return qs.order_by("name"), form
    d = form.cleaned_data
    if d["q"]:
        qs = qs.filter(name__icontains=d["q"])
    if d["kind"]:
        qs = qs.filter(kind=d["kind"])
    if d["territory"]:
        qs = qs.filter(territory__path__startswith=d["territory"].path)
    if d["service"]:
        qs = qs.filter(services__category=d["service"])
    if d["verified"] == "yes":
        qs = qs.filter(verified_at__isnull=False)
    elif d["verified"] == "no":
        qs = qs.filter(verified_at__isnull=True)
    elif d["verified"] == "due":
        qs = qs.confirmation_due()
    return qs.order_by(d["sort"] or "name", "name"), form


def organization_list(user, params):
    """(queryset with the services for the rows, the filter form)."""
    qs, form = organizations_matching(user, params)
    return qs.prefetch_related("services__category"), form


def organization_detail():
    """The organization page's queryset (access.get_or_404 narrows it): territory, checker, lists."""
    return Organization.objects.select_related("territory", "verified_by").prefetch_related(
        "services__category", "served_territories"
    )


def pending_proposal(organization, *, with_territories=False):
    """The served-area proposal of an (already scoped) organization waiting for a coordinator, or None."""
    qs = organization.area_proposals.filter(status="pending")
    return (qs.prefetch_related("territories") if with_territories else qs).first()
