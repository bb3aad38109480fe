"""The reads of the ties app (#10): scoped to the user, nothing without one."""

from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict

from ties import selectors


def test_it_returns_nothing_without_a_user(region):
    for user in (None, AnonymousUser()):
        rows, context = selectors.worklist_matching(user, QueryDict())
        assert not rows.exists() and not context["territories"].exists()
        assert not selectors.risks(user).exists()
        assert selectors.counts_by_territory(user) == []
        assert selectors.active_volunteer(user, region.volunteer_a.pk) is None
        assert selectors.leaflet_places(user, region.person_a) == ([], [])


def test_it_keeps_a_coordinator_to_their_territory(region):
    own, other = region.users["coordinator"], region.coordinator_b
    assert selectors.active_volunteer(own, region.volunteer_a.pk) == region.volunteer_a
    assert selectors.active_volunteer(other, region.volunteer_a.pk) is None
    assert selectors.active_volunteer(own, None) is None
    territories = selectors.filter_territories(own)
    assert region.a in territories and region.b not in territories
    assert selectors.counts_territory(own, region.b.pk) is None
    assert selectors.counts_territory(own, region.a.pk) == region.a
    names = {entry["territory"] for entry in selectors.counts_by_territory(own)}
    assert region.b1.name not in names
    rows, context = selectors.worklist_matching(own, QueryDict(f"territory={region.b.pk}&level=9"))
    assert context["territory"] is None and context["level"] is None


def test_it_lists_open_tasks_of_the_rows_given(region):
    class Row:
        pk = region.person_a.pk

    assert selectors.open_tasks([Row()]) == {region.person_a.pk: [region.task_a]}
    assert selectors.open_tasks([]) == {}
