"""Reads of «Алло, волонтёр!» for its pages and API, each through the user's scope (accounts.access).

The figures themselves (missed calls, schedules, KPI) are in phone/queries.py; here is what the adapters
fetch: participants, identifications, alerts and calls the user may reach, the choices of the forms."""

from django.db.models import Count, Q, Sum

from accounts import access
from catalog.models import ServiceCategory
from people.models import Beneficiary
from phone.models import Alert, CalendarToken, Call, Enrolment, Identification
from territories.models import Territory
from volunteers.models import Volunteer


def enrolments(user):
    """The participants in the user's scope, with the person, their territory and the volunteer."""
    return access.scoped(user, Enrolment.objects.select_related("beneficiary", "beneficiary__territory", "volunteer"))


def enrolment_or_404(request, pk, capability="phone.calls"):
    return access.get_or_404(request, enrolments(request.user), capability, pk=pk)


def enrolment_in_scope(user, pk):
    """A participant the user may reach, or None (an API payload check)."""
    return access.scoped(user, Enrolment.objects.all()).filter(pk=pk).first()


def identifications(user, status=None):
    """Identified people in the user's scope, with what their pages show; `status` narrows them."""
    rows = access.scoped(
        user,
        Identification.objects.select_related("beneficiary", "beneficiary__territory", "enrolment", "created_by"),
    )
    return rows.filter(status=status) if status is not None else rows


def identification_or_404(request, pk):
    return access.get_or_404(request, identifications(request.user), "phone.identify", pk=pk)


def identifications_for_api(user, status=None):
    rows = access.scoped(user, Identification.objects.all())
    return rows.filter(status=status) if status is not None else rows


def identification_for_api_or_404(request, pk):
    return access.get_or_404(request, Identification.objects.all(), "phone.identify", pk=pk)


# --- the dashboard ---


def open_alerts(enrolments):
    return Alert.objects.filter(enrolment__in=enrolments, resolved_at__isnull=True).select_related(
        "enrolment__beneficiary", "enrolment__volunteer"
    )


def active_by_name(enrolments):
    return enrolments.active().order_by("beneficiary__full_name", "pk")


def missed_totals(missed):
    return missed.aggregate(calls=Sum("missed"), people=Count("pk"), volunteers=Count("volunteer_id", distinct=True))


def participant_counts(enrolments):
    """The active participants and those without a volunteer, in one pass over the scope (#12: not two)."""
    return enrolments.active().order_by().aggregate(total=Count("pk"), unassigned=Count("pk", filter=Q(volunteer=None)))


def choice_ids(queryset):
    """The ids a form's list of people offers (the read log names them)."""
    return queryset.values_list("pk", flat=True)


# --- one participant ---


def enrolment_records(enrolment):
    """What the participant's page lists: calls, volunteer history, pauses, alerts, relatives to inform."""
    return {
        "calls": enrolment.calls.select_related("volunteer", "help_request").prefetch_related("problems")[:50],
        "history": enrolment.volunteer_history.select_related("volunteer", "by"),
        "pauses": enrolment.pauses.all(),
        "alerts": enrolment.alerts.select_related("resolved_by"),
        "relatives": enrolment.relatives_to_inform.all() or enrolment.beneficiary.contacts.all(),
    }


def last_reached_call(enrolment):
    return enrolment.calls.filter(reached=True).first()


def active_volunteers(user):
    """The active volunteers a coordinator may give a participant to (the forms, the suggestions, the API)."""
    return access.scoped(user, Volunteer.objects.filter(is_active=True))


def volunteer_in_scope(user, pk):
    return active_volunteers(user).filter(pk=pk).first() if pk is not None else None


def alert_or_404(user, pk):
    return access.found_or_404(Alert.objects.filter(enrolment__in=enrolments(user)), pk=pk)


def call_or_404(user, pk):
    return access.found_or_404(Call.objects.filter(enrolment__in=enrolments(user)), pk=pk)


# --- a volunteer's own pages ---


def thanks_for(volunteer, limit=5):
    return Call.objects.filter(volunteer=volunteer).exclude(thanks="").select_related("thanked_by")[:limit]


def enrolments_of(volunteer):
    return Enrolment.objects.filter(volunteer=volunteer)


def calendar_owner_or_404(token):
    """The volunteer whose calendar link this is (the secret token is the access)."""
    return access.found_or_404(CalendarToken.objects.select_related("volunteer"), token=token).volunteer


def calendar_enrolments(volunteer):
    """A volunteer's active participants (the calendar feed): the queryset and the rows read once."""
    active = Enrolment.objects.active().filter(volunteer=volunteer)
    return active, list(active.select_related("beneficiary"))


def week_sheet(user):
    """The week's call sheet: active participants in scope, by volunteer and window (queryset, rows)."""
    active = enrolments(user).active()
    rows = list(active.select_related("beneficiary", "volunteer").order_by("volunteer__full_name", "window_start"))
    return active, rows


# --- KPI ---


def kpi_territories(user):
    """The territories the KPI page may be narrowed to (no areas)."""
    return access.scoped(user, Territory.objects.exclude(kind=Territory.Kind.AREA), field="id")


def kpi_territory(territories, pk):
    return territories.filter(pk=pk).first()


def kpi_territory_or_404(request, pk):
    return access.get_or_404(request, Territory.objects.all(), "phone.kpi", field="id", pk=pk)


# --- form choices ---


def enrollable_people(user):
    return access.scoped(user, Beneficiary.objects.filter(merged_into=None, anonymized_at=None))


def identifiable_people(user, person=None):
    """Whom an identification may be recorded for: in scope, not a participant, not already waiting;
    or only `person` (the form opened from the person's page)."""
    if person is not None:
        return access.scoped(user, Beneficiary.objects.filter(pk=person.pk))
    people = enrollable_people(user).exclude(pk__in=Enrolment.objects.active().values("beneficiary_id"))
    return people.exclude(
        pk__in=Identification.objects.filter(status=Identification.Status.IDENTIFIED).values("beneficiary_id")
    )


def problem_choices():
    """The problems a call may reveal: catalog categories below the top level, in the catalog's order."""
    return ServiceCategory.objects.filter(parent__isnull=False).order_by("parent__position", "position")


def problems_by_use():
    """The problem categories with how often calls marked each (the call form puts the frequent first)."""
    return list(
        ServiceCategory.objects.filter(parent__isnull=False)
        .select_related("parent")
        .annotate(used=Count("call"))
        .order_by("parent__position", "position")
    )


def desk_dashboard(user, now):
    """«Рабочий стол» of a coordinator: open alerts, volunteers silent 14 days, participants without a volunteer."""
    from phone import queries

    scope = access.scoped(user, Enrolment.objects.all())
    return {
        "alerts": Alert.objects.filter(enrolment__in=scope, resolved_at__isnull=True).count(),
        "quiet": queries.quiet_volunteers(scope, now).count(),
        "unassigned": scope.active().filter(volunteer__isnull=True).count(),
    }


def desk_volunteer(volunteer, today):
    """The volunteer's calls for today and how many people they call (nothing for a login without a card)."""
    from phone import queries

    if volunteer is None:
        return [], 0
    return queries.today_list(volunteer, today), Enrolment.objects.active().filter(volunteer=volunteer).count()


def desk_participants(user):
    """Numbers only (analysts): active participants in the user's territories."""
    return Enrolment.objects.filter(beneficiary__territory__in=access.territory_ids(user)).active().count()
