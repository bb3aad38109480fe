"""The outreach kit's doors (#10): the selectors behind views, API and forms read only what the user may see."""

from django.contrib.auth.models import AnonymousUser

from outreach import selectors


def test_it_reads_nothing_without_a_user(region):
    for nobody in (None, AnonymousUser()):
        assert not selectors.territories(nobody).exists()
        assert selectors.territory_in_scope(nobody, region.a1.pk) is None
        assert not selectors.organizations(nobody).exists()
        assert selectors.recipient_of(nobody, region.questionnaire_a, region.answered_a.pk) is None
        assert selectors.batch_letters(nobody, "batcha") == []
        assert selectors.contacts_picked(nobody, [region.contact_a.pk]) == []
        assert selectors.letter_template(nobody, region.letter_a.template_id) is None


def test_it_reads_only_the_users_territory(region):
    coordinator, coordinator_b = region.users["coordinator"], region.coordinator_b
    assert selectors.territory_in_scope(coordinator, region.a1.pk) == region.a1
    assert selectors.territory_in_scope(coordinator, region.b1.pk) is None
    assert selectors.recipient_of(coordinator, region.questionnaire_a, region.answered_a.pk) == region.answered_a
    assert selectors.recipient_of(coordinator_b, region.questionnaire_a, region.answered_a.pk) is None
    assert [x.pk for x in selectors.batch_letters(coordinator, "batcha")] == [region.letter_a.pk]
    assert selectors.batch_letters(coordinator_b, "batcha") == []
    picked = [region.contact_a.pk, region.contact_b.pk]
    assert [c.pk for c in selectors.contacts_picked(coordinator, picked)] == [region.contact_a.pk]
    assert region.org_b not in selectors.organizations(coordinator)
    assert [s.pk for s in selectors.sendings_of(coordinator_b, region.questionnaire_a.pk)] == [region.sending_b.pk]
