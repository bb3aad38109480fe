"""Programme figures beside the previous period: pure functions over plain rows, no database inside.

Each function takes the rows of one programme and a period [start, end) (aware datetimes) and returns
{figure key: value}; breakdowns are {value: count}. A programme whose source is missing is not computed at
all: the dashboard shows «нет данных» for it, never zero.
"""

from collections import Counter
from datetime import timedelta

from django.conf import settings

# Listings are fresh when confirmed within the directory's re-confirmation period.
FRESH_FOR = timedelta(days=settings.LISTING_CONFIRM_DAYS)


def _in(moment, start, end):
    return moment is not None and start <= moment < end


def _avg(values, digits=1):
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), digits) if values else None


def volunteers(rows, active_ids, start, end):
    """rows: {"id", "is_permanent", "age_group", "working": bool, "created_at"}; active_ids: volunteers who
    called, visited, helped at an event or accepted a request in the period. Registered = working and added
    before the end of the period."""
    known = [r for r in rows if r["working"] and r["created_at"] < end]
    return {
        "total": len(known),
        "permanent": sum(1 for r in known if r["is_permanent"]),
        "occasional": sum(1 for r in known if not r["is_permanent"]),
        "new": sum(1 for r in known if _in(r["created_at"], start, end)),
        "active": len({r["id"] for r in known} & set(active_ids)),
        "by_age_group": dict(Counter(r["age_group"] for r in known if r["age_group"]).most_common()),
    }


def organizations(rows, start, end):
    """rows: {"kind", "care_level", "verified_at", "confirmed_at", "created_at"}. Verified and fresh as at the
    end of the period: fresh = its details confirmed within the 6 months before the end."""
    known = [r for r in rows if r["created_at"] < end]
    return {
        "total": len(known),
        "verified": sum(1 for r in known if r["verified_at"] and r["verified_at"] < end),
        "fresh": sum(1 for r in known if r["confirmed_at"] and end - FRESH_FOR <= r["confirmed_at"] < end),
        "by_kind": dict(Counter(r["kind"] for r in known).most_common()),
        "by_care_level": dict(Counter(r["care_level"] or "не указан" for r in known).most_common()),
    }


def engagement_at(row, end):
    """The community's level at the end of the period: the last change before it, else the current level."""
    earlier = [level for at, level in sorted(row["levels"]) if at < end]
    if earlier:
        return earlier[-1]
    return row["levels"][0][1] if row["levels"] else row["engagement"]


def communities(rows, start, end):
    """rows: {"form", "engagement", "live": bool, "created_at", "levels": [(at, level)]} — working ones only."""
    known = [r for r in rows if r["live"] and r["created_at"] < end]
    return {
        "total": len(known),
        "new": sum(1 for r in known if _in(r["created_at"], start, end)),
        "by_form": dict(Counter(r["form"] for r in known).most_common()),
        "by_engagement": dict(Counter(engagement_at(r, end) for r in known).most_common()),
    }


def events(rows, start, end):
    """rows: {"starts_at", "status", "registered", "attended"} (people with and without details together)."""
    held = [r for r in rows if r["status"] == "held" and _in(r["starts_at"], start, end)]
    attended = sum(r["attended"] for r in held)
    return {
        "held": len(held),
        "planned": sum(1 for r in rows if r["status"] == "planned" and _in(r["starts_at"], start, end)),
        "attended": attended,
        "attended_avg": round(attended / len(held), 1) if held else None,
        "attendance_pct": _pct(attended, sum(r["registered"] for r in held)),
    }


def _pct(part, whole):
    return round(100 * part / whole, 1) if whole else None


def assessments(rows, start, end):
    """rows: {"held_on" (aware datetime of the day), "scores": [agreed 1–5 or None for «не требуется»]}."""
    held = [r for r in rows if _in(r["held_on"], start, end)]
    scores = [s for r in held for s in r["scores"] if s is not None]
    return {
        "sessions": len(held),
        "score_avg": _avg(scores),
        "criteria_scored": len(scores),
        "low_scores": sum(1 for s in scores if s <= 2),
    }


def compare(current, previous):
    """Plain figures side by side: [(key, current, previous)] for the keys that are not breakdowns."""
    return [(k, v, previous.get(k)) for k, v in current.items() if not isinstance(v, dict)]
