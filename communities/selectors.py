"""Reads of the community workspace, always narrowed to the user's scope."""

from django.conf import settings
from django.db.models import Case, Count, IntegerField, Max, Prefetch, Q, Value, When
from django.utils import timezone

from accounts import access
from communities.models import (
    CanvasVersion,
    Community,
    CommunityAudit,
    CommunityLeader,
    Engagement,
    EngagementChange,
    Interaction,
    MetricMeasurement,
    RoadmapStep,
)


def territory_choices(user):
    from territories.models import Territory

    return access.scoped(user, Territory.objects.all(), field="id")


def community_choices(user):
    return access.scoped(user, Community.objects.all())


def organization_choices(user):
    from directory.models import Organization

    return access.scoped(user, Organization.objects.all()).order_by("name")


def staff_choices(user):
    """People a step may be assigned to: coordinators and operators of the user's territory."""
    from accounts.models import Role, User

    return access.scoped(
        user, User.objects.filter(is_active=True, role__in=[Role.COORDINATOR, Role.OPERATOR])
    ).order_by("last_name", "username")


def community_or_404(request, pk, capability="communities.view"):
    """One community with its workspace prefetched; out of scope answers 404 as missing (audited)."""
    access.require(request, capability)
    narrowed = community_detail(request.user, pk)
    return access.one_or_404(request, narrowed, Community.objects.all(), capability, pk=pk)


def api_communities(user, *, form="", status="", engagement=""):
    return communities(user, form=form, status=status, engagement=engagement).prefetch_related(
        "organizations", "leaders"
    )


def interaction_or_404(request, pk):
    return access.get_or_404(request, Interaction.objects.all(), "communities.change", pk=pk)


def roadmap_step_or_404(request, pk):
    return access.get_or_404(request, RoadmapStep.objects.all(), "communities.change", pk=pk)


def roadmap_step_fresh(step):
    """The step as stored (the form has already written the posted values onto the instance)."""
    return RoadmapStep.objects.get(pk=step.pk)


def territory_or_404(request, pk, capability):
    from territories.models import Territory

    return access.get_or_404(request, Territory.objects.all(), capability, field="id", pk=pk)


def roadmap_territories(user):
    return territory_choices(user).order_by("path")


def picked_territory(territories, chosen=""):
    return territories.filter(pk=chosen).first() if str(chosen).isdigit() else None


# --- leaders of communities -------------------------------------------------------------------------


def leaders(user, *, q="", sort=""):
    """The leaders register: search in name, community and sphere of influence; by name, date or community."""
    qs = access.scoped(user, CommunityLeader.objects.select_related("territory", "linked_community"))
    if q:
        qs = qs.filter(
            Q(full_name__icontains=q)
            | Q(community__icontains=q)
            | Q(linked_community__name__icontains=q)
            | Q(influence_area__icontains=q)
        )
    order = {"date": "-found_on", "community": "community"}.get(sort, "full_name")
    return qs.order_by(order, "id")


def leader_or_404(request, pk, capability="leaders.view"):
    return access.get_or_404(request, CommunityLeader.objects.select_related("territory"), capability, pk=pk)


def communities(user, *, q="", form="", status="", engagement="", territory=None):
    qs = access.scoped(user, Community.objects.select_related("territory", "responsible"))
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(meeting_place__icontains=q) | Q(description__icontains=q))
    if form:
        qs = qs.filter(form=form)
    if status:
        qs = qs.filter(status=status)
    if engagement:
        qs = qs.filter(engagement=engagement)
    if territory is not None:
        qs = qs.filter(territory__path__startswith=territory.path)
    return qs.annotate(leader_count=Count("leaders", distinct=True)).order_by("name", "id")


def community_detail(user, pk):
    qs = access.scoped(user, Community.objects.select_related("territory", "responsible"))
    return qs.prefetch_related(
        "organizations",
        Prefetch("leaders", queryset=CommunityLeader.objects.order_by("full_name")),
        Prefetch("engagement_history", queryset=EngagementChange.objects.select_related("by")),
        Prefetch("audits", queryset=CommunityAudit.objects.select_related("by")),
    ).filter(pk=pk)


