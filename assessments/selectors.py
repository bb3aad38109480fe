"""Reads for expert sessions: scoped to the user; evidence and comparisons fed to pure functions."""

from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts import access
from assessments import compare, evidence
from assessments.models import ChecklistTemplate, Session
from territories.models import Territory


def sessions(user):
    return access.scoped(user, Session.objects.select_related("territory", "template"))


def session_detail(user, pk):
    return (
        sessions(user)
        .prefetch_related("template__criteria", "scores__criterion", "participants__organization", "practices")
        .filter(pk=pk)
        .first()
    )


def territories(user):
    return access.scoped(user, Territory.objects.all(), "id")


# --- evidence: the platform's figures for a territory (and everything below it), last 12 months ---


def evidence_moment(session, now=None):
    """Figures describe the 12 months before the session (or before today, for a session still ahead)."""
    from datetime import datetime, time

    now = now or timezone.now()
    end_of_day = timezone.make_aware(datetime.combine(session.held_on, time.max))
    return min(now, end_of_day)


def evidence_for(territory, now=None):
    """{evidence key: [Figure, ...]} for one territory."""
    from communities.models import CommunityLeader
    from directory.models import Organization
    from helprequests.models import LOADING, Channel, HelpRequest
    from volunteers.models import Volunteer

    now = now or timezone.now()
    since = now - timedelta(days=365)
    below = Territory.objects.subtree(territory).values("id")
    above = territory.ancestor_ids()
    orgs = Organization.objects.filter(
        Q(territory__in=below) | Q(served_territories__in=below) | Q(served_territories__in=above)
    ).distinct()
    requests = HelpRequest.objects.filter(territory__in=below, received_at__gte=since)
    pairs = list(requests.values_list("received_at", "connected_at"))
    # Overdue at that moment: past the limit, neither connected nor closed by then.
    overdue = (
        HelpRequest.objects.filter(territory__in=below, received_at__lte=now, connect_due_at__lt=now)
        .filter(Q(connected_at__isnull=True) | Q(connected_at__gt=now))
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gt=now))
        .count()
    )
    active = Volunteer.objects.filter(territory__in=below, is_active=True)
    volunteer_stats = active.aggregate(
        count=Count("id"),
        youth=Count("id", filter=Q(age_group=Volunteer.AgeGroup.YOUTH)),
        capacity=Sum("max_load"),
    )
    in_work = HelpRequest.objects.filter(assigned_volunteer__in=active, status__in=LOADING).count()
    return {
        "awareness": evidence.awareness(listed=orgs.publicly_listed(now).count(), searches=None),
        "routing": evidence.routing(requests=pairs, overdue=overdue, now=now),
        "volunteers": evidence.volunteers(
            active=volunteer_stats["count"], tasks_in_work=in_work, capacity=volunteer_stats["capacity"] or 0
        ),
        "leaders": evidence.leaders(registered=CommunityLeader.objects.filter(territory__in=below).count()),
        "youth": evidence.youth(youth_count=volunteer_stats["youth"], active=volunteer_stats["count"]),
        "neighbours": evidence.neighbours(
            from_neighbours=requests.filter(channel=Channel.NEIGHBOUR).count(), total=len(pairs)
        ),
        "sites": evidence.sites(
            count=Organization.objects.filter(territory__in=below, kind=Organization.Kind.SOCIAL_SITE).count()
        ),
    }


# --- comparisons ---


def _column(session, label):
    scores = {}
    for s in session.scores.all():
        scores[s.criterion.number] = compare.NOT_REQUIRED if s.not_required else s.value
    return {"label": label, "scores": scores, "session": session}


def _criteria(template):
    return [(c.number, c.title) for c in template.criteria.all()]


def over_time(user, territory):
    """A territory's sessions, oldest first; rows are criteria of the latest session's checklist by number."""
    items = list(
        sessions(user)
        .filter(territory=territory)
        .prefetch_related("scores__criterion", "template__criteria")
        .order_by("held_on", "id")
    )
    if not items:
        return {"columns": [], "rows": [], "bottlenecks": []}
    columns = [_column(s, s.held_on.strftime("%d.%m.%Y")) for s in items]
    rows = compare.table(_criteria(items[-1].template), columns)
    latest_only = compare.table(_criteria(items[-1].template), columns[-1:])
    return {"columns": columns, "rows": rows, "bottlenecks": compare.bottlenecks(latest_only)}


def templates():
    return ChecklistTemplate.objects.annotate(used=Count("sessions")).order_by("name", "-version")


def heat_map(user, template):
    """Territories side by side for one checklist version: each territory's latest session with it."""
    latest = {}
    for s in (
        sessions(user)
        .filter(template=template)
        .prefetch_related("scores__criterion")
        .order_by("territory__path", "held_on", "id")
    ):
        latest[s.territory_id] = s
    columns = [_column(s, s.territory.name) for s in latest.values()]
    rows = compare.table(_criteria(template), columns)
    for row in rows:
        for cell in row["cells"]:
            cell["delta"] = None  # side by side, not a series
    return {"columns": columns, "rows": rows, "bottlenecks": compare.bottlenecks(rows)}
