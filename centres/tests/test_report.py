"""The results report on a known set equals figures counted by hand (no database)."""

from datetime import date
from decimal import Decimal

from centres.report import CareRow, EventRow, FinanceRow, VisitRow, figures

D = date


def known_set():
    visits = [
        VisitRow(on=D(2026, 3, 2), service="firewood", beneficiary_id=1, volunteer_id=10, source="sign"),
        VisitRow(on=D(2026, 3, 3), service="firewood", beneficiary_id=1, volunteer_id=11, source="recommendation"),
        VisitRow(
            on=D(2026, 3, 5), service="printing", beneficiary_id=2, source="sign", is_paid=True, amount=Decimal(50)
        ),
        VisitRow(on=D(2026, 4, 1), service="printing", source="notice", is_paid=True, amount=Decimal(100)),  # anonymous
        VisitRow(on=D(2026, 4, 2), service="snow", volunteer_id=12, source="recommendation"),  # anonymous
        VisitRow(on=D(2026, 6, 1), service="snow", beneficiary_id=99, volunteer_id=13),  # outside the period
    ]
    events = [
        # master class: people 2 and 3 came, plus 2 without names; volunteer 10 helped, specialist 100 led it
        EventRow(
            on=D(2026, 3, 10),
            kind="master_class",
            attended_ids=frozenset({2, 3}),
            attended_extra=2,
            volunteer_ids=frozenset({10}),
            specialist_ids=frozenset({100}),
        ),
        # consultation: person 3 again and person 4
        EventRow(
            on=D(2026, 3, 20), kind="consultation", attended_ids=frozenset({3, 4}), specialist_ids=frozenset({101})
        ),
        # holiday: person 5, volunteer 14
        EventRow(on=D(2026, 4, 8), kind="holiday", attended_ids=frozenset({5}), volunteer_ids=frozenset({14})),
        # cancelled: counts nothing
        EventRow(on=D(2026, 4, 9), kind="master_class", cancelled=True, attended_ids=frozenset({77}), attended_extra=5),
    ]
    care = [
        CareRow(beneficiary_id=1, started_on=D(2025, 12, 1), visit_volunteer_ids=frozenset({10})),
        CareRow(
            beneficiary_id=6, started_on=D(2026, 1, 1), ended_on=D(2026, 3, 15), visit_volunteer_ids=frozenset({15})
        ),
        CareRow(beneficiary_id=7, started_on=D(2026, 1, 1), ended_on=D(2026, 2, 1)),  # ended before the period
    ]
    return {
        "date_from": D(2026, 3, 1),
        "date_to": D(2026, 4, 30),
        "visits": visits,
        "events": events,
        "request_beneficiary_ids": [2, 8, None],
        "care": care,
        "permanent": {10: True, 11: False, 12: False, 13: True, 14: True, 15: False},
        "specialist_hours": [
            (100, D(2026, 3, 10), Decimal("2")),
            (102, D(2026, 4, 3), Decimal("1.5")),
            (103, D(2026, 5, 3), 4),
        ],
        "finances": [
            FinanceRow(month=D(2026, 3, 1), kind="cost", item="rent", amount=Decimal(5000)),
            FinanceRow(month=D(2026, 4, 1), kind="cost", item="rent", amount=Decimal(5000)),
            FinanceRow(month=D(2026, 4, 1), kind="cost", item="curator", amount=Decimal(3000)),
            FinanceRow(month=D(2026, 4, 1), kind="income", item="donations", amount=Decimal(1000)),
        ],
        "learning_kinds": frozenset({"master_class", "consultation"}),
    }


def test_it_counts_the_seed_card_figures_as_by_hand():
    f = figures(**known_set())
    assert f.events_held == 3
    # volunteers: 10, 11 (visits), 12 (visit), 14 (event), 15 (care visit) → 5; permanent: 10, 14
    assert (f.volunteers, f.volunteers_permanent, f.volunteers_occasional) == (5, 2, 3)
    # specialists: 100, 101 (events), 102 (hours in period); 103's hours are in May
    assert f.specialists == 3
    assert f.specialist_hours == Decimal("3.5")
    # master class + consultation: people 2, 3, 4 and 2 without names
    assert f.learning_participants == 5
    # people once each: visits 1, 2; events 2, 3, 4, 5; requests 2, 8; care 1, 6 → {1,2,3,4,5,6,8}
    assert f.beneficiaries == 7
    # two anonymous visits + two attendees without names
    assert f.anonymous == 4
    assert f.beneficiaries_with_anonymous == 11
    assert f.long_term_care == 2
    assert f.visits == 5 and f.paid_visits == 2
    assert f.services_by_kind == {"firewood": 2, "printing": 2, "snow": 1}
    assert f.visits_by_source == {"sign": 2, "recommendation": 2, "notice": 1}
    assert f.income_paid_services == Decimal(150)
    assert f.income == Decimal(1150) and f.costs == Decimal(13000)
    march, april = f.months
    assert (march["paid_services"], march["income"], march["costs"], march["balance"]) == (50, 50, 5000, -4950)
    assert (april["income"], april["costs"]) == (1100, 8000)


def test_it_reports_zeroes_for_an_empty_period():
    f = figures(date_from=D(2026, 1, 1), date_to=D(2026, 1, 31))
    assert (f.events_held, f.beneficiaries, f.volunteers, f.income) == (0, 0, 0, 0)
    assert len(f.months) == 1
    assert f.as_dict()["months"][0]["balance"] == 0.0


def test_a_schedule_every_two_weeks_stops_at_its_end():
    from types import SimpleNamespace

    from centres.services import schedule_dates

    # Wednesdays every other week from Wed 2026-03-04, until 2026-04-10
    schedule = SimpleNamespace(starts_on=D(2026, 3, 2), weekday=3, every_weeks=2, ends_on=D(2026, 4, 10))
    assert list(schedule_dates(schedule, today=D(2026, 3, 10), weeks=8)) == [D(2026, 3, 18), D(2026, 4, 1)]
