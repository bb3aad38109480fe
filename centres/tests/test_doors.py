"""The centres' doors (#10): the selectors behind the forms read only what the user may see."""

from django.contrib.auth.models import AnonymousUser

from centres import selectors


def test_it_reads_nothing_without_a_user(region):
    for nobody in (None, AnonymousUser()):
        assert not selectors.centres(nobody).exists()
        assert not selectors.people_for(nobody).exists()
        assert selectors.person_in_scope(nobody, region.person_a.pk) is None
        assert not selectors.host_organizations(nobody).exists()
        assert selectors.centre_list(nobody).count() == 0


def test_the_person_field_finds_only_people_in_scope(region):
    assert selectors.person_in_scope(region.users["coordinator"], region.person_a.pk) == region.person_a
    assert selectors.person_in_scope(region.coordinator_b, region.person_a.pk) is None
    assert selectors.person_in_scope(region.users["coordinator"], region.person_b.pk) is None


def test_staff_of_an_organization_open_centres_only_for_their_own(region):
    staff = region.users["org_staff"]
    assert list(selectors.centre_organizations(staff)) == [region.org_a]
    assert region.org_b not in selectors.centre_organizations(region.users["coordinator"])


def test_the_list_searches_inside_the_scope(region):
    coordinator = region.users["coordinator"]
    assert [c.pk for c in selectors.centre_list(coordinator, "А1")] == [region.centre_a.pk]
    assert not selectors.centre_list(coordinator, "Б1").exists()
    assert selectors.centre_list(region.users["admin"], "Б1").get().visits_today == 0
