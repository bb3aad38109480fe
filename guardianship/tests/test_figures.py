"""The federal report's counts as a pure function (no database)."""

from datetime import UTC, date, datetime, timedelta

from guardianship.figures import Answer, Application, Entry, Family, Match, count

NOW = datetime(2026, 6, 30, 12, tzinfo=UTC)
DAY = timedelta(days=1)
LIMIT = timedelta(hours=72)


def _count(families, matches, **kw):
    return count(
        families=families, matches=matches, start=date(2026, 6, 1), end=date(2026, 6, 30), now=NOW, limit=LIMIT, **kw
    )


def test_it_counts_matched_families_waiting_for_contact_as_needing_guardianship():
    families = [
        Family(1, NOW - 5 * DAY),  # nobody matched, overdue
        Family(2, NOW - 1 * DAY),  # nobody matched, within the limit
        Family(3, NOW - 4 * DAY),  # matched, no first contact: needing and overdue
        Family(4, NOW - 20 * DAY),  # help started
        Family(5, None),  # not marked
    ]
    matches = [
        Match(3, "matched", NOW - 3 * DAY),
        Match(4, "active", NOW - 19 * DAY, first_contact_at=NOW - 18 * DAY),
    ]
    got = _count(families, matches)
    assert (got["needing"], got["matched_waiting"], got["overdue"], got["constant_help"]) == (3, 1, 2, 1)


def test_it_leaves_out_families_marked_by_override():
    families = [Family(1, NOW - 5 * DAY, override=True), Family(2, NOW - 5 * DAY)]
    apps = [
        Application(1, NOW - 6 * DAY, "other", "selected"),
        Application(2, NOW - 6 * DAY, "onf_hotline", "selected"),
    ]
    got = _count(families, [], applications=apps)
    assert got["needing"] == 1 and got["excluded_override"] == 1
    assert got["applications"] == 1 and got["applications_by_source"] == {"onf_hotline": 1}


def test_it_counts_constant_help_active_at_some_moment_of_the_period():
    families = [Family(i, None) for i in (1, 2, 3, 4)]
    matches = [
        Match(1, "terminated", NOW - 90 * DAY, NOW - 89 * DAY, NOW - 40 * DAY, "all_met"),  # ended before
        Match(2, "terminated", NOW - 90 * DAY, NOW - 89 * DAY, NOW - 10 * DAY, "all_met"),  # ended inside
        Match(3, "active", NOW - 5 * DAY, NOW - 4 * DAY),
        Match(4, "active", NOW + DAY, NOW + 2 * DAY),  # after the period
    ]
    got = _count(families, matches)
    assert got["constant_help"] == 2 and got["terminated"] == 1 and got["needs_met"] == 1


def test_it_counts_help_entries_and_feedback_in_the_period():
    families = [Family(1, None), Family(2, None)]
    entries = [
        Entry(1, date(2026, 6, 3), "Продукты"),
        Entry(1, date(2026, 6, 9), "Продукты"),
        Entry(2, date(2026, 5, 9), "Ремонт"),
    ]
    answers = [Answer(1, NOW - DAY, 5), Answer(2, NOW - 2 * DAY, 4), Answer(2, NOW - 60 * DAY, 1)]
    got = _count(families, [], entries=entries, answers=answers)
    assert got["help_entries"] == 2 and got["families_helped"] == 1 and got["help_by_category"] == {"Продукты": 2}
    assert got["feedback"] == 2 and got["satisfaction_avg"] == 4.5
