"""The community workspace's doors (#10): reads scoped to the user (nothing without one), the leaders
register written by a service and audited under the acting user."""

from django.contrib.auth.models import AnonymousUser

from audit.models import AuditEntry
from communities import selectors, services


def test_it_returns_nothing_without_a_user(region):
    for user in (None, AnonymousUser()):
        assert not selectors.leaders(user).exists()
        assert not selectors.community_choices(user).exists()
        assert not selectors.territory_choices(user).exists()
        assert not selectors.organization_choices(user).exists()
        assert not selectors.staff_choices(user).exists()
        assert not selectors.api_communities(user).exists()
        assert not selectors.roadmap(user).exists()


def test_it_keeps_a_coordinator_to_their_territory(region):
    own, other = region.users["coordinator"], region.coordinator_b
    assert list(selectors.leaders(own)) == [region.leader_a]
    assert not selectors.leaders(other).exists()
    assert list(selectors.leaders(own, q="Лидерова")) == [region.leader_a]
    assert not selectors.leaders(own, q="нет такого").exists()
    assert region.community_b not in selectors.community_choices(own)
    assert list(selectors.api_communities(own, form="mkd_council")) == [region.community_a]
    assert not selectors.api_communities(own, form="tos").exists()
    assert list(selectors.roadmap(own, territory_id=region.a.pk)) == [region.step_a]
    assert not selectors.roadmap(own, territory_id=region.b.pk).exists()


def test_it_saves_a_leader_through_the_service_with_an_audit_entry(region):
    coordinator = region.users["coordinator"]
    leader = services.leader_save(
        actor=coordinator, full_name="Соседова Софья", community="Двор", territory=region.a1, phone="+79100000001"
    )
    created = AuditEntry.objects.filter(object_type="communities.communityleader", object_id=str(leader.pk))
    assert created.get().user == coordinator and created.get().action == "create"
    services.leader_save(leader=leader, actor=coordinator, notes="Собирает соседей")
    updated = AuditEntry.objects.filter(
        object_type="communities.communityleader", object_id=str(leader.pk), action="update"
    ).get()
    assert updated.user == coordinator and "notes" in updated.details["changes"]
