"""Programme figures on known sets (pure), and on the region fixture (dashboard, API, «нет данных»)."""

from datetime import UTC, datetime, timedelta

from django.urls import reverse

from stats import programme_sections, programmes

START = datetime(2026, 11, 1, tzinfo=UTC)
END = datetime(2026, 12, 1, tzinfo=UTC)
BEFORE = START - timedelta(days=40)
DAY = START + timedelta(days=3)


def test_it_counts_volunteers_permanent_occasional_by_age_and_active():
    rows = [
        {"id": 1, "is_permanent": True, "age_group": "silver", "working": True, "created_at": BEFORE},
        {"id": 2, "is_permanent": False, "age_group": "youth", "working": True, "created_at": DAY},
        {"id": 3, "is_permanent": True, "age_group": "silver", "working": True, "created_at": DAY},
        {"id": 4, "is_permanent": True, "age_group": "adult", "working": False, "created_at": BEFORE},  # left
        {"id": 5, "is_permanent": False, "age_group": "adult", "working": True, "created_at": END},  # after
    ]
    result = programmes.volunteers(rows, [1, 1, 2, 4, 5], START, END)
    assert result == {
        "total": 3,
        "permanent": 2,
        "occasional": 1,
        "new": 2,
        "active": 2,  # 1 and 2; 4 no longer works, 5 came after the period
        "by_age_group": {"silver": 2, "youth": 1},
    }
    assert programmes.volunteers(rows, [], BEFORE, START)["total"] == 1


def test_it_counts_organizations_by_kind_level_verified_and_fresh():
    rows = [
        {"kind": "ngo", "care_level": "community", "verified_at": BEFORE, "confirmed_at": DAY, "created_at": BEFORE},
        {"kind": "ngo", "care_level": "", "verified_at": None, "confirmed_at": None, "created_at": BEFORE},
        {"kind": "state", "care_level": "state", "verified_at": DAY, "confirmed_at": START - timedelta(days=200)}
        | {"created_at": BEFORE},
    ]
    result = programmes.organizations(rows, START, END)
    assert result["total"] == 3 and result["verified"] == 2
    assert result["fresh"] == 1  # confirmed 200 days before the period's start: stale
    assert result["by_kind"] == {"ngo": 2, "state": 1}
    assert result["by_care_level"] == {"community": 1, "не указан": 1, "state": 1}
    earlier = programmes.organizations(rows, BEFORE - timedelta(days=30), BEFORE + timedelta(days=1))
    # as at the end of that period: one verified; the third confirmed 200 days before START was fresh then
    assert (earlier["total"], earlier["verified"], earlier["fresh"]) == (3, 1, 1)


def test_it_counts_communities_by_form_and_the_engagement_level_at_the_period_end():
    rows = [
        {"form": "tos", "engagement": "partnership", "live": True, "created_at": BEFORE}
        | {"levels": [(BEFORE, "informing"), (DAY, "partnership")]},
        {"form": "tos", "engagement": "informing", "live": True, "created_at": DAY, "levels": []},
        {"form": "hoa", "engagement": "informing", "live": False, "created_at": BEFORE, "levels": []},
    ]
    assert programmes.communities(rows, START, END) == {
        "total": 2,
        "new": 1,
        "by_form": {"tos": 2},
        "by_engagement": {"partnership": 1, "informing": 1},
    }
    assert programmes.communities(rows, BEFORE, START)["by_engagement"] == {"informing": 1}


def test_it_counts_events_and_attendance():
    rows = [
        {"starts_at": DAY, "status": "held", "registered": 10, "attended": 8},
        {"starts_at": DAY, "status": "held", "registered": 10, "attended": 4},
        {"starts_at": DAY, "status": "planned", "registered": 5, "attended": 0},
        {"starts_at": DAY, "status": "cancelled", "registered": 5, "attended": 0},
        {"starts_at": BEFORE, "status": "held", "registered": 3, "attended": 3},
    ]
    assert programmes.events(rows, START, END) == {
        "held": 2,
        "planned": 1,
        "attended": 12,
        "attended_avg": 6.0,
        "attendance_pct": 60.0,  # 12 of 20
    }
    assert programmes.events([], START, END)["attended_avg"] is None