def canvas_versions(community, kind):
    return CanvasVersion.objects.filter(community=community, kind=kind).select_related("created_by").order_by("-number")


def metric_series(community, version):
    """Chart data: per metric, its name, target and measured values by date."""
    if version is None:
        return []
    measured = {}
    for m in MetricMeasurement.objects.filter(community=community).order_by("measured_on"):
        measured.setdefault(m.metric, []).append(
            {"date": m.measured_on.isoformat(), "label": m.measured_on.strftime("%d.%m.%Y"), "value": m.value}
        )
    return [
        {"index": i, "name": metric["name"], "target": metric["target"], "points": measured.get(i, [])}
        for i, metric in enumerate(version.metrics, start=1)
    ]


def interactions(user, *, q="", community=None, overdue=False, today=None):
    qs = access.scoped(user, Interaction.objects.select_related("community", "organization", "responsible"))
    if q:
        qs = qs.filter(Q(topic__icontains=q) | Q(result__icontains=q) | Q(next_step__icontains=q))
    if community is not None:
        qs = qs.filter(community=community)
    if overdue:
        qs = qs.overdue(today).order_by("due_date", "id")
    return qs


def roadmap(user, *, territory=None, community=None, status="", territory_id=None):
    qs = access.scoped(user, RoadmapStep.objects.select_related("community", "responsible", "territory"))
    if territory is not None:
        qs = qs.filter(territory__path__startswith=territory.path)
    if territory_id is not None:
        qs = qs.filter(territory_id=territory_id)
    if community is not None:
        qs = qs.filter(Q(community=community) | Q(community__isnull=True, territory=community.territory))
    if status == "overdue":
        qs = qs.overdue()
    elif status:
        qs = qs.filter(status=status)
    return qs.order_by("start_date", "due_date", "id")


def timeline(steps, today=None):
    """Bars for the roadmap timeline: offsets and widths in % of the span from the first start to the last due."""
    today = today or timezone.localdate()
    dated = [s for s in steps if s.start_date or s.due_date]
    if not dated:
        return {"rows": [], "start": None, "end": None}
    start = min((s.start_date or s.due_date) for s in dated)
    end = max((s.due_date or s.start_date) for s in dated)
    start, end = min(start, today), max(end, today)
    span = max((end - start).days, 1)
    rows = []
    for s in dated:
        a, b = s.start_date or s.due_date, s.due_date or s.start_date
        rows.append(
            {
                "step": s,
                "left": round((a - start).days * 100 / span, 2),
                "width": max(round((b - a).days * 100 / span, 2), 1.5),
                "overdue": s.is_overdue(today),
            }
        )
    return {"rows": rows, "start": start, "end": end, "today": round((today - start).days * 100 / span, 2)}


# A periodic audit: communities not audited for a quarter are flagged on the desk.
AUDIT_EVERY_DAYS = settings.COMMUNITY_AUDIT_EVERY_DAYS


def desk(user, today=None):
    """The community manager's desk: mine first, then the rest of the territory."""
    today = today or timezone.localdate()
    mine_first = Case(When(responsible=user, then=Value(0)), default=Value(1), output_field=IntegerField())
    comms = list(
        access.scoped(user, Community.objects.select_related("territory", "responsible"))
        .annotate(mine=mine_first, last_audit=Max("audits__held_on"))
        .order_by("mine", "name")[:50]
    )
    steps = access.scoped(user, Interaction.objects.select_related("community", "organization", "responsible"))
    open_steps = steps.open_next_steps().annotate(
        mine=Case(When(responsible=user, then=Value(0)), default=Value(1), output_field=IntegerField())
    )
    road = access.scoped(user, RoadmapStep.objects.select_related("community", "responsible")).open()
    return {
        "communities": comms,
        "overdue_steps": list(open_steps.filter(due_date__lt=today).order_by("mine", "due_date")[:50]),
        "upcoming_steps": list(open_steps.filter(due_date__gte=today).order_by("mine", "due_date")[:20]),
        "roadmap_overdue": list(road.filter(due_date__lt=today).order_by("due_date")[:30]),
        "roadmap_upcoming": list(road.exclude(due_date__lt=today).order_by("due_date")[:20]),
        "leaders": list(
            access.scoped(user, CommunityLeader.objects.select_related("linked_community", "territory"))
            .filter(linked_community__in=[c.pk for c in comms])
            .order_by("full_name")[:30]
        ),
        "audit_due": [
            c
            for c in comms
            if c.status in Community.LIVE and (c.last_audit is None or (today - c.last_audit).days > AUDIT_EVERY_DAYS)
        ],
        "today": today,
    }


