"""Background exports (#12): built by the worker with the owner's scope, only the owner sees them."""

import io
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from audit.models import AuditEntry
from exports import registry, services
from exports.models import Export
from exports.testing import fetched
from privacy.retention import purge_expired

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _rows(response):
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [[c.value for c in row] for row in sheet.iter_rows()]


def test_it_exports_people_with_the_same_columns_and_only_the_owners_territory(region):
    rows = _rows(fetched(region.client("coordinator"), reverse("people:export")))
    assert rows[0][0].startswith("Территория: ")
    assert rows[1] == ["№", "ФИО", "Дата рождения", "Телефон", "Территория", "Адрес", "Живёт один"]
    names = sorted(r[1] for r in rows[2:])
    assert names == sorted([region.person_a.full_name, region.person_a2.full_name])
    assert [r for r in rows[2:] if r[1] == region.person_a.full_name][0][3] == "+7 910 111-22-33"
    # a coordinator of district B gets B's people, never A's
    other = _rows(fetched(region.client(region.coordinator_b), reverse("people:export")))
    assert [r[1] for r in other[2:]] == [region.person_b.full_name]


def test_it_exports_requests_with_the_same_columns_and_scope(region):
    rows = _rows(fetched(region.client("coordinator"), reverse("helprequests:export")))
    assert rows[1] == registry.get("requests").headers and rows[1][0] == "Номер" and len(rows[1]) == 14
    numbers = [r[0] for r in rows[2:]]
    assert region.request_a.number in numbers
    row = rows[2 + numbers.index(region.request_a.number)]
    assert row[3] == region.person_a.full_name and row[5] == "Продукты"
    other = _rows(fetched(region.client(region.coordinator_b), reverse("helprequests:export")))
    assert region.request_a.number not in [r[0] for r in other[2:]]


def test_it_keeps_the_search_filter_of_the_page(region):
    rows = _rows(fetched(region.client("coordinator"), reverse("people:export"), {"q": "Анна Петровна"}))
    assert [r[1] for r in rows[2:]] == [region.person_a.full_name]
    assert Export.objects.get().params == {"q": "Анна Петровна"}


def test_it_exports_the_audit_log_of_the_owners_territory_only(region):
    region.client("operator").get(reverse("people:detail", args=[region.person_a.pk]))
    region.client(region.coordinator_b).get(reverse("people:detail", args=[region.person_b.pk]))
    rows = _rows(fetched(region.client("coordinator"), reverse("audit:export")))
    assert rows[1][:3] == ["Когда", "Кто", "Логин"] and len(rows[1]) == 10
    logins = {r[2] for r in rows[2:]}
    assert "operator" in logins and "coordinator_b" not in logins


def test_it_audits_the_export_with_the_persons_named(region):
    fetched(region.client("coordinator"), reverse("people:export"))
    entry = AuditEntry.objects.get(action="export")
    export = Export.objects.get()
    assert entry.user == region.users["coordinator"] and entry.object_id == str(export.pk)
    assert entry.details == {"what": "Подопечные", "rows": 2, "ids": sorted([region.person_a.pk, region.person_a2.pk])}


def test_the_request_only_queues_the_export_when_a_worker_builds_it(region):
    with override_settings(TASKS=DB_TASKS), _no_rows():
        answer = region.client("coordinator").get(reverse("people:export"))
    export = Export.objects.get()
    assert answer.status_code == 302 and answer["Location"] == reverse("exports:detail", args=[export.pk])
    assert export.status == Export.Status.QUEUED and not export.file
    page = region.client("coordinator").get(answer["Location"]).content.decode()
    assert "Готовится…" in page and 'hx-trigger="every 2s"' in page
    # the worker then builds it
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.DONE and export.rows_done == export.rows_total == 2


class _no_rows:
    """Replace every kind's row function with one that fails the test if called."""

    def __enter__(self):
        self.saved = dict(registry.KINDS)
        for key, kind in self.saved.items():
            registry.KINDS[key] = _replace(kind)

    def __exit__(self, *exc):
        registry.KINDS.clear()
        registry.KINDS.update(self.saved)


def _replace(kind):
    from dataclasses import replace

    def refuse(user, params):
        raise AssertionError("rows built in the request")

    return replace(kind, rows=refuse)


def test_the_status_page_counts_rows_while_running(region):
    export = Export.objects.create(
        owner=region.users["coordinator"], kind="people", title="Подопечные", status="running", rows_done=1000,
        rows_total=2500,
    )  # fmt: skip
    client = region.client("coordinator")
    page = client.get(reverse("exports:detail", args=[export.pk])).content.decode()
    assert "Готовится…" in page and "1000 из 2500 строк" in page
    partial = client.get(reverse("exports:detail", args=[export.pk]), HTTP_HX_REQUEST="true").content.decode()
    assert "<html" not in partial and "1000 из 2500" in partial


