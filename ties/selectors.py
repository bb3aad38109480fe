"""Reads of the ties app, scoped to the user: the worklist «Под риском одиночества», next-step suggestions,
the circle of ties of one person, counts by level for analysts."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, F, Q
from django.utils import timezone

from accounts import access
from core.geo import distance_km
from ties.models import Kind, Level, Risk, Task, Tie

# The seed's levels of care (методический сборник: «Уровни заботы о старших»), inside out: the rings.
RINGS = [
    (1, "Близкие, родственники, друзья"),
    (2, "Соседское сообщество"),
    (3, "ТРЦ, ТОС, НКО, волонтёры"),
    (4, "Государственная система"),
]
RING_OF_KIND = {
    Kind.RELATIVE: 1,
    Kind.FRIEND: 1,
    Kind.NEIGHBOUR: 2,
    Kind.COMMUNITY: 2,
    Kind.OTHER: 2,
    Kind.SOCIAL_WORKER: 4,
}


def risks(user):
    return access.scoped(user, Risk.objects.all())


# --- records fetched through the access door (out of scope answers 404, audited) ---


def person_or_404(request, pk, capability="ties.view"):
    from people.models import Beneficiary

    return access.get_or_404(request, Beneficiary.objects.select_related("territory"), capability, pk=pk)


def person_of(user, pk):
    """A person in the user's scope or None (the leaflet is built by the worker for its owner)."""
    from people.models import Beneficiary

    qs = access.scoped(user, Beneficiary.objects.select_related("territory"))
    return qs.filter(pk=pk).first() if pk is not None else None


def tie_or_404(request, pk):
    return access.get_or_404(request, Tie.objects.select_related("beneficiary", "contact"), "ties.change", pk=pk)


def task_or_404(request, pk):
    return access.get_or_404(request, Task.objects.all(), "ties.change", pk=pk)


def planned_event_or_404(request, pk):
    from centres.models import Event

    return access.get_or_404(request, Event.objects.filter(status=Event.Status.PLANNED), "ties.change", pk=pk)


def territory_or_404(request, pk, capability):
    from territories.models import Territory

    return access.get_or_404(request, Territory.objects.all(), capability, field="id", pk=pk)


def stored_risk(person):
    """The person's stored risk (the caller fetched the person in scope), or None before the first pass."""
    return Risk.objects.filter(pk=person.pk).first()


def filter_territories(user):
    """The territories the worklist and the counts filter by: the user's scope, without areas."""
    from territories.models import Territory

    return access.scoped(user, Territory.objects.exclude(kind=Territory.Kind.AREA), field="id")


def worklist_matching(user, params):
    """The worklist page and its export: the user's scope, then the page's territory, level and search."""
    from core.utils import int_param

    territories = filter_territories(user)
    territory = territories.filter(pk=int_param(params.get("territory"))).first()
    level = params.get("level", "")
    level = int(level) if level in ("0", "1", "2") else None
    q = params.get("q", "").strip()[:100]
    rows = worklist(user, level=level, territory=territory, q=q)
    return rows, {"territories": territories, "territory": territory, "level": level, "q": q}


def counts_territory(user, territory_id):
    """The counts page's territory filter (None when not given or not in the user's reach)."""
    return filter_territories(user).filter(pk=territory_id).first()


def open_tasks(rows):
    """{person id: [open task, ...]} for worklist rows already narrowed to the user."""
    tasks = {}
    for task in Task.objects.filter(beneficiary_id__in=[r.pk for r in rows], done_at__isnull=True):
        tasks.setdefault(task.beneficiary_id, []).append(task)
    return tasks


def active_volunteer(user, pk):
    """An active volunteer in the user's scope, or None (a value that is not a number finds none)."""
    from volunteers.models import Volunteer

    return access.scoped(user, Volunteer.objects.filter(is_active=True)).filter(pk=pk).first()


