"""The reads of expert sessions (#10): scoped to the user, nothing without one."""

from django.contrib.auth.models import AnonymousUser

from assessments import selectors


def test_it_returns_nothing_without_a_user(region):
    for user in (None, AnonymousUser()):
        assert not selectors.session_list(user).exists()
        assert not selectors.proposals(user).exists()
        assert not selectors.protocol_templates(user).exists()
        assert not selectors.organization_choices(user).exists()
        assert not selectors.template_choices(user).exists()
        assert selectors.template(user, region.session_a.template_id) is None
        assert selectors.heat_template(user) is None
        assert not selectors.compared_territories(user).exists()


def test_it_keeps_each_coordinator_to_their_territory(region):
    own = region.users["coordinator"]
    assert list(selectors.session_list(own)) == [region.session_a]
    assert list(selectors.session_list(region.coordinator_b)) == [region.session_b]
    assert list(selectors.proposals(own)) == [region.proposal_a]
    assert not selectors.proposals(region.coordinator_b).exists()
    assert list(selectors.compared_territories(own)) == [region.a]
    assert region.org_b not in selectors.organization_choices(own)


def test_it_filters_sessions_and_proposals(region):
    own = region.users["coordinator"]
    year = region.session_a.held_on.year
    assert list(selectors.session_list(own, year=str(year))) == [region.session_a]
    assert not selectors.session_list(own, year=str(year - 1)).exists()
    assert not selectors.session_list(own, q="нет такой").exists()
    assert list(selectors.proposals(own, q="Обучить")) == [region.proposal_a]
    assert not selectors.proposals(own, overdue=True).exists()
