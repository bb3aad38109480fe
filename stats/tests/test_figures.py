"""Every figure on a small hand-computed set, without the database."""

from datetime import UTC, datetime, timedelta

from stats import figures

START = datetime(2026, 11, 1, tzinfo=UTC)
END = datetime(2026, 12, 1, tzinfo=UTC)
NOW = datetime(2026, 12, 5, tzinfo=UTC)


def _row(i, hours=None, status="connected", path="/1/2/", person=None, **extra):
    received = START + timedelta(days=1 + i, hours=10)
    row = {
        "id": i,
        "territory_path": path,
        "beneficiary_id": person or i,
        "channel": "hotline",
        "urgency": "within_3_days",
        "status": status,
        "received_at": received,
        "connect_due_at": received + timedelta(hours=72),
        "connected_at": received + timedelta(hours=hours) if hours is not None else None,
        "closed_at": None,
        "close_reason": "",
        "needs": [],
    }
    row.update(extra)
    return row


def known_set():
    """10 requests: 7 connected within 72 h (1…7 h), 2 late (80 h, 100 h), 1 still waiting past its limit."""
    rows = [_row(i, hours=i + 1) for i in range(7)]
    rows += [_row(7, hours=80), _row(8, hours=100), _row(9, status="assigned")]
    return rows


def test_it_counts_seven_of_ten_connected_in_time_as_seventy_percent():
    assert figures.connected_within_limit_pct(known_set(), NOW) == 70.0


def test_it_takes_the_median_and_90th_percentile_of_hours_to_connect():
    # 1 2 3 4 5 6 7 80 100: the median is 5; the 90th percentile sits at rank 7.2 → 80 + 0.2 × 20 = 84.
    summary = figures.summary(known_set(), [], START, END, NOW)
    assert summary["median_hours_to_connect"] == 5.0
    assert summary["p90_hours_to_connect"] == 84.0
    assert figures.percentile([1, 2, 3, 4], 0.5) == 2.5
    assert figures.percentile([], 0.5) is None


def test_it_counts_requests_people_and_overdue_now():
    rows = known_set() + [_row(10, hours=1, person=1)]  # the same person asked twice
    summary = figures.summary(rows, [], START, END, NOW)
    assert summary["requests"] == 11
    assert summary["people"] == 10
    assert summary["overdue_now"] == 1


def test_it_does_not_count_a_request_still_inside_its_limit():
    waiting = _row(0, status="new", received_at=NOW - timedelta(hours=1), connect_due_at=NOW + timedelta(hours=71))
    assert figures.connected_within_limit_pct([waiting], NOW) is None
    assert figures.overdue_now([waiting], NOW) == 0


def test_it_averages_satisfaction_of_follow_ups_done_in_the_period():
    day = START + timedelta(days=3)
    followups = [
        {"due_at": day, "done_at": day, "satisfaction": 5},
        {"due_at": day, "done_at": day, "satisfaction": 4},
        {"due_at": day, "done_at": day + timedelta(days=3), "satisfaction": 3},
        {"due_at": day, "done_at": None, "satisfaction": None},
        {"due_at": day, "done_at": END + timedelta(days=1), "satisfaction": 1},  # answered after the period
    ]
    assert figures.satisfaction_avg(followups, START, END) == 4.0
    # due in the period: 5 calls; 2 on time (within a day of the due moment)
    assert figures.followups_on_time_pct(followups, START, END, NOW) == 40.0


def test_it_counts_by_need_channel_status_urgency_and_closing_reason():
    rows = [
        _row(0, hours=1, needs=["Продукты", "Лекарства"], channel="website"),
        _row(1, hours=2, needs=["Продукты"], closed_at=START + timedelta(days=5), close_reason="satisfied"),
        _row(2, status="new", urgency="urgent"),
    ]
    result = figures.breakdowns(rows, START, END)
    assert result["need"] == {"Продукты": 2, "Лекарства": 1}
    assert result["channel"] == {"hotline": 2, "website": 1}
    assert result["status"] == {"connected": 2, "new": 1}
    assert result["urgency"] == {"within_3_days": 2, "urgent": 1}
    assert result["close_reason"] == {"satisfied": 1}


def test_it_compares_with_the_previous_period_of_equal_length():
    assert figures.previous_period(START, END) == (START - (END - START), START)
    earlier = _row(0, hours=1, received_at=START - timedelta(days=2))
    earlier["connect_due_at"] = earlier["received_at"] + timedelta(hours=72)
    earlier["connected_at"] = earlier["received_at"] + timedelta(hours=10)
    rows = known_set() + [earlier]
    prev_start, prev_end = figures.previous_period(START, END)
    assert figures.summary(rows, [], START, END, NOW)["requests"] == 10
    previous = figures.summary(rows, [], prev_start, prev_end, NOW)
    assert previous["requests"] == 1
    assert previous["connected_within_limit_pct"] == 100.0
    assert figures.change(70.0, 100.0) == -30.0
    assert figures.change(None, 1) is None


def test_it_rolls_up_children_to_the_sum_and_counts_people_once():
    rows = [
        _row(0, hours=1, path="/1/2/5/", person=100),
        _row(1, hours=1, path="/1/2/5/", person=101),
        _row(2, hours=1, path="/1/3/", person=100),  # the same person, now in another district
        _row(3, status="new", path="/1/"),  # registered on the region itself
    ]
    children = [(2, "Район А", "/1/2/"), (3, "Район Б", "/1/3/")]
    lines, total = figures.territory_table(rows, children, START, END, NOW)
    assert [line["name"] for line in lines] == ["Район А", "Район Б", "без уточнения территории"]
    assert [line["requests"] for line in lines] == [2, 1, 1]
    assert total["requests"] == sum(line["requests"] for line in lines) == 4
    assert total["overdue_now"] == sum(line["overdue_now"] for line in lines) == 1
    assert [line["people"] for line in lines] == [2, 1, 1]
    assert total["people"] == 3  # person 100 counted once


def test_it_masks_counts_of_one_and_two():
    assert [figures.mask(v) for v in (0, 1, 2, 3, 10)] == [0, "< 3", "< 3", 3, 10]
    assert figures.mask(None) is None
    assert figures.mask(1.5) == 1.5  # shares and hours are not counts
    line = {"name": "Село", "requests": 2, "people": 1, "overdue_now": 0, "connected_within_limit_pct": 50.0}
    assert figures.masked_line(line) == {
        "name": "Село",
        "requests": "< 3",
        "people": "< 3",
        "overdue_now": 0,
        "connected_within_limit_pct": "< 3",  # 1 of 2 connected in time would tell about those two
    }
    assert figures.masked_line(line, hidden=None)["connected_within_limit_pct"] is None
    big = dict(line, requests=3, people=3)
    assert figures.masked_line(big)["connected_within_limit_pct"] == 50.0


def test_it_sorts_territory_lines_with_missing_values_last():
    lines = [
        {"name": "Б", "requests": 3, "median_hours_to_connect": None},
        {"name": "А", "requests": 3, "median_hours_to_connect": 5.0},
        {"name": "В", "requests": 9, "median_hours_to_connect": 1.0},
    ]
    assert [x["name"] for x in figures.sort_lines(lines, "requests")] == ["А", "Б", "В"]
    assert [x["name"] for x in figures.sort_lines(lines, "-requests")] == ["В", "А", "Б"]
    assert [x["name"] for x in figures.sort_lines(lines, "-median_hours_to_connect")] == ["А", "В", "Б"]
    assert [x["name"] for x in figures.sort_lines(lines, None)] == ["Б", "А", "В"]
