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


def with_services(qs):
    """For the export: services with their categories and served territories, prefetched."""
    return qs.prefetch_related("services__category", "served_territories")


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


# --- imports (XLSX/CSV jobs, HSDS packages): each seen only by the one who uploaded it ---
def import_jobs(user):
    """The user's own import jobs (their file's bytes and checked rows left out); none without a signed-in user."""
    from directory.models import ImportJob

    if user is None or not user.is_authenticated:
        return ImportJob.objects.none()
    return ImportJob.objects.filter(created_by=user).defer("data", "checked_rows")


def import_job_queued(job_id):
    """The job the worker was queued with (by its uploader's request: the uploader checked it then, so there is
    no user to scope by here)."""
    from directory.models import ImportJob

    return ImportJob.objects.get(pk=job_id)


def hsds_uploads(user, *, with_data=False):
    """The user's own HSDS packages; none without a signed-in user."""
    from directory.models import HsdsUpload

    if user is None or not user.is_authenticated:
        return HsdsUpload.objects.none()
    qs = HsdsUpload.objects.filter(created_by=user)
    return qs if with_data else qs.defer("data")


def catalog_choices():
    """The catalog's services with their groups, for the mapping step."""
    from catalog.selectors import services_offered

    return list(services_offered().select_related("parent"))


def taxonomy_mappings():
    """{(vocabulary, term code): TaxonomyMapping} — the coordinators' confirmed mappings (shared reference data)."""
    from directory.models import TaxonomyMapping

    return {(m.vocabulary, m.term_code): m for m in TaxonomyMapping.objects.select_related("category")}


def remembered_mapping():
    """{(vocabulary, code): catalog code or None}: our own vocabulary and the confirmed mappings."""
    from catalog.models import ServiceCategory
    from directory.hsds_import import ZABOTA
    from directory.models import TaxonomyMapping

    mapping = {(ZABOTA, code): code for code in ServiceCategory.objects.values_list("code", flat=True)}
    for vocabulary, code, category in TaxonomyMapping.objects.values_list("vocabulary", "term_code", "category__code"):
        mapping[(vocabulary, code)] = category
    return mapping


def territory_ids_in_scope(user):
    from territories.selectors import territories_in_scope

    return set(territories_in_scope(user).values_list("id", flat=True))


def existing_by_name(names):
    """{(name, territory id): (organization id, {service codes})} of organizations with these names — every
    organization, not only the user's: a package must not create a second copy of one the user cannot see."""
    existing = {}
    rows = Organization.objects.filter(name__in=names).values_list(
        "id", "name", "territory_id", "services__category__code"
    )
    for org_id, name, territory_id, code in rows:
        entry = existing.setdefault((name, territory_id), (org_id, set()))
        if code:
            entry[1].add(code)
    return existing


def organizations_for_package(organizations):
    """The (already scoped) organizations with everything an HSDS package writes of them."""
    return organizations.select_related("territory").prefetch_related("services__category", "served_territories")


# --- the staff map and «Рабочий стол» ---
def territory_outlines(user):
    """The user's territories that have a boundary, with only what the map draws."""
    from territories.selectors import territories_in_scope

    return territories_in_scope(user).exclude(boundary=None).only("name", "boundary", "kind")


def organizations_on_map(user):
    """The user's organizations that have coordinates, with only what the map shows."""
    qs = Organization.objects.exclude(lat=None).exclude(lon=None)
    return access.scoped(user, qs).only("name", "kind", "lat", "lon")


def verification_counts(user, now):
    """(waiting for verification, due to confirm their data) among the user's organizations."""
    orgs = access.scoped(user, Organization.objects.all())
    return orgs.filter(verified_at__isnull=True).count(), orgs.confirmation_due(now).count()


def publicly_listed(user):
    """The listed organizations in the user's scope (what the HSDS package of the directory holds)."""
    return access.scoped(user, Organization.objects.publicly_listed())


# --- the XLSX/CSV import's lookups (directory.tasks) ---


def import_lookups(user):
    """An import's lookups: territories in the importer's scope and their organizations by normalized name, the
    catalog's services by code and name, the organization kinds; every organization for the duplicate warnings."""
    from catalog.models import ServiceCategory
    from directory import importing
    from territories.matching import normalize

    territories = {}
    for tid, name in access.scoped(user, Territory.objects.all(), field="id").values_list("id", "name"):
        territories.setdefault(normalize(name), []).append(tid)
    categories = {}
    for code, name, plain in ServiceCategory.objects.filter(parent__isnull=False).values_list(
        "code", "name", "plain_name"
    ):
        categories[code] = code
        categories[normalize(name)] = code
        if plain:
            categories[normalize(plain)] = code
    kinds = {normalize(label): code for code, label in Organization.Kind.choices} | {
        code: code for code in Organization.Kind.values
    }
    kinds |= {"бюджетное учреждение": "state", "кцсон": "state", "ип": "entrepreneur"}
    orgs = access.scoped(user, Organization.objects.all()).values_list("id", "name", "territory_id")
    return importing.Lookups(
        territories=territories,
        categories=categories,
        kinds=kinds,
        organizations={normalize(name): oid for oid, name, _ in orgs},
        existing_orgs=list(Organization.objects.values_list("id", "name", "territory_id")),
    )
