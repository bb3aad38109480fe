"""#12: the stuck-export cut-off counts from the worker's last progress, and a failed export stays failed."""

from dataclasses import replace
from datetime import timedelta

from django.core.files.storage import default_storage
from django.utils import timezone

from audit.models import AuditEntry
from exports import registry, services
from exports.models import Export
from exports.registry import Rows


def test_a_long_export_that_keeps_moving_is_not_marked_failed(region):
    owner, now = region.users["coordinator"], timezone.now()
    long_ago = now - timedelta(hours=2)
    moving = Export.objects.create(
        owner=owner, kind="people", title="Подопечные", status="running", created_at=long_ago,
        progress_at=now - timedelta(minutes=5),
    )  # fmt: skip
    silent = Export.objects.create(
        owner=owner, kind="people", title="Подопечные", status="running", created_at=long_ago,
        progress_at=now - timedelta(minutes=31),
    )  # fmt: skip
    assert services.exports_fail_stuck(now=now) == 1
    moving.refresh_from_db(), silent.refresh_from_db()
    assert moving.status == Export.Status.RUNNING and silent.status == Export.Status.FAILED


def test_the_worker_writes_its_progress_time_with_the_rows(region):
    export = Export.objects.create(owner=region.users["coordinator"], kind="people", title="Подопечные")
    before = timezone.now()
    services.export_build(export_id=export.pk)
    export.refresh_from_db()
    assert export.status == Export.Status.DONE and export.progress_at >= before


def test_an_export_marked_failed_while_running_is_not_flipped_to_done_by_its_worker(region):
    owner = region.users["coordinator"]
    export = Export.objects.create(owner=owner, kind="people", title="Подопечные")
    saved = registry.KINDS["people"]
    files_before = _stored_files()

    def rows_after_the_cut_off(user, params):
        # the periodic check runs while this worker is silent for over 30 minutes
        assert services.exports_fail_stuck(now=timezone.now() + timedelta(minutes=45)) == 1
        return Rows(1, iter([("Иванова",)]), None)

    registry.KINDS["people"] = replace(saved, rows=rows_after_the_cut_off)
    try:
        services.export_build(export_id=export.pk)
    finally:
        registry.KINDS["people"] = saved
    export.refresh_from_db()
    assert export.status == Export.Status.FAILED and export.error == services.STUCK_ERROR and not export.file
    assert _stored_files() == files_before  # the late file was dropped
    assert not AuditEntry.objects.filter(action="export", object_type="exports.export").exists()


def _stored_files():
    return set(default_storage.listdir("exports")[1]) if default_storage.exists("exports") else set()
