"""Report counts of #МЫВМЕСТЕ.ОПЕКА for the federal headquarters: a pure function over plain rows.

The selectors fetch plain tuples (no names, no phones) and this module counts them, so the rules are
tested without the database:
- «требуется опека»: marked families without help started (no guardianship in first contact yet) —
  a family matched and waiting for the first contact is still counted here;
- «получают постоянную помощь»: families whose guardianship was active at some moment of the period;
- families marked by a coordinator's exception (not a serviceman's family) are left out of every count
  and shown only as `excluded_override`.
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime
from statistics import mean


@dataclass(frozen=True)
class Family:
    id: int
    marked_at: datetime | None
    override: bool = False


@dataclass(frozen=True)
class Match:
    household_id: int
    status: str  # matched, active, terminated
    matched_at: datetime
    first_contact_at: datetime | None = None
    terminated_at: datetime | None = None
    termination_reason: str = ""


@dataclass(frozen=True)
class Entry:
    household_id: int
    happened_on: date
    category: str = ""


@dataclass(frozen=True)
class Answer:
    household_id: int
    answered_at: datetime
    satisfaction: int | None


@dataclass(frozen=True)
class Application:
    household_id: int
    received_at: datetime
    source: str
    status: str


KEYS = (
    "needing",
    "matched_waiting",
    "overdue",
    "constant_help",
    "new_marked",
    "applications",
    "help_entries",
    "families_helped",
    "terminated",
    "needs_met",
    "feedback",
    "satisfaction_avg",
    "excluded_override",
)


def count(*, families, matches, entries=(), answers=(), applications=(), start, end, now, limit):
    """Figures for one territory and period [start, end] (dates); `limit` is the connection timedelta."""

    def in_period(moment):
        if moment is None:
            return False
        day = moment.date() if isinstance(moment, datetime) else moment
        return start <= day <= end

    excluded = {f.id for f in families if f.override}
    counted = [f for f in families if not f.override]
    ids = {f.id for f in counted}
    by_family = {}
    for m in matches:
        if m.household_id in ids:
            by_family.setdefault(m.household_id, []).append(m)

    needing = matched_waiting = overdue = 0
    for f in counted:
        if f.marked_at is None:
            continue
        current = [m for m in by_family.get(f.id, ()) if m.matched_at >= f.marked_at]
        if any(m.status == "active" for m in current):
            continue
        needing += 1
        if any(m.status == "matched" for m in current):
            matched_waiting += 1
        if not any(m.first_contact_at for m in current) and now > f.marked_at + limit:
            overdue += 1

    def active_in_period(m):
        if m.first_contact_at is None or m.first_contact_at.date() > end:
            return False
        return m.terminated_at is None or m.terminated_at.date() >= start

    constant = {m.household_id for ms in by_family.values() for m in ms if active_in_period(m)}
    period_entries = [e for e in entries if e.household_id in ids and in_period(e.happened_on)]
    ended = [m for ms in by_family.values() for m in ms if in_period(m.terminated_at)]
    scores = [a.satisfaction for a in answers if a.household_id in ids and in_period(a.answered_at)]
    rated = [s for s in scores if s is not None]
    apps = [a for a in applications if a.household_id not in excluded and in_period(a.received_at)]
    return {
        "needing": needing,
        "matched_waiting": matched_waiting,
        "overdue": overdue,
        "constant_help": len(constant),
        "new_marked": sum(1 for f in counted if in_period(f.marked_at)),
        "applications": len(apps),
        "applications_by_source": dict(Counter(a.source for a in apps)),
        "help_entries": len(period_entries),
        "help_by_category": dict(Counter(e.category or "другое" for e in period_entries).most_common()),
        "families_helped": len({e.household_id for e in period_entries}),
        "terminated": len(ended),
        "needs_met": sum(1 for m in ended if m.termination_reason == "all_met"),
        "feedback": len(scores),
        "satisfaction_avg": round(float(mean(rated)), 1) if rated else None,
        "excluded_override": len({f.id for f in families if f.override and f.marked_at is not None}),
    }
