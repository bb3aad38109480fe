"""The residents' site reads only public data through public/selectors.py (#10)."""

from catalog.models import ServiceCategory
from directory.models import Organization
from public import selectors


def test_it_offers_kinds_of_help_not_groups(region):
    choices = list(selectors.need_choices())
    assert choices and all(c.parent_id for c in choices)
    assert all(g.parent_id is None for g in selectors.need_groups())
    groceries = ServiceCategory.objects.get(code="groceries")
    assert selectors.need_ids(["groceries", groceries.parent.code, "nonexistent"]) == [groceries.pk]
    assert selectors.need_name("groceries") == groceries.name and selectors.need_name("nonexistent") == ""


def test_an_organization_page_shows_only_organizations_listed_for_residents(region):
    Organization.objects.filter(pk=region.org_b.pk).update(is_public=False)
    shown = selectors.public_organizations()
    assert not shown.filter(pk=region.org_b.pk).exists()
    assert set(shown.values_list("pk", flat=True)) == set(
        Organization.objects.publicly_listed().values_list("pk", flat=True)
    )
