"""Figures for decisions: pure functions over plain rows (dicts), no database inside.

A request row: {"id", "territory_path", "beneficiary_id", "channel", "urgency", "status", "received_at",
"connect_due_at", "connected_at", "closed_at", "close_reason", "needs": [names]}.
A follow-up row: {"due_at", "done_at", "satisfaction"}. Periods are half-open datetime ranges [start, end).
"""

from collections import Counter
from datetime import timedelta

# Statuses before a helper is connected (mirrors helprequests.models.NOT_CONNECTED, as plain strings).
NOT_CONNECTED = {"new", "triage", "assigned", "accepted", "declined"}

# Counts of 1–2 could point at a person in a small settlement: shown as «< 3».
SMALL = "< 3"


def in_period(moment, start, end):
    return moment is not None and start <= moment < end


def received(rows, start, end):
    return [r for r in rows if in_period(r["received_at"], start, end)]


def connected_within_limit_pct(rows, now):
    """Share of decided requests connected by their limit: 7 of 10 → 70.0.

    Decided = connected, closed, or past the limit; a request still inside its limit is not counted yet."""
    decided = [r for r in rows if r["connected_at"] or r["closed_at"] or r["connect_due_at"] <= now]
    if not decided:
        return None
    within = sum(1 for r in decided if r["connected_at"] and r["connected_at"] <= r["connect_due_at"])
    return round(100 * within / len(decided), 1)


def hours_to_connect(rows):
    return sorted((r["connected_at"] - r["received_at"]).total_seconds() / 3600 for r in rows if r["connected_at"])


def percentile(values, share):
    """Linear interpolation between the closest ranks (as numpy's default); None for no values."""
    if not values:
        return None
    values = sorted(values)
    position = (len(values) - 1) * share
    low = int(position)
    high = min(low + 1, len(values) - 1)
    return values[low] + (values[high] - values[low]) * (position - low)


def _hours(value):
    return None if value is None else round(value, 1)


def overdue_now(rows, now):
    """Still waiting for a helper and past the connection limit: a snapshot, not a period figure."""
    return sum(1 for r in rows if r["status"] in NOT_CONNECTED and r["connect_due_at"] < now)


def satisfaction_avg(followups, start, end):
    marks = [f["satisfaction"] for f in followups if f["satisfaction"] and in_period(f["done_at"], start, end)]
    return round(sum(marks) / len(marks), 2) if marks else None


def followups_on_time_pct(followups, start, end, now):
    """Follow-up calls due in the period whose time has come: the share made within a day of the due moment."""
    due = [f for f in followups if in_period(f["due_at"], start, end) and f["due_at"] <= now]
    if not due:
        return None
    on_time = sum(1 for f in due if f["done_at"] and f["done_at"] <= f["due_at"] + timedelta(days=1))
    return round(100 * on_time / len(due), 1)


def counts(rows, key):
    """{value: count}, most frequent first."""
    counter = Counter()
    for r in rows:
        values = r[key] if isinstance(r[key], list | tuple | set) else [r[key]]
        counter.update(v for v in values if v)
    return dict(counter.most_common())


def closing_reasons(rows, start, end):
    return counts([r for r in rows if in_period(r["closed_at"], start, end)], "close_reason")


def summary(rows, followups, start, end, now):
    """The figures of the Figures API for requests received in [start, end)."""
    period_rows = received(rows, start, end)
    hours = hours_to_connect(period_rows)
    return {
        "requests": len(period_rows),
        "people": len({r["beneficiary_id"] for r in period_rows}),
        "connected_within_limit_pct": connected_within_limit_pct(period_rows, now),
        "median_hours_to_connect": _hours(percentile(hours, 0.5)),
        "p90_hours_to_connect": _hours(percentile(hours, 0.9)),
        "overdue_now": overdue_now(rows, now),
        "satisfaction_avg": satisfaction_avg(followups, start, end),
        "followups_on_time_pct": followups_on_time_pct(followups, start, end, now),
    }


def breakdowns(rows, start, end):
    period_rows = received(rows, start, end)
    return {
        "need": counts(period_rows, "needs"),
        "channel": counts(period_rows, "channel"),
        "status": counts(period_rows, "status"),
        "urgency": counts(period_rows, "urgency"),
        "close_reason": closing_reasons(rows, start, end),
    }


def previous_period(start, end):
    """The period of equal length just before [start, end)."""
    return start - (end - start), start


def change(current, previous):
    """Difference for the «было → стало» column; None when either side is missing."""
    if current is None or previous is None:
        return None
    return round(current - previous, 1)


def territory_table(rows, children, start, end, now, parent_path=None):
    """One line per child territory (by path prefix) and a roll-up; people are distinct in the roll-up.

    children: [(id, name, path)]. Requests registered on the parent itself go to a line «без уточнения»."""
    period_rows = received(rows, start, end)
    lines = []
    assigned = set()
    for child_id, name, path in children:
        mine = [r for r in period_rows if r["territory_path"].startswith(path)]
        assigned.update(r["id"] for r in mine)
        lines.append(_line(child_id, name, mine, [r for r in rows if r["territory_path"].startswith(path)], now))
    rest = [r for r in period_rows if r["id"] not in assigned]
    if rest:
        rest_all = [r for r in rows if not any(r["territory_path"].startswith(p) for _, _, p in children)]
        lines.append(_line(None, "без уточнения территории", rest, rest_all, now))
    total = _line(None, "Итого", period_rows, rows, now)
    return lines, total


def _line(territory_id, name, period_rows, all_rows, now):
    hours = hours_to_connect(period_rows)
    return {
        "territory_id": territory_id,
        "name": name,
        "requests": len(period_rows),
        "people": len({r["beneficiary_id"] for r in period_rows}),
        "connected_within_limit_pct": connected_within_limit_pct(period_rows, now),
        "median_hours_to_connect": _hours(percentile(hours, 0.5)),
        "overdue_now": overdue_now(all_rows, now),
    }


def mask(value):
    """Counts of 1–2 become «< 3»; zero and larger counts stay as they are."""
    if isinstance(value, int) and not isinstance(value, bool) and 0 < value < 3:
        return SMALL
    return value


MASKED_COLUMNS = ("requests", "people", "overdue_now")


# Shares and durations of one or two requests would tell about those people: hidden with the count.
DERIVED_COLUMNS = (
    "connected_within_limit_pct",
    "median_hours_to_connect",
    "p90_hours_to_connect",
    "satisfaction_avg",
    "followups_on_time_pct",
)


def masked_line(line, hidden=SMALL):
    """A territory line with counts of 1–2 as «< 3» and, on a line of 1–2 requests, its shares hidden too
    (`hidden`: «< 3» on pages and files, None in the API whose fields are numbers)."""
    small = mask(line.get("requests")) == SMALL
    result = {}
    for key, value in line.items():
        if key in MASKED_COLUMNS:
            result[key] = mask(value)
        elif small and key in DERIVED_COLUMNS and value is not None:
            result[key] = hidden
        else:
            result[key] = value
    return result


def sort_lines(lines, sort=None):
    """Territory lines by a column («-» first for descending); missing values last either way; by name on ties."""
    if not sort:
        return list(lines)
    key, reverse = sort.lstrip("-"), sort.startswith("-")
    known = [line for line in lines if line.get(key) is not None]
    missing = [line for line in lines if line.get(key) is None]
    known.sort(key=lambda line: line["name"])
    known.sort(key=lambda line: line[key], reverse=reverse)
    return known + missing
