"""KPIs of the telephone service for a territory and period, from plain data (practice card figures:
identified 3 400, reached 3 389 = 99.6 %, 12 028 calls, satisfaction 99.9 %)."""

from dataclasses import dataclass


@dataclass(frozen=True)
class CallFact:
    enrolment_id: int
    volunteer_id: int | None
    reached: bool
    satisfaction: int | None


def _pct(part, whole):
    return round(100 * part / whole, 1) if whole else None


def compute(enrolment_ids, calls, alerts_raised=0, alerts_resolved=0):
    identified = len(set(enrolment_ids))
    reached_people = {c.enrolment_id for c in calls if c.reached}
    reached_calls = [c for c in calls if c.reached]
    answers = [c.satisfaction for c in calls if c.satisfaction is not None]
    return {
        "identified": identified,
        "reached": len(reached_people),
        "reached_pct": _pct(len(reached_people), identified),
        "calls": len(reached_calls),
        "attempts": len(calls),
        "calls_per_person": round(len(reached_calls) / identified, 1) if identified else None,
        "satisfaction_pct": _pct(sum(1 for a in answers if a >= 4), len(answers)),
        "satisfaction_answers": len(answers),
        "active_volunteers": len({c.volunteer_id for c in calls if c.volunteer_id}),
        "alerts_raised": alerts_raised,
        "alerts_resolved": alerts_resolved,
    }
