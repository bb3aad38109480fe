import pytest
from django.utils import timezone

from audit import log
from audit.models import AuditEntry
from catalog.models import ServiceCategory
from core import bulk
from directory.models import Organization, OrganizationService

TRICKY = ['кавычки " и \\ обратная черта', "табуляция\tи\nперевод строки", "«ёлки»", "", "\\N", "NULL", "{a,b}"]


@pytest.mark.django_db
def test_it_writes_what_bulk_create_writes_and_sets_the_keys(region):
    """#12: COPY on PostgreSQL (ids from the sequence), bulk_create on SQLite: the rows read back the same."""
    now = timezone.now()
    orgs = [
        Organization(
            name=f"{text} {i}",
            kind="ngo",
            territory=region.a1,
            lat=None if i % 2 else 55.5 + i / 1000,
            lon=None if i % 2 else 40.25,
            phone="" if i % 3 else "+74912551234",
            address=text,
            verified_at=now if i % 2 else None,
            verified_by=region.users["coordinator"] if i % 2 else None,
            last_confirmed_at=now,
            capacity=i,
        )
        for i, text in enumerate(TRICKY * 3)
    ]
    created = bulk.insert(orgs)
    assert all(org.pk for org in created) and len({org.pk for org in created}) == len(orgs)
    for org in created:
        stored = Organization.objects.get(pk=org.pk)
        assert [(f.attname, getattr(stored, f.attname)) for f in Organization._meta.concrete_fields] == [
            (f.attname, getattr(org, f.attname)) for f in Organization._meta.concrete_fields
        ]
    groceries = ServiceCategory.objects.get(code="groceries")
    services = bulk.insert([OrganizationService(organization=org, category=groceries) for org in created])
    assert OrganizationService.objects.filter(pk__in=[s.pk for s in services]).count() == len(created)
    entries = bulk.insert(
        log.entry(log.Action.CREATE, org, user=region.users["coordinator"], details={"fields": {"t": t}, "n": [1, t]})
        for org, t in zip(created, TRICKY * 3, strict=True)
    )
    for entry, text in zip(entries, TRICKY * 3, strict=True):
        stored = AuditEntry.objects.get(pk=entry.pk)
        assert stored.details == {"fields": {"t": text}, "n": [1, text]} and stored.username == "coordinator"
        assert stored.object_id == str(entry.object_id) and stored.at == entry.at
    later = Organization.objects.create(name="После", kind="ngo", territory=region.a1)  # the sequence moved on
    assert later.pk > max(org.pk for org in created)
    assert bulk.insert([]) == []


@pytest.mark.django_db
def test_it_writes_plain_rows_with_the_defaults_of_the_fields_not_named(region):
    groceries = ServiceCategory.objects.get(code="groceries")
    orgs = bulk.insert([Organization(name=f"Строки {i}", kind="ngo", territory=region.a1) for i in range(3)])
    written = bulk.insert_rows(
        OrganizationService, ["organization_id", "category_id"], [(org.pk, groceries.pk) for org in orgs]
    )
    assert written == 3
    stored = OrganizationService.objects.filter(organization__in=orgs)
    assert [(s.is_free, s.who_may_apply, s.schedule) for s in stored] == [(True, "", "")] * 3
    at = timezone.now()
    details = [{"t": text} for text in TRICKY] + ["просто строка", 5, [1, "два"]]
    bulk.insert_rows(
        AuditEntry,
        ["action", "object_type", "object_id", "at", "details"],
        [("create", "test.bulk", str(i), at, d) for i, d in enumerate(details)],
    )
    rows = AuditEntry.objects.filter(object_type="test.bulk").order_by("pk")
    assert [(e.object_id, e.details, e.at, e.username, e.ip) for e in rows] == [
        (str(i), d, at, "", None) for i, d in enumerate(details)
    ]
    assert bulk.insert_rows(AuditEntry, ["action"], []) == 0
