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


def test_hours_of_a_specialist_are_logged_by_the_service(region):
    from audit.models import AuditEntry
    from centres import services

    coordinator = region.users["coordinator"]
    specialist = services.specialist_add(
        centre=region.centre_a, actor=coordinator, full_name="Юристова Юлия", profession="lawyer"
    )
    entry = services.hours_log(specialist=specialist, actor=coordinator, hours=2)
    logged = AuditEntry.objects.get(object_type="centres.specialisthours", object_id=str(entry.pk))
    assert logged.action == "create" and logged.user == coordinator and logged.details["hours"] == "2"


def test_the_volunteer_form_goes_to_the_centre_of_the_locality(region):
    assert selectors.centre_for_volunteer(region.a1) == region.centre_a
    assert selectors.centre_for_volunteer(region.a1, region.centre_b.pk) == region.centre_b
    assert selectors.centre_for_volunteer(region.b1) == region.centre_b