def test_it_averages_expert_session_scores():
    rows = [{"held_on": DAY, "scores": [5, 4, None, 2, 1]}, {"held_on": BEFORE, "scores": [3]}]
    assert programmes.assessments(rows, START, END) == {
        "sessions": 1,
        "score_avg": 3.0,  # (5 + 4 + 2 + 1) / 4; «не требуется» left out
        "criteria_scored": 4,
        "low_scores": 2,
    }


def test_it_shows_no_data_for_a_missing_source_never_zero():
    result = programme_sections.sections({"volunteers": None})
    volunteers = next(s for s in result if s["key"] == "volunteers")
    assert not volunteers["available"]
    assert {r["current"] for r in volunteers["rows"]} == {None}
    data = {"events": {"current": programmes.events([], START, END), "previous": programmes.events([], BEFORE, START)}}
    events = next(s for s in programme_sections.sections(data) if s["key"] == "events")
    assert events["available"] and events["rows"][0]["current"] == 0


def test_it_masks_small_counts_of_people_and_hides_their_change():
    current = {"identified": 2, "reached": 5, "reached_pct": 50.0, "calls": 0}
    data = {"phone": {"current": current, "previous": {"identified": 7, "reached": 3, "reached_pct": 40.0}}}
    assert programme_sections.sections(data)[0]["rows"][0]["key"] == "phone.identified"
    rows = {r["key"]: r for r in programme_sections.sections(data)[0]["rows"]}
    assert rows["phone.identified"]["current"] == "< 3" and rows["phone.identified"]["change"] is None
    assert rows["phone.reached"]["change"] == 2 and rows["phone.reached_pct"]["change"] == 10.0
    assert rows["phone.calls"]["current"] == 0
    # a share of one or two people is hidden too: 50 % of 2 would say «one»
    assert rows["phone.reached_pct"]["current"] == 50.0  # the base (enrolled) is not given here
    data["phone"]["current"] |= {"enrolled": 2, "turned_pct": 50.0}
    rows = {r["key"]: r for r in programme_sections.sections(data)[0]["rows"]}
    assert rows["phone.reached_pct"]["current"] == "скрыто (< 3 чел.)" and rows["phone.reached_pct"]["change"] is None
    assert rows["phone.turned_pct"]["current"] == "скрыто (< 3 чел.)"  # identified: 2


def test_it_shows_programmes_on_the_dashboard_and_in_the_api(region):
    client = region.client("analyst")
    html = client.get(reverse("stats:dashboard"), {"territory": region.b.pk}).content.decode()
    assert 'data-programme="phone"' in html and "Волонтёры по возрасту" in html
    phone = html.split('data-programme="phone"')[1].split("</section>")[0]
    assert "нет данных" in phone and "<td>0</td>" not in phone  # no phone service in district B
    body = region.api("analyst").get("/api/v1/stats/programmes", {"territory_id": region.a.pk}).json()
    found = {p["key"]: p for p in body["programmes"]}
    assert found["phone"]["available"] is True
    phone = {r["key"]: r["current"] for r in found["phone"]["rows"]}
    assert phone["phone.enrolled"] == "< 3"  # one person enrolled in A
    assert found["volunteers"]["rows"][0] == {
        "key": "volunteers.total",
        "label": "Действующих волонтёров",
        "current": "< 3",
        "previous": 0,  # added today
        "change": None,
    }
    assert found["organizations"]["available"] is True
    body_b = region.api("analyst").get("/api/v1/stats/programmes", {"territory_id": region.b.pk}).json()
    assert {p["key"]: p["available"] for p in body_b["programmes"]}["phone"] is False