def leaflet_places(user, person, now=None):
    """The leaflet's nearby sites (five, by name) and public planned events of the next 30 days (five)."""
    from centres.models import Centre, Event

    now = now or timezone.now()
    district = person.territory.parent or person.territory
    centres = access.scoped(user, Centre.objects.filter(is_active=True)).filter(
        territory__path__startswith=district.path
    )
    events = (
        access.scoped(user, Event.objects.filter(status=Event.Status.PLANNED, is_public=True))
        .filter(centre__in=centres, starts_at__gte=now, starts_at__lte=now + timedelta(days=30))
        .select_related("centre")
        .order_by("starts_at")[:5]
    )
    return list(centres.order_by("name")[:5]), list(events)


def counts_by_territory(user, territory=None):
    """The API's counts: [{territory_id, territory, high, medium, low}] by territory name — aggregates only."""
    codes = {Level.LOW: "low", Level.MEDIUM: "medium", Level.HIGH: "high"}
    rows = risks(user)
    if territory is not None:
        rows = rows.filter(territory__path__startswith=territory.path)
    table = {}
    for tid, name, lvl, n in (
        rows.values("territory_id", "territory__name", "level")
        .annotate(n=Count("pk"))
        .values_list("territory_id", "territory__name", "level", "n")
    ):
        entry = table.setdefault(tid, {"territory_id": tid, "territory": name, "high": 0, "medium": 0, "low": 0})
        entry[codes[lvl]] = n
    return sorted(table.values(), key=lambda e: e["territory"])


def worklist(user, *, level=None, territory=None, q="", include_contacted=False):
    """People at high or rising risk with no current contact, highest risk and longest waiting first."""
    rows = risks(user).filter(beneficiary__anonymized_at__isnull=True, beneficiary__merged_into__isnull=True)
    if not include_contacted:
        rows = rows.filter(has_current_contact=False)
    if level is not None:
        rows = rows.filter(level=level)
    else:
        rows = rows.filter(Q(level=Level.HIGH) | Q(rising=True, level=Level.MEDIUM))
    if territory is not None:
        rows = rows.filter(territory__path__startswith=territory.path)
    if q:
        rows = rows.filter(beneficiary__full_name__icontains=q)
    return rows.select_related("beneficiary", "territory").order_by(
        "-level", "-rising", F("last_contact_at").asc(nulls_first=True), "level_since", "pk"
    )


def counts_by_level(user, territory=None):
    """Aggregates for analysts: {territory name: {level: count}} — no names, no rows of people."""
    rows = risks(user)
    if territory is not None:
        rows = rows.filter(territory__path__startswith=territory.path)
    table = {}
    for name, level, n in (
        rows.values("territory__name", "level").annotate(n=Count("pk")).values_list("territory__name", "level", "n")
    ):
        table.setdefault(name, {0: 0, 1: 0, 2: 0})[level] = n
    return dict(sorted(table.items()))


# --- next steps ---


@dataclass
class Suggestion:
    kind: str  # enrol, event, site, neighbour, leader, relative
    text: str
    reasons: list = field(default_factory=list)
    target_id: int | None = None
    phone: str = ""


def _nearest(items, person, key_lat="lat", key_lon="lon"):
    def rank(item):
        d = distance_km(person.lat or person.territory.lat, person.lon or person.territory.lon, *item[1:3])
        return (0 if item[3] else 1, d if d is not None else 1e9)

    return sorted(items, key=rank)


