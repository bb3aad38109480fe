"""Writes of the exports app (#12): asking for an export, building it in the worker, purging old ones."""

import os
import tempfile
from datetime import timedelta

from django.core.files import File
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from accounts import access
from audit import log as audit_log
from core.xlsx import export_about, write_xlsx
from exports import registry, tasks
from exports.models import Export

PROGRESS_EVERY = 1000  # rows between two progress updates (one UPDATE each)


def export_start(*, kind, params, actor):
    """Queue an export of `kind` with the page's filters for `actor` (who must hold the kind's capability).
    Only the filters the kind declares are kept; the scope comes from the owner in the worker."""
    spec = registry.get(kind)
    if not access.can(actor, spec.capability):
        raise PermissionError(spec.capability)
    kept = {name: str(params.get(name, "")).strip()[:2000] for name in spec.params if params.get(name)}
    title = (spec.label(actor, kept) if spec.label else spec.title)[:100]
    with transaction.atomic():
        export = Export.objects.create(owner=actor, kind=spec.key, title=title, params=kept)
    # Enqueued after the commit: the DB backend's worker must find the row; the immediate backend (tests,
    # a set-up without a worker) builds it here.
    tasks.build_export.enqueue(export.pk)
    export.refresh_from_db()
    return export


def export_build(*, export_id):
    """Build the file: rows chosen again with the owner's scope, streamed to a temporary file with progress,
    stored in private storage, audited like an export in the request was (who, what, rows, persons).
    A document kind (PDF, DOCX, ZIP) is built the same way by its `document` function."""
    export = Export.objects.select_related("owner").get(pk=export_id)
    if export.status != Export.Status.QUEUED:
        return export  # a task delivered twice builds once
    Export.objects.filter(pk=export.pk).update(status=Export.Status.RUNNING, progress_at=timezone.now())
    try:
        spec = registry.get(export.kind)
        owner = export.owner
        if not owner.is_active or not access.can(owner, spec.capability):
            raise PermissionError("у владельца больше нет права на эту выгрузку")
        params = dict(export.params)
        handle, path = tempfile.mkstemp(suffix=f".{spec.extension}")
        os.close(handle)
        try:
            count, total, person_ids, name = _write(export, spec, owner, params, path)
            _finish(export, spec, path, name, count, total, person_ids)
        finally:
            os.unlink(path)
    except Exception as exc:  # the status page always ends, never an endless «готовится…»
        Export.objects.filter(pk=export.pk, status=Export.Status.RUNNING).update(
            status=Export.Status.FAILED, error=str(exc)[:300] or exc.__class__.__name__, finished_at=timezone.now()
        )
    export.refresh_from_db()
    return export


def _write(export, spec, owner, params, path):
    """Write the kind's file at `path`; returns (count, total, person ids or None, file name)."""
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    name = f"{spec.file_name(params)}-{stamp}"

    def progress(n):
        Export.objects.filter(pk=export.pk).update(rows_done=n, progress_at=timezone.now())

    if spec.document:  # a PDF, DOCX or ZIP document
        document = spec.document(owner, params)
        with open(path, "wb") as f:
            f.write(document.content)
        return document.count, document.count, document.person_ids, document.name or name
    if spec.write:  # a workbook of several sheets, built by the kind itself
        count, person_ids = spec.write(owner, params, path, progress)
        return count, count, person_ids, name
    result = spec.rows(owner, params)
    Export.objects.filter(pk=export.pk).update(rows_total=result.total, progress_at=timezone.now())
    about = spec.about(owner, params) if spec.about else export_about(owner)
    headers = spec.headers(owner, params) if callable(spec.headers) else spec.headers
    count = write_xlsx(
        path, headers, result.rows, title=spec.sheet or spec.title, about=about, progress=progress, every=PROGRESS_EVERY
    )
    return count, result.total, result.person_ids, name


def _finish(export, spec, path, name, count, total, person_ids):
    """Store the file and mark the export done — only if it is still running: one the stuck check marked
    failed stays failed (its owner was told to run it again), and its late file is dropped."""
    with transaction.atomic():
        with open(path, "rb") as f:
            export.file.save(f"vygruzka-{export.pk}.{spec.extension}", File(f), save=False)
        done = Export.objects.filter(pk=export.pk, status=Export.Status.RUNNING).update(
            file=export.file.name,
            file_name=f"{name[:110]}.{spec.extension}",
            rows_done=count,
            rows_total=max(count, total),
            status=Export.Status.DONE,
            finished_at=timezone.now(),
            progress_at=timezone.now(),
        )
        if not done:
            export.file.delete(save=False)
            return
        export.refresh_from_db()
        _audit(export, spec, count, person_ids)


def _audit(export, spec, count, person_ids):
    """The same entry `audit.log.exported` wrote in the request: who, what, rows and the persons named."""
    details = {"what": export.title, "rows": count}
    if export.params:
        details["filters"] = export.params
    entry_kwargs = {"user": export.owner, "details": details}
    if person_ids is None:
        return audit_log.record(audit_log.Action.EXPORT, export, **entry_kwargs)
    ids = sorted({int(pk) for pk in person_ids if pk})
    details["ids"] = ids
    return audit_log.link(audit_log.record(audit_log.Action.EXPORT, export, **entry_kwargs), ids)


def purge_exports(*, before):
    """Retention (#12): exports asked for before `before` are deleted with their files. Returns how many."""
    old = Export.objects.filter(created_at__lt=before)
    files = list(old.exclude(file="").values_list("file", flat=True))
    count = old.delete()[1].get(Export._meta.label, 0)
    if files:
        from django.core.files.storage import default_storage

        def remove():
            for name in files:
                default_storage.delete(name)

        transaction.on_commit(remove)
    return count


STUCK_AFTER_MINUTES = 30
STUCK_ERROR = f"фоновый обработчик {STUCK_AFTER_MINUTES} минут не продвигал файл"


def exports_fail_stuck(*, now=None):
    """An export still «Готовится» with no sign of its worker for 30 minutes — the worker died or never ran —
    is marked failed, so its page stops polling and says to run it again; each one audited. Counted from
    the last progress (`progress_at`), or from the request while it is queued. Returns how many."""
    now = now or timezone.now()
    running = (Export.Status.QUEUED, Export.Status.RUNNING)
    cutoff = now - timedelta(minutes=STUCK_AFTER_MINUTES)
    silent = Q(progress_at__lt=cutoff) | Q(progress_at__isnull=True, created_at__lt=cutoff)
    stuck = list(Export.objects.filter(silent, status__in=running))
    for export in stuck:
        with transaction.atomic():
            changed = Export.objects.filter(silent, pk=export.pk, status__in=running).update(
                status=Export.Status.FAILED, error=STUCK_ERROR, finished_at=now
            )
            if changed:
                audit_log.record(
                    audit_log.Action.UPDATE,
                    export,
                    details={"status": "не удалась", "was": export.get_status_display(), "error": STUCK_ERROR},
                )
    return len(stuck)
