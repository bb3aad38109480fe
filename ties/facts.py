"""Plain facts for the risk score, gathered in bulk: a fixed number of aggregate queries per chunk of people,
whatever the chunk size (no query per person). Reads the other programmes' tables; writes nothing."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.conf import settings
from django.db.models import Max, Q
from django.utils import timezone

from ties import scoring
from ties.models import Frequency, Tie

# A call note mentioning these means a recent loss or a hospital stay (notes are read here, never shown).
BEREAVEMENT_WORDS = r"(умер|умерл|похорон|скончал)"
HOSPITAL_WORDS = r"(больниц|госпитал|стационар)"


@dataclass
class PersonFacts:
    facts: scoring.Facts
    territory_id: int
    last_contact_at: datetime | None
    active_ties: int
    has_current_contact: bool


def _aware(day):
    return timezone.make_aware(datetime.combine(day, time(12))) if day else None


def _later(a, b):
    return b if a is None else a if b is None else max(a, b)


def _age(birth_date, today):
    if not birth_date:
        return None
    return today.year - birth_date.year - ((today.month, today.day) < (birth_date.month, birth_date.day))


def collect(ids, now=None):
    """{beneficiary_id: PersonFacts} for these people."""
    from centres.models import CareEntry, Participant, Visit
    from guardianship.models import Guardianship, HelpEntry
    from helprequests.models import LOADING, CloseReason, FollowUp, HelpRequest
    from people.models import Beneficiary
    from phone.models import Call, Enrolment, Pause

    now = now or timezone.now()
    today = timezone.localdate(now)
    recent_day = today - timedelta(days=settings.ISOLATION_RECENT_DAYS)
    recent = now - timedelta(days=settings.ISOLATION_RECENT_DAYS)
    people = list(
        Beneficiary.objects.filter(pk__in=ids).values_list(
            "pk", "full_name", "birth_date", "lives_alone", "mobility", "territory_id", "household_id"
        )
    )
    ids = [p[0] for p in people]
    last = dict.fromkeys(ids)
    ties = dict.fromkeys(ids, 0)
    flags = {pk: set() for pk in ids}

    def contact(pk, at):
        last[pk] = _later(last[pk], at)

    # Ties typed in by staff.
    for pk, freq, last_on, nearby, kind, ended_on, ended_reason in Tie.objects.filter(
        beneficiary_id__in=ids
    ).values_list("beneficiary_id", "frequency", "last_contact_on", "lives_nearby", "kind", "ended_on", "ended_reason"):
        if ended_on:
            if ended_reason == Tie.Ended.DIED and ended_on >= recent_day:
                flags[pk].add("bereavement")
            continue
        contact(pk, _aware(last_on))
        if freq in (Frequency.DAILY, Frequency.WEEKLY, Frequency.MONTHLY) or (last_on and last_on >= recent_day):
            ties[pk] += 1
        if freq == Frequency.DAILY:
            flags[pk].add("daily_contact")
        if nearby and kind == "relative":
            flags[pk].add("relative_nearby")
    # «Алло, волонтёр!»: the volunteer is a tie, a reached call a contact, a hospital pause a recent stay.
    for pk, volunteer_id in Enrolment.objects.filter(beneficiary_id__in=ids, ended_at__isnull=True).values_list(
        "beneficiary_id", "volunteer_id"
    ):
        if volunteer_id:
            ties[pk] += 1
            flags[pk].add("regular_calls")
    for pk, at in (
        Call.objects.filter(enrolment__beneficiary_id__in=ids, reached=True)
        .values("enrolment__beneficiary_id")
        .annotate(m=Max("called_at"))
        .values_list("enrolment__beneficiary_id", "m")
    ):
        contact(pk, at)
    for pk in Pause.objects.filter(
        enrolment__beneficiary_id__in=ids, reason=Pause.Reason.HOSPITAL, ends_on__gte=recent_day
    ).values_list("enrolment__beneficiary_id", flat=True):
        flags[pk].add("hospital")
    notes = Call.objects.filter(enrolment__beneficiary_id__in=ids, called_at__gte=recent).exclude(notes="")
    for pk in notes.filter(notes__iregex=BEREAVEMENT_WORDS).values_list("enrolment__beneficiary_id", flat=True):
        flags[pk].add("bereavement")
    for pk in notes.filter(notes__iregex=HOSPITAL_WORDS).values_list("enrolment__beneficiary_id", flat=True):
        flags[pk].add("hospital")
    # Help requests: connection and closing are contacts; a helper at work is a tie; a refusal is a fact.
    requests = HelpRequest.objects.filter(beneficiary_id__in=ids)
    for pk, connected, closed in (
        requests.values("beneficiary_id")
        .annotate(
            c=Max("connected_at"),
            d=Max("closed_at", filter=Q(close_reason__in=[CloseReason.SATISFIED, CloseReason.HANDED_OVER])),
        )
        .values_list("beneficiary_id", "c", "d")
    ):
        contact(pk, _later(connected, closed))
    for pk in requests.filter(status__in=LOADING).values_list("beneficiary_id", flat=True).distinct():
        ties[pk] += 1
    for pk in requests.filter(close_reason=CloseReason.REFUSED, closed_at__gte=recent).values_list(
        "beneficiary_id", flat=True
    ):
        flags[pk].add("refused_help")
    for pk, at in (
        FollowUp.objects.filter(request__beneficiary_id__in=ids, done_at__isnull=False, help_came__isnull=False)
        .values("request__beneficiary_id")
        .annotate(m=Max("done_at"))
        .values_list("request__beneficiary_id", "m")
    ):
        contact(pk, at)
    # Support centres: visits and events attended are contacts; a recent place and the care list are ties.
    for pk, day, _centre_id in (
        Visit.objects.filter(beneficiary_id__in=ids, visited_on__gte=recent_day)
        .values("beneficiary_id", "centre_id")
        .annotate(m=Max("visited_on"))
        .values_list("beneficiary_id", "m", "centre_id")
    ):
        contact(pk, _aware(day))
        ties[pk] += 1
    for pk, at in (
        Participant.objects.filter(beneficiary_id__in=ids, attended=True, event__starts_at__gte=recent)
        .values("beneficiary_id")
        .annotate(m=Max("event__starts_at"))
        .values_list("beneficiary_id", "m")
    ):
        contact(pk, at)
        ties[pk] += 1
    for pk, day in CareEntry.objects.filter(beneficiary_id__in=ids, ended_on__isnull=True).values_list(
        "beneficiary_id", "last_visit_on"
    ):
        contact(pk, _aware(day))
        ties[pk] += 1
    # Guardianship (#МЫВМЕСТЕ.ОПЕКА) of the person's family: the guardian is a tie, help given a contact.
    households = {}
    for pk, _, _, _, _, _, household_id in people:
        if household_id:
            households.setdefault(household_id, []).append(pk)
    if households:
        for household_id in Guardianship.objects.filter(
            household_id__in=households, status__in=[Guardianship.Status.MATCHED, Guardianship.Status.ACTIVE]
        ).values_list("household_id", flat=True):
            for pk in households[household_id]:
                ties[pk] += 1
        for household_id, day in (
            HelpEntry.objects.filter(guardianship__household_id__in=households)
            .values("guardianship__household_id")
            .annotate(m=Max("happened_on"))
            .values_list("guardianship__household_id", "m")
        ):
            for pk in households[household_id]:
                contact(pk, _aware(day))
    for pk in _refusals(ids, recent):
        flags[pk].add("refused_help")

    current_since = now - timedelta(days=settings.ISOLATION_CURRENT_CONTACT_DAYS)
    result = {}
    for pk, full_name, birth_date, lives_alone, mobility, territory_id, _ in people:
        seen = min(last[pk], now) if last[pk] else None
        f = flags[pk]
        facts = scoring.Facts(
            lives_alone=lives_alone,
            mobility=mobility or "",
            age=_age(birth_date, today),
            active_ties=ties[pk],
            days_since_contact=(today - timezone.localdate(seen)).days if seen else None,
            bereavement="bereavement" in f,
            hospital="hospital" in f,
            refused_help="refused_help" in f,
            relative_nearby="relative_nearby" in f,
            regular_calls="regular_calls" in f,
            daily_contact="daily_contact" in f,
            female=scoring.female_by_name(full_name),
        )
        current = "regular_calls" in f or (seen is not None and seen >= current_since)
        result[pk] = PersonFacts(facts, territory_id, seen, ties[pk], current)
    return result


def _refusals(ids, since):
    """People who refused the phone service when identified (phone.Identification), if recorded."""
    try:
        from phone.models import Identification
    except ImportError:
        return []
    return Identification.objects.filter(
        beneficiary_id__in=ids, status=Identification.Status.REFUSED, decided_at__gte=since
    ).values_list("beneficiary_id", flat=True)
