"""A help request's needs (many-to-many, unseen by model tracking) are written to the audit log explicitly (#10)."""

from audit.models import AuditEntry
from catalog.models import ServiceCategory
from helprequests import services


def _needs_entries(help_request):
    return AuditEntry.objects.filter(
        object_type="helprequests.helprequest", object_id=str(help_request.pk), details__has_key="needs"
    ).order_by("pk")


def test_it_records_the_needs_of_a_new_request_and_each_change_with_old_and_new_codes(region):
    cats = {c.code: c for c in ServiceCategory.objects.filter(code__in=["groceries", "medicines"])}
    actor = region.users["operator"]
    help_request = services.request_create(
        beneficiary=region.person_a, channel="hotline", needs=[cats["groceries"]], actor=actor
    )
    assert [e.details["needs"] for e in _needs_entries(help_request)] == [{"old": [], "new": ["groceries"]}]

    services.request_needs_set(help_request=help_request, needs=[cats["medicines"], cats["groceries"]], actor=actor)
    services.request_needs_set(help_request=help_request, needs=[cats["groceries"], cats["medicines"]], actor=actor)
    entries = list(_needs_entries(help_request))
    assert [e.details["needs"] for e in entries] == [
        {"old": [], "new": ["groceries"]},
        {"old": ["groceries"], "new": ["groceries", "medicines"]},
    ]  # the same needs again change nothing and write nothing
    assert entries[-1].user == actor
    assert sorted(help_request.needs.values_list("code", flat=True)) == ["groceries", "medicines"]
