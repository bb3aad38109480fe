"""Reads of the centres app; each applies the user's scope through accounts.access."""

from django.db.models import Count, Q, Sum
from django.utils import timezone

from accounts import access
from catalog.models import ServiceCategory
from centres import report
from centres.models import (
    LEARNING_KINDS,
    CareEntry,
    CareVisit,
    Centre,
    Event,
    EventKind,
    FinanceEntry,
    Source,
    SpecialistHours,
    Visit,
)
from directory.models import Organization
from helprequests.models import HelpRequest
from people.models import Beneficiary
from territories.models import Territory
from volunteers.models import Volunteer


def centres(user):
    return access.scoped(user, Centre.objects.select_related("organization", "territory"))


def centre_of(user, pk):
    """One centre in the user's scope or None (a worker's export looks it up again with its owner)."""
    return centres(user).filter(pk=pk).first() if pk is not None else None


def visits(user):
    return access.scoped(
        user, Visit.objects.select_related("centre", "beneficiary", "service", "volunteer", "help_request")
    )


def events(user):
    return (
        access.scoped(user, Event.objects.select_related("centre", "host"))
        .annotate(
            registered=Count("participants", distinct=True),
            attended=Count("participants", filter=Q(participants__attended=True), distinct=True),
        )
        .order_by("starts_at", "pk")
    )


def care_entries(user):
    return access.scoped(user, CareEntry.objects.select_related("centre", "beneficiary", "volunteer"))


def overdue_care(user, today=None):
    """Care entries whose next visit is past due (derived from the last visit, never stored)."""
    today = today or timezone.localdate()
    return [e for e in care_entries(user).filter(ended_on=None) if e.is_overdue(today)]


def public_events(locality, today=None):
    """Upcoming public events in a locality (and everything inside it) for the single window."""
    now = timezone.now()
    qs = Event.objects.filter(
        is_public=True,
        starts_at__gte=now,
        centre__is_active=True,
        status=Event.Status.PLANNED,
        centre__territory__path__startswith=locality.path,
    )
    return qs.select_related("centre", "centre__territory", "host").order_by("starts_at")


def candidates(user):
    return access.scoped(
        user,
        Volunteer.objects.filter(status=Volunteer.Status.CANDIDATE)
        .prefetch_related("skills")
        .select_related("territory", "organization", "former_beneficiary"),
    )


def report_figures(centre, date_from, date_to):
    """Load the centre's rows for the period as plain data and count them with centres.report."""
    visit_rows = [
        report.VisitRow(
            on=v["visited_on"],
            service=v["service_id"],
            beneficiary_id=v["beneficiary_id"],
            volunteer_id=v["volunteer_id"],
            source=v["source"],
            amount=v["amount"],
            is_paid=v["is_paid"],
        )
        for v in Visit.objects.filter(centre=centre, visited_on__range=(date_from, date_to)).values(
            "visited_on", "service_id", "beneficiary_id", "volunteer_id", "source", "amount", "is_paid"
        )
    ]
    event_rows = []
    qs = Event.objects.filter(centre=centre, starts_at__date__range=(date_from, date_to)).prefetch_related(
        "participants", "volunteers", "specialists"
    )
    now = timezone.now()
    for e in qs:
        event_rows.append(
            report.EventRow(
                on=timezone.localtime(e.starts_at).date(),
                kind=e.kind,
                cancelled=e.status == Event.Status.CANCELLED or e.starts_at > now,
                attended_ids=frozenset(p.beneficiary_id for p in e.participants.all() if p.attended),
                attended_extra=e.attended_extra,
                volunteer_ids=frozenset(v.id for v in e.volunteers.all()),
                specialist_ids=frozenset(s.id for s in e.specialists.all()),
            )
        )
    care_rows = []
    care_visits = {}
    for entry_id, volunteer_id in CareVisit.objects.filter(
        entry__centre=centre, visited_on__range=(date_from, date_to), volunteer__isnull=False
    ).values_list("entry_id", "volunteer_id"):
        care_visits.setdefault(entry_id, set()).add(volunteer_id)
    for c in CareEntry.objects.filter(centre=centre):
        care_rows.append(
            report.CareRow(
                beneficiary_id=c.beneficiary_id,
                started_on=c.started_on,
                ended_on=c.ended_on,
                visit_volunteer_ids=frozenset(care_visits.get(c.id, ())),
            )
        )
    request_ids = list(
        HelpRequest.objects.filter(
            Q(centre_visits__centre=centre) | Q(helper_organization_id=centre.organization_id),
            received_at__date__range=(date_from, date_to),
        ).values_list("beneficiary_id", flat=True)
    )
    involved = {v.volunteer_id for v in visit_rows} | {i for e in event_rows for i in e.volunteer_ids}
    involved |= {i for c in care_rows for i in c.visit_volunteer_ids}
    permanent = dict(Volunteer.objects.filter(id__in=involved - {None}).values_list("id", "is_permanent"))
    hours = list(
        SpecialistHours.objects.filter(specialist__centre=centre, worked_on__range=(date_from, date_to)).values_list(
            "specialist_id", "worked_on", "hours"
        )
    )
    finances = [
        report.FinanceRow(month=f.month, kind=f.kind, item=f.item, amount=f.amount)
        for f in FinanceEntry.objects.filter(centre=centre, month__range=(date_from.replace(day=1), date_to))
    ]
    return report.figures(
        date_from=date_from,
        date_to=date_to,
        visits=visit_rows,
        events=event_rows,
        request_beneficiary_ids=request_ids,
        care=care_rows,
        permanent=permanent,
        specialist_hours=hours,
        finances=finances,
        learning_kinds=frozenset(LEARNING_KINDS),
        kind_names=dict(EventKind.choices),
        service_names=dict(ServiceCategory.objects.values_list("id", "name")),
        source_names=dict(Source.choices),
    )