def suggestions(user, rows, now=None):
    """{beneficiary_id: [Suggestion]} for a page of worklist rows, from the platform's own data, in the user's
    scope only. A fixed number of queries whatever the number of rows."""
    from centres.models import Centre, Event
    from communities.models import CommunityLeader
    from phone import matching
    from phone import queries as phone_queries
    from phone.models import Enrolment
    from volunteers.models import Volunteer

    now = now or timezone.now()
    rows = list(rows)
    if not rows:
        return {}
    ids = [r.pk for r in rows]
    enrolled = set(Enrolment.objects.active().filter(beneficiary_id__in=ids).values_list("beneficiary_id", flat=True))
    can_enrol = access.can(user, "phone.manage")
    volunteers_pool = access.scoped(user, Volunteer.objects.filter(is_active=True, status="active"))
    phone_pool = phone_queries.phone_volunteers(volunteers_pool) if can_enrol else []
    neighbours = list(volunteers_pool.select_related("territory").only("pk", "full_name", "phone", "territory__path"))
    centres = list(access.scoped(user, Centre.objects.filter(is_active=True)).select_related("territory"))
    events = list(
        access.scoped(user, Event.objects.filter(status=Event.Status.PLANNED))
        .filter(starts_at__gte=now, starts_at__lte=now + timedelta(days=30))
        .select_related("centre__territory")
        .annotate(taken=Count("participants"))
        .order_by("starts_at")
    )
    leaders = list(access.scoped(user, CommunityLeader.objects.select_related("territory")))
    relatives = {}
    for tie in (
        Tie.objects.filter(
            beneficiary_id__in=ids, ended_on__isnull=True, kind__in=[Kind.RELATIVE, Kind.NEIGHBOUR, Kind.FRIEND]
        )
        .select_related("contact")
        .order_by("-lives_nearby", "kind")
    ):
        relatives.setdefault(tie.beneficiary_id, []).append(tie)
    result = {}
    for risk in rows:
        person, path = risk.beneficiary, risk.territory.path
        settlement = path  # the person's own territory and what is below it
        parts = path.strip("/").split("/")
        district = "/" + "/".join(parts[: max(len(parts) - 1, 2)]) + "/"  # the territory above (a district)
        out = []
        if risk.pk not in enrolled and can_enrol:
            ranked = matching.rank(path, "русский", phone_pool)
            if ranked:
                v, reasons = ranked[0]
                out.append(Suggestion("enrol", f"Включить в «Алло, волонтёр!»: звонит {v.name}", reasons, v.id))
        for tie in relatives.get(risk.pk, [])[:2]:
            text = f"Позвонить: {tie.display_name} ({tie.get_kind_display().lower()}"
            text += ", живёт рядом)" if tie.lives_nearby else ")"
            out.append(Suggestion("relative", text, [], tie.pk, tie.phone))
        near_events = [
            e
            for e in events
            if path.startswith(e.centre.territory.path) or e.centre.territory.path.startswith(district)
        ]
        free = [e for e in near_events if e.capacity is None or e.taken < e.capacity]
        if free:
            e = free[0]
            out.append(
                Suggestion(
                    "event",
                    f"Пригласить на «{e.title}» {timezone.localtime(e.starts_at):%d.%m %H:%M}",
                    [e.centre.name, e.place or e.centre.address],
                    e.pk,
                )
            )
        else:
            sites = _nearest(
                [
                    (c, c.territory.lat, c.territory.lon, path.startswith(c.territory.path))
                    for c in centres
                    if c.territory.path.startswith(district) or path.startswith(c.territory.path)
                ],
                person,
            )
            if sites:
                c = sites[0][0]
                out.append(
                    Suggestion("site", f"Рассказать о площадке «{c.name}»", [c.address, c.opening_hours], c.pk, c.phone)
                )
        local = [
            v for v in neighbours if v.territory.path.startswith(settlement) or settlement.startswith(v.territory.path)
        ]
        local = [v for v in local if v.territory.path == path] or local
        if local:
            v = local[0]
            out.append(
                Suggestion(
                    "neighbour",
                    f"Попросить волонтёра-соседа навестить: {v.full_name}",
                    [v.territory.name],
                    v.pk,
                    v.phone,
                )
            )
        else:
            near_leaders = [lead for lead in leaders if lead.territory.path == path]
            if near_leaders:
                lead = near_leaders[0]
                out.append(
                    Suggestion(
                        "leader",
                        f"Связаться с лидером сообщества: {lead.full_name}",
                        [lead.community_name or lead.role],
                        lead.pk,
                        lead.phone,
                    )
                )
        result[risk.pk] = out
    return result


# --- circle of ties of one person ---


@dataclass
class CircleTie:
    ring: int
    kind: str  # label
    name: str
    frequency: str = ""
    last_contact: object = None
    active: bool = True
    phone: str = ""
    url: str = ""
    tie: Tie | None = None