def test_only_the_owner_sees_and_downloads_an_export(region):
    fetched(region.client("coordinator"), reverse("people:export"))
    export = Export.objects.get()
    for who in ("admin", "operator", region.coordinator_b):
        client = region.client(who)
        assert client.get(reverse("exports:detail", args=[export.pk])).status_code == 404
        assert client.get(reverse("exports:download", args=[export.pk])).status_code == 404
        assert f'href="/exports/{export.pk}/"' not in client.get(reverse("exports:list")).content.decode()
    mine = region.client("coordinator").get(reverse("exports:list")).content.decode()
    assert f"/exports/{export.pk}/download/" in mine and "Подопечные" in mine


def test_it_streams_the_download_under_its_file_name(region):
    fetched(region.client("coordinator"), reverse("people:export"))
    export = Export.objects.get()
    response = region.client("coordinator").get(reverse("exports:download", args=[export.pk]))
    assert response.streaming  # read from disk in blocks, never whole into the process
    assert load_workbook(io.BytesIO(b"".join(response.streaming_content))).active["B2"].value == "ФИО"
    assert response["Content-Disposition"] == f'attachment; filename="{export.file_name}"'
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert response["Cache-Control"] == "no-store"


def test_cells_stay_text_never_formulas(region):
    region.person_a.address = '=HYPERLINK("http://evil","x")'
    region.person_a.save()
    response = fetched(region.client("coordinator"), reverse("people:export"))
    sheet = load_workbook(io.BytesIO(response.content)).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value == region.person_a.address]
    assert cells and all(c.data_type == "s" for c in cells)


def test_it_fails_visibly_when_the_owner_lost_the_right(region):
    export = Export.objects.create(owner=region.users["operator"], kind="people", title="Подопечные")
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED and "права" in export.error and not export.file


def test_it_refuses_a_user_without_the_capability(region):
    assert region.client("operator").get(reverse("people:export")).status_code == 403
    assert not Export.objects.exists()


@pytest.mark.django_db
def test_retention_deletes_old_exports_and_their_files(region, settings, django_capture_on_commit_callbacks):
    fetched(region.client("coordinator"), reverse("people:export"))
    export = Export.objects.get()
    name = export.file.name
    assert default_storage.exists(name)
    Export.objects.filter(pk=export.pk).update(created_at=timezone.now() - timedelta(days=8))
    with django_capture_on_commit_callbacks(execute=True):
        assert "выгрузки 1" in purge_expired()
    assert not Export.objects.exists() and not default_storage.exists(name)


def test_it_exports_the_directory_and_volunteers_of_the_owners_territory_only(region):
    rows = _rows(fetched(region.client("coordinator"), reverse("directory:export")))
    assert rows[1][:3] == ["№", "Название", "Вид"] and len(rows[1]) == 15
    assert region.org_a.name in [r[1] for r in rows[2:]] and region.org_b.name not in [r[1] for r in rows[2:]]
    other = _rows(fetched(region.client(region.coordinator_b), reverse("directory:export")))
    assert region.org_a.name not in [r[1] for r in other[2:]]
    rows = _rows(fetched(region.client("coordinator"), reverse("volunteers:export")))
    assert rows[1][:2] == ["№", "ФИО"] and region.volunteer_a.full_name in [r[1] for r in rows[2:]]
    other = _rows(fetched(region.client(region.coordinator_b), reverse("volunteers:export")))
    assert region.volunteer_a.full_name not in [r[1] for r in other[2:]]


def test_periodic_marks_an_export_stuck_in_preparation_as_failed_and_audits_it(region):
    from exports.periodic import fail_stuck_exports

    owner = region.users["coordinator"]
    old = timezone.now() - timedelta(minutes=31)
    stuck = Export.objects.create(owner=owner, kind="people", title="Подопечные", status="running", created_at=old)
    queued = Export.objects.create(owner=owner, kind="people", title="Подопечные", created_at=old)
    fresh = Export.objects.create(owner=owner, kind="people", title="Подопечные", status="running")
    assert fail_stuck_exports() == "зависшие выгрузки отмечены неудавшимися: 2"
    for export in (stuck, queued, fresh):
        export.refresh_from_db()
    assert stuck.status == queued.status == Export.Status.FAILED and fresh.status == Export.Status.RUNNING
    page = region.client("coordinator").get(reverse("exports:detail", args=[stuck.pk])).content.decode()
    assert "Выгрузка не удалась, запустите её снова" in page and 'hx-trigger="every 2s"' not in page
    entries = AuditEntry.objects.filter(action="update", object_type="exports.export")
    assert entries.count() == 2 and entries.first().details["status"] == "не удалась"
    assert fail_stuck_exports() == "зависшие выгрузки отмечены неудавшимися: 0"  # idempotent
