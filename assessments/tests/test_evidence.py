"""Evidence figures are pure functions: known inputs, known answers, «нет данных» when there is nothing."""

from datetime import datetime, timedelta

from assessments import evidence

T0 = datetime(2026, 3, 1, 9, 0)
NOW = T0 + timedelta(days=30)


def test_it_counts_7_of_10_connected_within_3_days_as_70_percent():
    fast = [(T0, T0 + timedelta(hours=20))] * 7
    slow = [(T0, T0 + timedelta(days=4))] * 2
    never = [(T0, None)]
    figures = evidence.routing(requests=fast + slow + never, overdue=1, now=NOW)
    assert figures[0].value == 70.0
    assert figures[0].text == "70 %"
    assert figures[0].note == "7 из 10 обращений"
    assert figures[1].text == "1"


def test_it_leaves_requests_still_within_the_limit_out_of_the_share():
    fresh = [(NOW - timedelta(hours=5), None)]
    in_time, due = evidence.connected_in_time([(T0, T0 + timedelta(days=1))] + fresh, now=NOW)
    assert (in_time, due) == (1, 1)


def test_it_says_no_data_rather_than_inventing_a_figure():
    assert evidence.routing(requests=[], overdue=0, now=NOW)[0].text == "нет данных"
    assert evidence.routing(requests=[], overdue=0, now=NOW)[1].text == "нет данных"
    assert [f.text for f in evidence.volunteers(active=0, tasks_in_work=0, capacity=0)] == ["нет данных"] * 2
    assert evidence.awareness(listed=4)[1].text == "нет данных"  # the platform does not count searches
    assert evidence.youth(youth_count=0, active=0)[1].text == "нет данных"
    assert evidence.sites(count=0)[0].text == "нет данных"


def test_it_shows_shares_with_one_decimal_and_a_comma():
    assert evidence.youth(youth_count=1, active=3)[1].text == "33,3 %"
    assert evidence.neighbours(from_neighbours=2, total=8)[1].text == "25 %"
    assert evidence.volunteers(active=4, tasks_in_work=3, capacity=12)[1].text == "25 %"
