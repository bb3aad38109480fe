"""Loading plain data for the schedule, alert and KPI functions."""

from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Count, Exists, Max, OuterRef, Q, Subquery
from django.utils import timezone

from core.plural import count as plural_count
from phone import kpi, schedule
from phone.matching import PhoneVolunteer
from phone.models import Alert, Call, Enrolment, Holiday, Identification, Pause
from volunteers.models import Volunteer

LOOKBACK_DAYS = 60
QUIET_VOLUNTEER_DAYS = settings.PHONE_QUIET_VOLUNTEER_DAYS
SURVEY_EVERY_DAYS = settings.PHONE_SURVEY_EVERY_DAYS  # the short satisfaction survey, about once a quarter


def _day(dt):
    return timezone.localtime(dt).date()


def pauses_for(enrolment, pauses=None):
    pauses = (
        pauses
        if pauses is not None
        else list(
            Pause.objects.filter(
                Q(enrolment=enrolment) | Q(volunteer_id=enrolment.volunteer_id, volunteer__isnull=False)
            )
        )
    )
    return [
        (p.starts_on, p.ends_on)
        for p in pauses
        if p.enrolment_id == enrolment.pk or (p.volunteer_id and p.volunteer_id == enrolment.volunteer_id)
    ]


def attempts_for(enrolment, since):
    return [
        (_day(at), reached)
        for at, reached in enrolment.calls.filter(called_at__gte=since).values_list("called_at", "reached")
    ]


def day_outcomes(enrolment, today, days=LOOKBACK_DAYS):
    start = today - timedelta(days=days)
    since = timezone.make_aware(datetime.combine(start, time.min))
    scheduled = schedule.scheduled_dates(
        enrolment.weekdays, enrolment.every_weeks, enrolment.started_on, start, today, pauses_for(enrolment)
    )
    return schedule.outcomes(scheduled, attempts_for(enrolment, since), today)


def today_list(volunteer, today):
    """The volunteer's «Звонки на сегодня»: scheduled today, or a retry of yesterday's unanswered call."""
    enrolments = list(
        Enrolment.objects.active().filter(volunteer=volunteer).select_related("beneficiary", "beneficiary__territory")
    )
    pauses = list(Pause.objects.filter(Q(enrolment__in=enrolments) | Q(volunteer=volunteer)))
    since = timezone.make_aware(datetime.combine(today - timedelta(days=1), time.min))
    recent = {}
    for enrolment_id, at, reached in Call.objects.filter(enrolment__in=enrolments, called_at__gte=since).values_list(
        "enrolment_id", "called_at", "reached"
    ):
        recent.setdefault(enrolment_id, []).append((_day(at), reached))
    last_calls = {
        c.enrolment_id: c
        for c in Call.objects.filter(
            pk__in=Call.objects.filter(enrolment__in=enrolments, reached=True)
            .values("enrolment")
            .annotate(m=Max("id"))
            .values("m")
        )
    }
    surveyed = set(
        Call.objects.filter(
            enrolment__in=enrolments,
            satisfaction__isnull=False,
            called_at__gte=timezone.now() - timedelta(days=SURVEY_EVERY_DAYS),
        ).values_list("enrolment_id", flat=True)
    )
    rows = []
    for e in enrolments:
        kind = schedule.due_today(
            e.weekdays, e.every_weeks, e.started_on, today, pauses_for(e, pauses), recent.get(e.pk, [])
        )
        if kind:
            tried_today = [r for d, r in recent.get(e.pk, []) if d == today]
            rows.append(
                {
                    "enrolment": e,
                    "kind": kind,
                    "last": last_calls.get(e.pk),
                    "tried_today": len(tried_today),
                    "survey_due": e.pk not in surveyed,
                }
            )
    rows.sort(key=lambda r: r["enrolment"].window_start)
    return rows


def quiet_volunteers(enrolments, now):
    """Volunteers with people to call but no successful contact for 14 days."""
    border = now - timedelta(days=QUIET_VOLUNTEER_DAYS)
    # Per volunteer through the partial index of reached calls (#12): whether one is as recent as the border,
    # and the last one — not a list of every reached call of 14 days, nor a maximum over all their calls.
    reached = Call.objects.filter(volunteer=OuterRef("pk"), reached=True)
    return (
        Volunteer.objects.filter(pk__in=enrolments.active().values("volunteer_id"))
        .exclude(Exists(reached.filter(called_at__gte=border)))
        .annotate(last_reached=Subquery(reached.order_by("-called_at").values("called_at")[:1]))
        .filter(Q(last_reached__isnull=False) | Q(created_at__lt=border))
        .order_by("full_name", "pk")
    )


