"""Caps checked before parsing: a zip bomb and a huge table are refused quickly with bounded memory (#11)."""

import io
import time  # process_time: CPU, not wall — the limits must hold on a busy machine
import tracemalloc
import zipfile

from django.urls import reverse

from directory import hsds
from directory.models import ImportJob, Organization
from directory.tabular import TableError, read_table


def _bomb(name="bomb.xlsx", megabytes=40):
    """A small zip whose one member unpacks to `megabytes` of the same byte (like the 0.9 MB → 225 MB one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (megabytes * 1024 * 1024))
    buffer.name = name
    buffer.seek(0)
    return buffer


def test_it_refuses_a_zip_bomb_in_the_request_with_bounded_memory(region):
    bomb = _bomb()
    assert len(bomb.getvalue()) < 200_000
    client = region.client("coordinator")
    jobs_before = ImportJob.objects.count()
    started = time.process_time()
    response = client.post(reverse("directory:import"), {"kind": "organizations", "file": bomb})
    elapsed = time.process_time() - started
    bomb.seek(0)
    tracemalloc.start()  # measured apart: tracing slows the request itself down
    client.post(reverse("directory:import"), {"kind": "organizations", "file": bomb})
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    page = response.content.decode()
    assert response.status_code == 200 and "zip-бомба" in page
    assert ImportJob.objects.count() == jobs_before
    assert peak < 20 * 1024 * 1024 and elapsed < 5, (peak, elapsed)


def test_it_refuses_a_table_over_the_row_cap_before_holding_it(settings):
    settings.IMPORT_MAX_ROWS = 50_000
    data = ("Название;Вид;Территория\n" + "НКО;нко;Посёлок А1\n" * 200_000).encode()
    tracemalloc.start()
    started = time.process_time()
    try:
        read_table("big.csv", data)
    except TableError as exc:
        message = str(exc)
    else:
        message = ""
    elapsed = time.process_time() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert message == "В файле больше 50 000 строк: разделите его на части."
    assert elapsed < 5 and peak < 80 * 1024 * 1024, (elapsed, peak)


def test_it_ends_the_background_check_of_a_bomb_with_its_reason(region, settings):
    from directory.tasks import check_import

    job = ImportJob.objects.create(
        kind="organizations", file_name="bomb.xlsx", data=_bomb().getvalue(), created_by=region.users["coordinator"]
    )
    check_import.call(job.pk)
    job.refresh_from_db()
    assert job.state == "invalid" and "zip-бомба" in job.message


def _package_for(region, territory):
    Organization.objects.create(name="Фонд «Вне зоны»", kind="ngo", territory=territory, is_public=True)
    package = hsds.export_package(Organization.objects.filter(name="Фонд «Вне зоны»"))
    Organization.objects.filter(name="Фонд «Вне зоны»").delete()
    return package


def test_a_coordinator_cannot_import_organizations_into_another_territory_through_hsds(region):
    package = _package_for(region, region.b1)
    client = region.client("coordinator")
    upload = io.BytesIO(package)
    upload.name = "hsds.zip"
    page = client.post(reverse("directory:hsds"), {"file": upload}, follow=True).content.decode()
    assert "вне вашей зоны" in page
    assert not Organization.objects.filter(name="Фонд «Вне зоны»").exists()
    created, _ = hsds.import_package(package, user=region.users["admin"])
    assert created == 1


def test_it_refuses_an_hsds_package_bomb(region):
    page = region.client("coordinator").post(reverse("directory:hsds"), {"file": _bomb("p.zip")})
    assert "zip-бомба" in page.content.decode()


def test_it_refuses_a_zip_that_unpacks_beyond_the_cap(settings):
    from core.uploads import TooLarge, check_zip

    settings.IMPORT_MAX_UNPACKED_BYTES = 1024 * 1024
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        archive.writestr("a.xml", b"x" * (2 * 1024 * 1024))
    try:
        check_zip(buffer.getvalue(), "Файл XLSX")
    except TooLarge as exc:
        assert str(exc) == "Файл XLSX распаковывается больше чем в 1 МБ: разделите файл на части."
    else:
        raise AssertionError("not refused")


def test_it_finds_duplicates_among_50_000_organizations_quickly():
    from directory.importing import Lookups, _duplicates

    existing = [(n, f"Организация номер {n}", n % 500) for n in range(50_000)]
    rows = [(n + 2, {"name": f"Организация номер {n * 7}", "territory_id": (n * 7) % 500}) for n in range(1_000)]
    started = time.process_time()
    found = _duplicates(rows, Lookups(territories={}, categories={}, kinds={}, existing_orgs=existing))
    assert len(found) == 1_000 and found[0] == (2, "Организация номер 0", 0, "Организация номер 0")
    assert time.process_time() - started < 10
