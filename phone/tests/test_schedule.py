from datetime import date, timedelta

from phone import schedule

MON = date(2026, 11, 2)  # a Monday


def test_it_generates_calls_on_the_chosen_weekdays():
    days = schedule.scheduled_dates([1, 3, 5], 1, MON, MON, MON + timedelta(days=13))
    assert [d.isoweekday() for d in days] == [1, 3, 5, 1, 3, 5] and days[0] == MON


def test_it_skips_every_other_week_and_pauses():
    days = schedule.scheduled_dates([2], 2, MON, MON, MON + timedelta(days=34))
    assert days == [MON + timedelta(days=1), MON + timedelta(days=15), MON + timedelta(days=29)]
    paused = schedule.scheduled_dates(
        [2], 1, MON, MON, MON + timedelta(days=20), pauses=[(MON + timedelta(days=7), MON + timedelta(days=9))]
    )
    assert MON + timedelta(days=8) not in paused and len(paused) == 2


def test_it_does_not_schedule_before_enrolment():
    assert schedule.scheduled_dates(
        [1, 2, 3, 4, 5, 6, 7], 1, MON + timedelta(days=3), MON, MON + timedelta(days=4)
    ) == [MON + timedelta(days=3), MON + timedelta(days=4)]


def _outcomes(attempts, today):
    scheduled = schedule.scheduled_dates([1, 3, 5], 1, MON, MON, today)
    return schedule.outcomes(scheduled, attempts, today)


def test_it_counts_a_next_day_retry_for_the_scheduled_call():
    result = _outcomes([(MON, False), (MON + timedelta(days=1), True)], MON + timedelta(days=5))
    assert result[0] == (MON, schedule.REACHED)


def test_it_raises_on_the_third_consecutive_unreached_call_not_the_second():
    attempts = [(MON, False), (MON + timedelta(days=2), False)]
    assert schedule.unreached_streak(_outcomes(attempts, MON + timedelta(days=6))) == 2
    attempts.append((MON + timedelta(days=4), False))
    assert schedule.unreached_streak(_outcomes(attempts, MON + timedelta(days=6))) == 3


def test_a_successful_call_resets_the_streak_and_a_missed_day_does_not_count():
    attempts = [(MON, False), (MON + timedelta(days=2), True), (MON + timedelta(days=7), False)]
    result = _outcomes(attempts, MON + timedelta(days=12))
    assert dict(result)[MON + timedelta(days=4)] == schedule.MISSED  # nobody called on Friday
    assert schedule.unreached_streak(result) == 1


def test_a_paused_week_raises_nothing():
    scheduled = schedule.scheduled_dates(
        [1, 3, 5], 1, MON, MON, MON + timedelta(days=6), pauses=[(MON, MON + timedelta(days=6))]
    )
    assert schedule.unreached_streak(schedule.outcomes(scheduled, [], MON + timedelta(days=8))) == 0


def test_it_waits_for_the_retry_window_before_judging_today():
    result = _outcomes([(MON + timedelta(days=4), False)], MON + timedelta(days=4))
    assert result[-1] == (MON + timedelta(days=4), schedule.PENDING)


def test_it_lists_todays_call_and_yesterdays_retry():
    assert schedule.due_today([1], 1, MON, MON, [], []) == "scheduled"
    assert schedule.due_today([1], 1, MON, MON, [], [(MON, True)]) is None
    assert schedule.due_today([1], 1, MON, MON + timedelta(days=1), [], [(MON, False)]) == "retry"
    assert schedule.due_today([1], 1, MON, MON + timedelta(days=1), [], [(MON, True)]) is None


def test_it_finds_upcoming_birthdays():
    assert schedule.is_birthday_soon(date(1941, 11, 10), date(2026, 11, 2)) == date(2026, 11, 10)
    assert schedule.is_birthday_soon(date(1941, 12, 31), date(2026, 11, 2)) is None