MISSED_DAYS = settings.PHONE_MISSED_DAYS
MISSED_MAX_AGE = timedelta(minutes=60)


def missed_counts(enrolments, today, days=MISSED_DAYS):
    """[(enrolment id, volunteer id, scheduled calls not even attempted in the last `days`)] of the active
    enrolments with a volunteer. Three queries whatever the number of people: the enrolments, their pauses and
    their calls of the window (plain values, no model instances)."""
    active = enrolments.active().filter(volunteer__isnull=False)
    rows = list(active.only("pk", "volunteer_id", "weekdays", "every_weeks", "started_on"))
    if not rows:
        return []
    start = today - timedelta(days=days)
    since = timezone.make_aware(datetime.combine(start, time.min))
    pauses = pauses_of(active, rows, ending_from=start)
    attempts = {}
    for enrolment_id, at, reached in Call.objects.filter(
        enrolment__in=active.values("pk"), called_at__gte=since
    ).values_list("enrolment_id", "called_at", "reached"):
        attempts.setdefault(enrolment_id, []).append((_day(at), reached))
    result = []
    for e in rows:
        scheduled = schedule.scheduled_dates(e.weekdays, e.every_weeks, e.started_on, start, today, pauses[e.pk])
        outcomes = schedule.outcomes(scheduled, attempts.get(e.pk, []), today)
        result.append((e.pk, e.volunteer_id, sum(1 for _, outcome in outcomes if outcome == schedule.MISSED)))
    return result


def refresh_missed(now=None):
    """Recompute the missed-calls rollup of the whole service in one transaction; returns the people with
    missed calls."""
    from django.db import transaction

    from phone.models import MissedCount

    now = now or timezone.now()
    counts = missed_counts(Enrolment.objects.all(), timezone.localdate(now))
    with transaction.atomic():
        MissedCount.objects.all().delete()
        MissedCount.objects.bulk_create(
            [MissedCount(enrolment_id=e, volunteer_id=v, missed=n, computed_at=now) for e, v, n in counts],
            batch_size=2000,
        )
    return sum(1 for _, _, n in counts if n)


def missed_rollup(enrolments, now=None):
    """The rollup rows with missed calls among `enrolments` (a queryset to page), and when it was computed.
    A rollup of another day or older than MISSED_MAX_AGE is recomputed once first."""
    from django.db.models import Max

    from phone.models import MissedCount

    now = now or timezone.now()
    computed = MissedCount.objects.aggregate(at=Max("computed_at"))["at"]
    if computed is None or computed < now - MISSED_MAX_AGE or _day(computed) != _day(now):
        refresh_missed(now)
        computed = now
    rows = (
        MissedCount.objects.filter(enrolment__in=enrolments.active().values("pk"), missed__gt=0)
        .select_related("volunteer", "enrolment__beneficiary")
        .order_by("volunteer__full_name", "volunteer_id", "enrolment__beneficiary__full_name", "pk")
    )
    return rows, computed


def greetings(enrolments, today, days=14):
    """Upcoming birthdays of the people called, and holidays, within two weeks."""
    items = []
    # Only the people whose birthday (month and day) falls in the window are loaded (#12), not a whole month's.
    pairs = {((today + timedelta(days=d)).month, (today + timedelta(days=d)).day) for d in range(days + 1)}
    if pairs & {(2, 28), (3, 1)}:
        pairs.add((2, 29))  # born on 29 February: greeted on a day beside it in other years
    born = Q()
    for month, day in sorted(pairs):
        born |= Q(beneficiary__birth_date__month=month, beneficiary__birth_date__day=day)
    people = enrolments.active().filter(born)
    for e in people.select_related("beneficiary", "volunteer"):
        day = schedule.is_birthday_soon(e.beneficiary.birth_date, today, days)
        if day:
            age = day.year - e.beneficiary.birth_date.year
            items.append(
                {"date": day, "what": f"День рождения: {plural_count(age, 'год', 'года', 'лет')}", "enrolment": e}
            )
    for holiday in Holiday.objects.all():
        for year in (today.year, today.year + 1):
            try:
                day = today.replace(year=year, month=holiday.month, day=holiday.day)
            except ValueError:
                continue
            if today <= day <= today + timedelta(days=days):
                items.append({"date": day, "what": holiday.name, "enrolment": None})
    return sorted(items, key=lambda x: x["date"])