# --- the doors of the adapters (views, API, forms): each read takes the user, or a centre or an event already
# fetched through the access door ---


def centre_list(user, q="", today=None):
    """Centres in scope with today's visits and upcoming events; `q` searches name, address and territory."""
    today = today or timezone.localdate()
    qs = (
        centres(user)
        .annotate(
            visits_today=Count("visits", filter=Q(visits__visited_on=today), distinct=True),
            upcoming=Count("events", filter=Q(events__starts_at__gte=timezone.now()), distinct=True),
        )
        .order_by("name", "pk")
    )
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(address__icontains=q) | Q(territory__name__icontains=q))
    return qs


def centres_with_services(user):
    return centres(user).prefetch_related("services__category")


def centre_services(centre):
    return centre.services.select_related("category")


def upcoming_events(user, centre, limit=8):
    return events(user).filter(centre=centre, starts_at__gte=timezone.now())[:limit]


def centre_events(user, centre, show="upcoming"):
    """The centre's events: upcoming (soonest first) or past (latest first)."""
    qs = events(user).filter(centre=centre)
    now = timezone.now()
    return qs.filter(starts_at__gte=now) if show == "upcoming" else qs.filter(starts_at__lt=now).order_by("-starts_at")


def events_in_period(user, date_from, date_to, centre_id=None, limit=2000):
    qs = events(user).filter(starts_at__date__range=(date_from, date_to))
    if centre_id is not None:
        qs = qs.filter(centre_id=centre_id)
    return list(qs.prefetch_related("participants")[:limit])


def participants(event):
    return list(event.participants.select_related("beneficiary"))


def active_specialists(centre):
    return centre.specialists.filter(is_active=True)


def specialists_with_hours(centre):
    return centre.specialists.annotate(total_hours=Sum("hours__hours"))


def visits_today_count(centre, today=None):
    return Visit.objects.filter(centre=centre, visited_on=today or timezone.localdate()).count()


def visits_on(centre, day):
    """The desk's list of the day (the centre was fetched through the access door)."""
    return list(
        Visit.objects.filter(centre=centre, visited_on=day).select_related(
            "beneficiary", "service", "volunteer", "help_request"
        )
    )


def centre_visits(user, centre, date_from, date_to, source="", paid=False, service_id=None):
    """The centre's visits in the period, narrowed by where people learnt of it, payment and service."""
    qs = visits(user).filter(centre=centre).filter(visited_on__range=(date_from, date_to))
    if source:
        qs = qs.filter(source=source)
    if paid:
        qs = qs.filter(is_paid=True)
    if service_id:
        qs = qs.filter(service_id=service_id)
    return qs


def visits_in_period(user, date_from, date_to, centre_id=None, limit=5000):
    qs = visits(user).filter(visited_on__range=(date_from, date_to))
    if centre_id is not None:
        qs = qs.filter(centre_id=centre_id)
    return list(qs.select_related("service")[:limit])


def open_care(user, centre):
    """People in the centre's long-term care, the next visit due first."""
    entries = list(care_entries(user).filter(centre=centre, ended_on=None))
    entries.sort(key=lambda e: e.next_due_on)
    return entries


# --- for the forms ---


def people_for(user, limit=500):
    """The person field's options: people in the user's scope (not merged, not anonymized)."""
    return access.scoped(user, Beneficiary.objects.filter(merged_into=None, anonymized_at=None))[:limit]


def person_in_scope(user, pk):
    if user is None:
        return None
    return access.scoped(user, Beneficiary.objects.filter(merged_into=None)).filter(pk=pk).first()


def centre_volunteers(centre):
    """Active volunteers of the centre's organization."""
    return Volunteer.objects.filter(organization_id=centre.organization_id, is_active=True)


def centre_service_categories(centre):
    return ServiceCategory.objects.filter(pk__in=centre.services.values("category")).order_by(
        "parent__position", "position"
    )


def service_leaves():
    """Every kind of help a centre may offer (public reference data)."""
    return ServiceCategory.objects.filter(parent__isnull=False).order_by("parent__position", "position")


def centre_organizations(user):
    """Organizations a centre may belong to: in the user's scope; an organization's staff only their own."""
    if user.organization_id and not access.can(user, "directory.add"):
        return Organization.objects.filter(pk=user.organization_id)
    return access.scoped(user, Organization.objects.all())


def centre_territories(user):
    return Territory.objects.filter(pk__in=access.centre_territory_ids(user))


def host_organizations(user):
    return access.scoped(user, Organization.objects.all())


def centre_for_volunteer(locality, centre_id=None):
    """The active centre a volunteer's application goes to: the one chosen on its page, else the nearest one
    serving the locality (its own territory first, then up the tree). Public data: no user."""
    active = Centre.objects.filter(is_active=True)
    if centre_id:
        chosen = active.filter(pk=centre_id).first()
        if chosen:
            return chosen
    ancestors = locality.ancestor_ids()
    return (
        active.filter(Q(territory__path__startswith=locality.path) | Q(territory_id__in=ancestors))
        .order_by("-territory__depth")
        .first()
    )