def architecture(user, territory):
    """Appendix 1: the levels of interaction in one territory, with counts (no personal data)."""
    from directory.models import Organization
    from territories.models import Territory

    below = Territory.objects.subtree(territory)
    comms = Community.objects.filter(territory__in=below.values("id"))
    orgs = Organization.objects.filter(territory__in=below.values("id"))
    by_status = dict(comms.values_list("status").annotate(n=Count("id")))
    by_level = dict(comms.values_list("engagement").annotate(n=Count("id")))
    by_kind = dict(orgs.values_list("kind").annotate(n=Count("id")))
    children = list(Territory.objects.filter(parent=territory).order_by("name"))
    paths = list(comms.values_list("territory__path", flat=True))
    for child in children:
        child.n = sum(1 for path in paths if path.startswith(child.path))
    return {
        "territory": territory,
        "ancestors": territory.ancestors() if hasattr(territory, "ancestors") else [],
        "coalition": comms.filter(coalition_since__isnull=False).count(),
        "coalition_orgs": orgs.filter(communities__coalition_since__isnull=False).distinct().count(),
        "trc": list(orgs.filter(kind=Organization.Kind.TRC).order_by("name")[:20]),
        "authorities": orgs.filter(kind=Organization.Kind.AUTHORITY).count(),
        "children": children,
        "communities": comms.count(),
        "live": comms.filter(status__in=Community.LIVE).count(),
        "by_status": [(label, by_status.get(value, 0), value) for value, label in Community.Status.choices],
        "by_level": [(label, by_level.get(value, 0), value) for value, label in Engagement.choices],
        "organizations": orgs.count(),
        "by_kind": [(label, by_kind[value]) for value, label in Organization.Kind.choices if by_kind.get(value)],
        "can_open": access.can(user, "communities.view"),
        "can_directory": access.can(user, "directory.view"),
    }


# --- the staff map's layer (communities.map_layer) ---


def map_leaders(user):
    """Community leaders in scope that have a point on the map."""
    return access.scoped(user, CommunityLeader.objects.exclude(lat=None).exclude(lon=None))


def map_communities(user, *, form="", status=""):
    """Communities in scope for the map, by form and status (already checked against the choices)."""
    qs = access.scoped(user, Community.objects.select_related("territory"))
    if form:
        qs = qs.filter(form=form)
    if status:
        qs = qs.filter(status=status)
    return qs


def gap_settlements(user):
    """Settlements in scope where the platform knows older people (also in their areas) but no community works."""
    from people.models import Beneficiary
    from territories.models import Territory

    settlements = list(
        access.scoped(user, Territory.objects.filter(kind=Territory.Kind.SETTLEMENT), field="id").order_by("name")
    )
    people = (
        Beneficiary.objects.filter(anonymized_at__isnull=True, merged_into__isnull=True)
        .values_list("territory__path")
        .annotate(n=Count("id"))
    )
    live = set(Community.objects.filter(status__in=Community.LIVE).values_list("territory__path", flat=True))
    people = list(people)
    result = []
    for t in settlements:
        t.people = sum(n for path, n in people if path.startswith(t.path))
        if t.people and not any(path.startswith(t.path) for path in live):
            result.append(t)
    return result
