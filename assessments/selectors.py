"""Reads for expert sessions: scoped to the user; evidence and comparisons fed to pure functions."""

from datetime import timedelta

from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts import access
from assessments import compare, evidence
from assessments.models import ChecklistTemplate, Criterion, Participant, Proposal, ProtocolTemplate, Session, Task
from territories.models import Territory


def _signed_in(user):
    return user is not None and user.is_authenticated and user.is_active


def sessions(user):
    return access.scoped(user, Session.objects.select_related("territory", "template"))


def session_of(user, pk):
    """One session in the user's scope or None (a worker's export looks it up again with its owner)."""
    return sessions(user).filter(pk=pk).first() if pk is not None else None


def with_scores(qs):
    return qs.prefetch_related("scores__criterion")


def session_list(user, *, q="", year=""):
    """The sessions page and its export: search in title, subtitle and territory; a year when given."""
    qs = sessions(user)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(subtitle__icontains=q) | Q(territory__name__icontains=q))
    if str(year).isdigit():
        qs = qs.filter(held_on__year=int(year))
    return qs.order_by("-held_on", "-id")


def session_rows(user, *, territory_id=None, year=None, limit=500):
    """The API's list: sessions with their scores, newest first."""
    qs = sessions(user).prefetch_related("scores__criterion")
    if territory_id is not None:
        qs = qs.filter(territory_id=territory_id)
    if year is not None:
        qs = qs.filter(held_on__year=year)
    return qs.order_by("-held_on", "-id")[:limit]


def session_or_404(request, pk, capability="assessments.view"):
    """One session in the user's scope (out of scope answers 404 and is audited, through the access door)."""
    return access.get_or_404(request, Session.objects.select_related("territory", "template"), capability, pk=pk)


def session_full_or_404(request, pk):
    """One session with everything the API's detail shows."""
    return access.get_or_404(
        request,
        Session.objects.select_related("territory", "template", "place_org").prefetch_related(
            "scores__criterion", "participants__organization", "proposals__criterion", "proposals__addressee_org"
        ),
        "assessments.view",
        pk=pk,
    )


def session_practice_ids(session):
    return list(session.practices.values_list("id", flat=True))


def session_proposals(session):
    return session.proposals.select_related("criterion", "addressee_org", "practice")


def session_participants(session):
    return session.participants.select_related("organization")


def session_tasks(session):
    return session.tasks.select_related("criterion")


def session_criteria(session):
    """The criteria of the session's checklist version (choices of its proposals and tasks)."""
    if session is None:
        return Criterion.objects.none()
    return Criterion.objects.filter(template=session.template)


def participant_or_404(request, pk):
    return access.get_or_404(
        request, Participant.objects.select_related("session"), "assessments.change", "session__territory", pk=pk
    )


def task_or_404(request, pk):
    return access.get_or_404(
        request, Task.objects.select_related("session"), "assessments.change", "session__territory", pk=pk
    )


def proposal_or_404(request, pk):
    return access.get_or_404(
        request,
        Proposal.objects.select_related("session__territory", "session__template"),
        "assessments.change",
        "session__territory",
        pk=pk,
    )


def proposals(user, *, q="", status="", overdue=False):
    """Following proposals up across sessions: search, status, overdue (past due and not closed)."""
    qs = access.scoped(
        user,
        Proposal.objects.select_related("session__territory", "criterion", "addressee_org", "practice"),
        "session__territory",
    )
    if q:
        qs = qs.filter(
            Q(text__icontains=q)
            | Q(addressee__icontains=q)
            | Q(addressee_org__name__icontains=q)
            | Q(responsible__icontains=q)
        )
    if status in Proposal.Status.values:
        qs = qs.filter(status=status)
    if overdue:
        qs = qs.filter(due_on__lt=timezone.localdate()).exclude(status__in=Proposal.CLOSED)
    return qs.order_by("-session__held_on", "criterion__number", "id")


def protocol_templates(user):
    return access.scoped(user, ProtocolTemplate.objects.select_related("territory", "uploaded_by"))


def protocol_template_or_404(request, pk):
    return access.get_or_404(
        request, ProtocolTemplate.objects.select_related("territory"), "assessments.checklists", pk=pk
    )


def organization_choices(user):
    """Organizations the user may pick (place, participant, addressee): in scope, by name."""
    from directory.models import Organization

    return access.scoped(user, Organization.objects.all()).order_by("name")


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
    in_work = HelpRequest.objects.filter(helper_volunteer__in=active, status__in=LOADING).count()
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


def templates(with_criteria=False):
    qs = ChecklistTemplate.objects.annotate(used=Count("sessions")).order_by("name", "-version")
    return qs.prefetch_related("criteria") if with_criteria else qs


def template_choices(user):
    """Checklist versions a session may use (the coalition's shared checklists); nobody signed in, none."""
    if not _signed_in(user):
        return ChecklistTemplate.objects.none()
    return ChecklistTemplate.objects.all()


def template(user, pk):
    """One checklist version, or None (the checklists are shared by the coalition)."""
    return template_choices(user).filter(pk=pk).first()


def heat_template(user, chosen=""):
    """The version the heat map compares: the chosen one, else the current one, else any."""
    qs = template_choices(user)
    found = qs.filter(pk=chosen).first() if str(chosen).isdigit() else None
    return found or qs.filter(is_current=True).first() or qs.first()


def compared_territories(user):
    """Territories that have sessions the user sees (the «over time» picker)."""
    return Territory.objects.filter(pk__in=sessions(user).values("territory")).order_by("path")


def compared_territory(territories, chosen=""):
    return territories.filter(pk=chosen).first() if str(chosen).isdigit() else territories.first()


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