def circle(user, beneficiary):
    """Every tie of the person: typed in here, and read from the phone service, guardianship, centres and
    help requests (shown from their apps, never copied)."""
    from django.urls import reverse

    from centres.models import CareEntry, Participant, Visit
    from guardianship.models import Guardianship
    from helprequests.models import LOADING
    from phone.models import Call, Enrolment

    recent = timezone.localdate() - timedelta(days=90)
    items = []
    for tie in beneficiary.ties.select_related("contact"):
        items.append(
            CircleTie(
                RING_OF_KIND.get(tie.kind, 2),
                tie.get_kind_display(),
                tie.display_name,
                tie.get_frequency_display() if tie.frequency else "",
                tie.last_contact_on,
                tie.is_active,
                tie.phone,
                tie=tie,
            )
        )
    for e in (
        Enrolment.objects.active().filter(beneficiary=beneficiary, volunteer__isnull=False).select_related("volunteer")
    ):
        last = (
            Call.objects.filter(enrolment=e, reached=True)
            .order_by("-called_at")
            .values_list("called_at", flat=True)
            .first()
        )
        url = reverse("phone:enrolment", args=[e.pk]) if access.can(user, "phone.calls") else ""
        items.append(
            CircleTie(3, "Телефонный волонтёр", e.volunteer.full_name, e.weekdays_display(), last, True, url=url)
        )
    if beneficiary.household_id:
        for g in Guardianship.objects.filter(
            household_id=beneficiary.household_id, status__in=[Guardianship.Status.MATCHED, Guardianship.Status.ACTIVE]
        ).select_related("guardian"):
            items.append(CircleTie(3, "Опекун (#МЫВМЕСТЕ.ОПЕКА)", g.guardian.name, "", g.first_contact_at, True))
    for c in CareEntry.objects.filter(beneficiary=beneficiary, ended_on__isnull=True).select_related("centre"):
        items.append(
            CircleTie(3, "Долговременный уход", c.centre.name, f"раз в {c.every_days} дн.", c.last_visit_on, True)
        )
    seen = set()
    for v in (
        Visit.objects.filter(beneficiary=beneficiary, visited_on__gte=recent)
        .select_related("centre")
        .order_by("-visited_on")
    ):
        if v.centre_id not in seen:
            seen.add(v.centre_id)
            items.append(CircleTie(2, "Площадка социализации", v.centre.name, "", v.visited_on, True))
    for p in (
        Participant.objects.filter(beneficiary=beneficiary, attended=True, event__starts_at__date__gte=recent)
        .select_related("event")
        .order_by("-event__starts_at")[:3]
    ):
        items.append(CircleTie(2, "Мероприятие", p.event.title, "", p.event.starts_at, True))
    for r in beneficiary.help_requests.filter(status__in=LOADING).select_related(
        "helper_organization", "helper_volunteer"
    ):
        helper = r.helper_volunteer or r.helper_organization
        if helper:
            items.append(CircleTie(3, f"Помощник по обращению {r.number}", str(helper), "", r.connected_at, True))
    items.sort(key=lambda t: (t.ring, not t.active, t.kind))
    return items


def circle_picture(items, size=280):
    """Positions for the SVG: rings by level of care, each tie a numbered mark on its ring (solid when active,
    hollow when it ended), numbers matching the text list; no information is carried by colour."""
    import math

    centre = size / 2
    step = (size / 2 - 18) / len(RINGS)
    rings = [{"n": n, "label": label, "r": round(step * n + 6, 1)} for n, label in RINGS]
    marks = []
    by_ring = {}
    for index, item in enumerate(items, start=1):
        by_ring.setdefault(item.ring, []).append((index, item))
    for ring, members in by_ring.items():
        radius = step * ring + 6
        for k, (index, item) in enumerate(members):
            angle = -math.pi / 2 + 2 * math.pi * k / len(members) + ring * 0.4
            marks.append(
                {
                    "n": index,
                    "x": round(centre + radius * math.cos(angle), 1),
                    "y": round(centre + radius * math.sin(angle), 1),
                    "active": item.active,
                    "title": f"{item.kind}: {item.name}",
                }
            )
    return {"size": size, "c": centre, "rings": rings, "marks": marks}
