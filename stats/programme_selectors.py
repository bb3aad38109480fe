"""Plain rows of each programme under a territory (aggregates and ids only), and the programme figures.

A programme whose app is not installed, or that has no records at all under the territory, has no source:
its figures are None («нет данных»), never zero."""

from datetime import datetime, time

from django.apps import apps
from django.db.models import Count, Q
from django.utils import timezone

from stats import programmes


def _aware_day(day):
    return timezone.make_aware(datetime.combine(day, time.min))


def _installed(*labels):
    return all(apps.is_installed(label) for label in labels)


def volunteer_rows(territory, start, end):
    from volunteers.models import Volunteer

    volunteers = Volunteer.objects.filter(territory__path__startswith=territory.path)
    rows = [
        {"id": pk, "is_permanent": permanent, "age_group": group, "working": active and status == "active"}
        | {"created_at": created}
        for pk, permanent, group, active, status, created in volunteers.values_list(
            "id", "is_permanent", "age_group", "is_active", "status", "created_at"
        )
    ]
    return rows, _activity(volunteers.values("id"), start, end)


def _activity(ids, start, end):
    """(volunteer id, moment) of everything volunteers did in [start, end): calls, visits, events, accepted requests."""
    from helprequests.models import Assignment

    found = list(
        Assignment.objects.filter(volunteer__in=ids, outcome="accepted", responded_at__gte=start, responded_at__lt=end)
        .values_list("volunteer_id", "responded_at")
        .distinct()
    )
    if _installed("phone"):
        from phone.models import Call

        found += Call.objects.filter(volunteer__in=ids, called_at__gte=start, called_at__lt=end).values_list(
            "volunteer_id", "called_at"
        )
    if _installed("centres"):
        from centres.models import CareVisit, Event, Visit

        days = {"visited_on__gte": start.date(), "visited_on__lt": end.date()}
        for model in (Visit, CareVisit):
            found += [
                (pk, _aware_day(day))
                for pk, day in model.objects.filter(volunteer__in=ids, **days).values_list("volunteer_id", "visited_on")
            ]
        found += Event.volunteers.through.objects.filter(
            volunteer__in=ids, event__status="held", event__starts_at__gte=start, event__starts_at__lt=end
        ).values_list("volunteer_id", "event__starts_at")
    return found


def organization_rows(territory):
    from directory.models import Organization

    return [
        {"kind": kind, "care_level": level, "verified_at": verified, "confirmed_at": confirmed, "created_at": created}
        for kind, level, verified, confirmed, created in Organization.objects.filter(
            territory__path__startswith=territory.path
        ).values_list("kind", "care_level", "verified_at", "last_confirmed_at", "created_at")
    ]


def community_rows(territory):
    from communities.models import Community, EngagementChange

    communities = Community.objects.filter(territory__path__startswith=territory.path)
    levels = {}
    for pk, at, level in EngagementChange.objects.filter(community__in=communities.values("id")).values_list(
        "community_id", "at", "level"
    ):
        levels.setdefault(pk, []).append((at, level))
    live = {str(s) for s in Community.LIVE}
    return [
        {"form": form, "engagement": level, "live": status in live, "created_at": created, "levels": levels.get(pk, [])}
        for pk, form, level, status, created in communities.values_list(
            "id", "form", "engagement", "status", "created_at"
        )
    ]


def event_rows(territory, start, end):
    from centres.models import Event

    events = Event.objects.filter(
        centre__territory__path__startswith=territory.path, starts_at__gte=start, starts_at__lt=end
    ).annotate(people=Count("participants"), came=Count("participants", filter=Q(participants__attended=True)))
    return [
        {"starts_at": at, "status": status, "registered": people + extra, "attended": came + came_extra}
        for at, status, people, came, extra, came_extra in events.values_list(
            "starts_at", "status", "people", "came", "registered_extra", "attended_extra"
        )
    ]


def session_rows(territory, start, end):
    from assessments.models import Score, Session

    sessions = Session.objects.filter(
        territory__path__startswith=territory.path, held_on__gte=start.date(), held_on__lt=end.date()
    )
    scores = {}
    for pk, value, skip in Score.objects.filter(session__in=sessions.values("id")).values_list(
        "session_id", "value", "not_required"
    ):
        scores.setdefault(pk, []).append(None if skip else value)
    return [
        {"held_on": _aware_day(day), "scores": scores.get(pk, [])} for pk, day in sessions.values_list("id", "held_on")
    ]


def _exists(territory):
    """Which programmes have any records under the territory (their source exists)."""
    under = {"territory__path__startswith": territory.path}
    sources = {
        "volunteers": ("volunteers", "Volunteer", under),
        "organizations": ("directory", "Organization", under),
        "communities": ("communities", "Community", under),
        "events": ("centres", "Centre", under),
        "assessments": ("assessments", "Session", under),
        "phone": ("phone", "Enrolment", {"beneficiary__territory__path__startswith": territory.path}),
        "phone_identified": ("phone", "Identification", {"beneficiary__territory__path__startswith": territory.path}),
        "guardianship": ("guardianship", "people.Household", under),
    }
    found = {}
    for key, (app, model, lookup) in sources.items():
        if not _installed(app):
            found[key] = False
            continue
        model = apps.get_model(model) if "." in model else apps.get_model(app, model)
        found[key] = model.objects.filter(**lookup).exists()
    return found


def programmes_for(user, territory, date_from, date_to, previous_from, previous_to):
    """{programme: {"current": figures, "previous": figures}} or None for a programme without a source."""
    from stats.selectors import bounds

    start, end = bounds(date_from, date_to)
    prev_start, prev_end = bounds(previous_from, previous_to)
    exists = _exists(territory)
    exists["phone"] = exists["phone"] or exists["phone_identified"]
    result = dict.fromkeys(("phone", "guardianship", "volunteers", "organizations", "communities"))
    result.update(dict.fromkeys(("events", "assessments")))
    if exists.get("phone"):
        from phone.queries import kpi_for, kpi_scope

        enrolments, identifications = kpi_scope(user, territory)
        result["phone"] = {
            "current": kpi_for(enrolments, date_from, date_to, identifications),
            "previous": kpi_for(enrolments, previous_from, previous_to, identifications),
        }
    if exists.get("guardianship"):
        from guardianship import selectors as guardianship

        result["guardianship"] = {
            "current": guardianship.figures(user, territory, date_from, date_to),
            "previous": guardianship.figures(user, territory, previous_from, previous_to),
        }
    if exists["volunteers"]:
        rows, activity = volunteer_rows(territory, prev_start, end)
        result["volunteers"] = {
            "current": programmes.volunteers(rows, [v for v, at in activity if start <= at < end], start, end),
            "previous": programmes.volunteers(
                rows, [v for v, at in activity if prev_start <= at < prev_end], prev_start, prev_end
            ),
        }
    simple = {
        "organizations": lambda: (programmes.organizations, organization_rows(territory)),
        "communities": lambda: (programmes.communities, community_rows(territory)),
        "events": lambda: (programmes.events, event_rows(territory, prev_start, end)),
        "assessments": lambda: (programmes.assessments, session_rows(territory, prev_start, end)),
    }
    for key, load in simple.items():
        if exists.get(key):
            figure, rows = load()
            result[key] = {"current": figure(rows, start, end), "previous": figure(rows, prev_start, prev_end)}
    return result