def phone_volunteers(queryset=None):
    queryset = queryset if queryset is not None else Volunteer.objects.filter(is_active=True)
    rows = queryset.select_related("territory").annotate(
        load=Count("phone_enrolments", filter=Q(phone_enrolments__ended_at__isnull=True), distinct=True)
    )
    return [
        PhoneVolunteer(
            v.pk,
            v.full_name,
            v.age_group == Volunteer.AgeGroup.SILVER,
            frozenset(x.strip().lower() for x in v.languages.split(",") if x.strip()),
            v.territory.path,
            v.load,
            v.max_load,
        )
        for v in rows
    ]


def kpi_scope(user, territory=None):
    """Enrolments and identifications the KPIs count: the user's territory (or a territory inside it).
    Figures only, so analysts get them too (the access module keeps people's records from them)."""
    from accounts import access

    enrolments, identifications = Enrolment.objects.all(), Identification.objects.all()
    if not access.is_nationwide(user):
        ids = access.territory_ids(user)
        enrolments = enrolments.filter(beneficiary__territory__in=ids)
        identifications = identifications.filter(beneficiary__territory__in=ids)
    if territory is not None:
        enrolments = enrolments.filter(beneficiary__territory__path__startswith=territory.path)
        identifications = identifications.filter(beneficiary__territory__path__startswith=territory.path)
    return enrolments, identifications


def _bounds(date_from, date_to):
    return (
        timezone.make_aware(datetime.combine(date_from, time.min)),
        timezone.make_aware(datetime.combine(date_to, time.max)),
    )


def _call_facts(calls):
    return [
        kpi.CallFact(e, p, v, timezone.localtime(at), reached, satisfaction)
        for e, p, v, at, reached, satisfaction in calls.values_list(
            "enrolment_id", "enrolment__beneficiary_id", "volunteer_id", "called_at", "reached", "satisfaction"
        )
    ]


def _identification_facts(identifications):
    enrolled, refused = Identification.Status.ENROLLED, Identification.Status.REFUSED
    return [
        kpi.IdentificationFact(person, day, status == enrolled, status == refused)
        for person, day, status in identifications.values_list("beneficiary_id", "identified_on", "status")
    ]


def kpi_for(enrolments, date_from, date_to, identifications=None):
    """The figures of a period (see phone/kpi.py). Pass the `identifications` of the same scope (kpi_scope) to
    count «выявлено» and «обратились к волонтёрам»; without them those figures are zero."""
    start, end = _bounds(date_from, date_to)
    in_period = enrolments.filter(started_on__lte=date_to).filter(Q(ended_at__isnull=True) | Q(ended_at__gte=start))
    ids = in_period.values("pk")
    # Counted by the database (#12): only the calls with a satisfaction answer come back as rows.
    calls = Call.objects.filter(enrolment_id__in=ids, called_at__range=(start, end))
    counted = calls.aggregate(
        attempts=Count("pk"),
        calls=Count("pk", filter=Q(reached=True)),
        reached=Count("enrolment_id", filter=Q(reached=True), distinct=True),
        volunteers=Count("volunteer_id", distinct=True),
    )
    answered = _call_facts(calls.filter(satisfaction__isnull=False).order_by("called_at", "pk"))
    found = identifications.filter(identified_on__range=(date_from, date_to)) if identifications is not None else None
    alerts = Alert.objects.filter(enrolment_id__in=ids, raised_at__range=(start, end)).aggregate(
        raised=Count("pk"), resolved=Count("pk", filter=Q(resolved_at__isnull=False))
    )
    return kpi.from_counts(
        in_period.count(),
        kpi.CallCounts(**counted),
        answered,
        _identification_facts(found) if found is not None else (),
        alerts["raised"],
        alerts["resolved"],
    )


KPI_CACHE_SECONDS = 600


def dashboard_kpi(user, today, now=None):
    """The dashboard's strip: the KPI of the user's scope over the last 30 days, kept in the shared cache for
    ten minutes (#12) — the same figures as /phone/kpi/ at the moment returned with them."""
    from django.core.cache import cache

    from accounts import access

    now = now or timezone.now()
    scope = "all" if access.is_nationwide(user) else user.territory_id
    key = f"phone-kpi:{scope}:{today:%Y-%m-%d}"
    found = cache.get(key)
    if found is None:
        enrolments, identifications = kpi_scope(user)
        found = (kpi_for(enrolments, today - timedelta(days=30), today, identifications), now)
        cache.set(key, found, KPI_CACHE_SECONDS)
    return found


