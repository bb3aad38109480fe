import io
import json
import zipfile

import pytest

from accounts.models import User
from directory import hsds
from directory.models import Organization, OrganizationService
from helprequests.models import HelpRequest
from volunteers.models import Volunteer


def snapshot():
    """The directory as a comparable structure, without database ids."""
    result = set()
    for o in Organization.objects.prefetch_related("services__category", "served_territories"):
        services = tuple(sorted((s.category.code, s.is_free, s.who_may_apply, s.schedule) for s in o.services.all()))
        served = tuple(sorted(t.name for t in o.served_territories.all()))
        result.add(
            (
                o.name,
                o.kind,
                o.care_level,
                o.territory.name,
                o.phone,
                o.address,
                o.lat,
                o.lon,
                o.capacity,
                o.opening_hours,
                o.email,
                o.description,
                services,
                served,
            )
        )
    return result


@pytest.fixture
def directory(region):
    from catalog.models import ServiceCategory

    org = region.org_a
    org.address, org.opening_hours, org.care_level, org.description = "ул. Мира, 1", "пн–пт 9–18", "community", "Помощь"
    org.save()
    OrganizationService.objects.create(
        organization=org,
        category=ServiceCategory.objects.get(code="groceries"),
        is_free=False,
        who_may_apply="пенсионеры",
        schedule="по субботам",
    )
    OrganizationService.objects.create(organization=org, category=ServiceCategory.objects.get(code="firewood"))
    Organization.objects.filter(pk=region.org_b.pk).update(
        verified_at=org.verified_at, last_confirmed_at=org.last_confirmed_at
    )
    User.objects.update(organization=None)  # so the directory can be wiped and loaded back
    HelpRequest.objects.update(helper_organization=None)
    Volunteer.objects.update(organization=None)
    _wipe_centres()  # support centres (#16) keep their organization (PROTECT)
    return region


def _wipe_centres():
    from centres.models import CareEntry, Centre, Event, Visit

    for model in (Visit, Event, CareEntry, Centre):
        model.objects.all().delete()


def test_it_round_trips_the_directory_through_an_hsds_package(directory):
    before = snapshot()
    package = hsds.export_package(Organization.objects.all())
    Organization.objects.all().delete()
    created, skipped = hsds.import_package(package, user=directory.users["admin"])
    assert (created, skipped) == (2, 0)
    assert snapshot() == before


def test_it_writes_a_valid_data_package(directory):
    archive = zipfile.ZipFile(io.BytesIO(hsds.export_package(Organization.objects.all())))
    package = json.loads(archive.read("datapackage.json"))
    assert {r["path"] for r in package["resources"]} >= {"organizations.csv", "services.csv", "locations.csv"}
    services = archive.read("services.csv").decode()
    assert services.splitlines()[0].startswith("id,organization_id,name,status")


def test_it_skips_organizations_already_there(directory):
    package = hsds.export_package(Organization.objects.all())
    assert hsds.import_package(package, user=directory.users["admin"]) == (0, 2)


def test_it_imports_nothing_from_a_package_with_an_unknown_territory(directory):
    package = hsds.export_package(Organization.objects.all())
    Organization.objects.all().delete()
    source = zipfile.ZipFile(io.BytesIO(package))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == "organizations.csv":
                data = data.decode().replace("Село Б1", "Атлантида").encode()
            out.writestr(name, data)
    with pytest.raises(hsds.HsdsError, match="Атлантида"):
        hsds.import_package(patched.getvalue(), user=directory.users["admin"])
    assert Organization.objects.count() == 0


def test_it_refuses_a_file_that_is_not_a_package(region):
    with pytest.raises(hsds.HsdsError, match="zip"):
        hsds.import_package(b"not a zip", user=region.users["admin"])


def test_it_writes_user_text_that_looks_like_a_formula_as_text(directory):
    Organization.objects.filter(pk=directory.org_a.pk).update(description='=HYPERLINK("http://evil","жми")')
    archive = zipfile.ZipFile(io.BytesIO(hsds.export_package(Organization.objects.all())))
    organizations = archive.read("organizations.csv").decode()
    assert "'=HYPERLINK" in organizations and ",=HYPERLINK" not in organizations


def _patched(package, table, change):
    source = zipfile.ZipFile(io.BytesIO(package))
    patched = io.BytesIO()
    with zipfile.ZipFile(patched, "w") as out:
        for name in source.namelist():
            data = source.read(name)
            if name == table:
                data = change(data.decode()).encode()
            out.writestr(name, data)
    return patched.getvalue()


def test_it_checks_each_organization_like_the_form_and_names_the_field(directory):
    """#10: a `javascript:` website was stored and rendered as a link; now the row is refused, nothing saved."""
    Organization.objects.filter(pk=directory.org_a.pk).update(website="https://example.org/")
    package = hsds.export_package(Organization.objects.all())
    Organization.objects.all().delete()
    bad = _patched(
        package, "organizations.csv", lambda text: text.replace("https://example.org/", "javascript:alert(1)")
    )
    with pytest.raises(hsds.HsdsError, match="«сайт»"):
        hsds.import_package(bad, user=directory.users["admin"])
    assert Organization.objects.count() == 0


def test_the_button_queues_the_package_and_the_worker_builds_it_for_the_owners_scope(region):
    from django.urls import reverse

    from audit.models import AuditEntry
    from exports.testing import attachment_name, fetched

    answer = fetched(region.client("coordinator"), reverse("directory:hsds_export"))  # built by the worker (#12)
    assert answer["Content-Type"] == "application/zip"
    assert attachment_name(answer) == "zabota-hsds.zip"  # the name it always had
    archive = zipfile.ZipFile(io.BytesIO(answer.content))
    names = archive.read("organizations.csv").decode()
    assert region.org_a.name in names
    entry = AuditEntry.objects.get(action="export", object_type="exports.export")
    assert entry.details["what"] == "Справочник (HSDS)"
