"""Call schedules and the «3 consecutive unreached calls» rule: pure functions over dates.

A scheduled day's outcome counts attempts on that day and on the next (a call not answered is
retried later the same day or the next). A day with no attempt at all is the volunteer's missed
schedule: it neither counts toward the person's unreached streak nor breaks it.
"""

from datetime import date, timedelta

REACHED, UNREACHED, MISSED, PENDING = "reached", "unreached", "missed", "pending"
ALERT_AFTER = 3


def scheduled_dates(weekdays, every_weeks, started_on, date_from, date_to, pauses=()):
    """Days a call is due: the chosen weekdays, every N weeks from the start, outside pauses."""
    days = []
    first_monday = started_on - timedelta(days=started_on.weekday())
    day = max(date_from, started_on)
    while day <= date_to:
        week = (day - first_monday).days // 7
        paused = any(start <= day <= end for start, end in pauses)
        if day.isoweekday() in weekdays and week % max(1, every_weeks) == 0 and not paused:
            days.append(day)
        day += timedelta(days=1)
    return days


def outcomes(scheduled, attempts, today):
    """scheduled: sorted dates; attempts: [(date, reached)]. Returns [(date, outcome)]."""
    result = []
    for i, day in enumerate(scheduled):
        window_end = day + timedelta(days=1)
        if i + 1 < len(scheduled):
            window_end = min(window_end, scheduled[i + 1] - timedelta(days=1))
        tries = [reached for when, reached in attempts if day <= when <= window_end]
        if any(tries):
            result.append((day, REACHED))
        elif window_end >= today:
            result.append((day, PENDING))  # still time to call or retry
        elif tries:
            result.append((day, UNREACHED))
        else:
            result.append((day, MISSED))
    return result


def unreached_streak(day_outcomes):
    """How many scheduled days in a row, most recent last, the person was tried and not reached."""
    streak = 0
    for _, outcome in reversed(day_outcomes):
        if outcome in (PENDING, MISSED):
            continue
        if outcome == REACHED:
            break
        streak += 1
    return streak


def due_today(weekdays, every_weeks, started_on, today, pauses, attempts):
    """Call today if scheduled today, or if yesterday's scheduled call was not answered (retry)."""
    yesterday = today - timedelta(days=1)
    days = scheduled_dates(weekdays, every_weeks, started_on, yesterday, today, pauses)
    reached_since = {when for when, reached in attempts if reached and when >= yesterday}
    if today in days:
        return "scheduled" if today not in reached_since else None
    if yesterday in days and not reached_since and any(when == yesterday for when, _ in attempts):
        return "retry"
    return None


def next_dates(weekdays, every_weeks, started_on, today, pauses, count=5):
    return scheduled_dates(weekdays, every_weeks, started_on, today, today + timedelta(days=70), pauses)[:count]


def is_birthday_soon(birth_date, today, days=14):
    if birth_date is None:
        return None
    for offset in range(days + 1):
        day = today + timedelta(days=offset)
        if (day.month, day.day) == (birth_date.month, birth_date.day) or (
            birth_date.month == 2 and birth_date.day == 29 and (day.month, day.day) == (2, 28) and not _leap(day.year)
        ):
            return day
    return None


def _leap(year):
    return date(year, 3, 1) - date(year, 2, 28) == timedelta(days=2)