def quarterly_for(enrolments, identifications, last):
    """The quarterly series since the service began in this scope (the first identification or call) up to the
    quarter holding `last`, with its total row."""
    from django.db.models import Min

    first_identified = identifications.aggregate(m=Min("identified_on"))["m"]
    first_call = Call.objects.filter(enrolment__in=enrolments).aggregate(m=Min("called_at"))["m"]
    starts = [d for d in (first_identified, first_call and timezone.localtime(first_call).date()) if d]
    if not starts:
        return [], None
    quarters = kpi.quarters_between(min(starts), last)
    if not quarters:
        return [], None
    first = kpi.quarter_bounds(*quarters[0])[0]
    final = kpi.quarter_bounds(*quarters[-1])[1]
    start, end = _bounds(first, final)
    # Counted by the database per quarter (#12); only the calls with a satisfaction answer come back as rows.
    from django.db.models.functions import TruncQuarter

    calls = Call.objects.filter(enrolment__in=enrolments, called_at__range=(start, end))
    reached = calls.filter(reached=True)
    counts = {
        kpi.quarter_of(timezone.localtime(q).date() if isinstance(q, datetime) else q): (n, people)
        for q, n, people in reached.annotate(q=TruncQuarter("called_at"))
        .values("q")
        .annotate(n=Count("pk"), people=Count("enrolment__beneficiary_id", distinct=True))
        .values_list("q", "n", "people")
        .order_by("q")
    }
    total = reached.aggregate(n=Count("pk"), people=Count("enrolment__beneficiary_id", distinct=True))
    answered = _call_facts(calls.filter(satisfaction__isnull=False).order_by("called_at", "pk"))
    found = _identification_facts(identifications.filter(identified_on__range=(first, final)))
    return kpi.quarterly_from_counts(found, counts, (total["n"], total["people"]), answered, first, final)


def my_people(volunteer, today):
    """«Мои подопечные»: everyone the volunteer calls, today's list first, with the last call and the next day."""
    if volunteer is None:
        return []
    due = {row["enrolment"].pk: row for row in today_list(volunteer, today)}
    enrolments = list(
        Enrolment.objects.active().filter(volunteer=volunteer).select_related("beneficiary", "beneficiary__territory")
    )
    pauses = list(Pause.objects.filter(Q(enrolment__in=enrolments) | Q(volunteer=volunteer)))
    last = {
        c.enrolment_id: c
        for c in Call.objects.filter(
            pk__in=Call.objects.filter(enrolment__in=enrolments).values("enrolment").annotate(m=Max("id")).values("m")
        )
    }
    rows = []
    for e in enrolments:
        upcoming = [
            d
            for d in schedule.next_dates(e.weekdays, e.every_weeks, e.started_on, today, pauses_for(e, pauses))
            if d > today
        ]
        rows.append(
            {
                "enrolment": e,
                "today": e.pk in due,
                "retry": due.get(e.pk, {}).get("kind") == "retry",
                "last": last.get(e.pk),
                "next": upcoming[0] if upcoming else None,
            }
        )
    rows.sort(
        key=lambda r: (
            not r["today"],
            r["enrolment"].window_start if r["today"] else r["enrolment"].beneficiary.full_name,
        )
    )
    return rows


def pauses_of(enrolments, rows, ending_from=None):
    """Pause ranges per enrolment of `rows` (its own and its volunteer's), in one query whatever their number.
    `enrolments` is the queryset the rows came from (a subquery, not a long list of ids); `ending_from` skips
    pauses over before that day."""
    match = Q(enrolment__in=enrolments.values("pk")) | Q(volunteer__in=enrolments.values("volunteer"))
    pauses = Pause.objects.filter(match)
    if ending_from is not None:
        pauses = pauses.filter(ends_on__gte=ending_from)
    by_enrolment, by_volunteer = {}, {}
    for p in pauses:
        if p.enrolment_id:
            by_enrolment.setdefault(p.enrolment_id, []).append((p.starts_on, p.ends_on))
        if p.volunteer_id:
            by_volunteer.setdefault(p.volunteer_id, []).append((p.starts_on, p.ends_on))
    return {e.pk: by_enrolment.get(e.pk, []) + by_volunteer.get(e.volunteer_id, []) for e in rows}
