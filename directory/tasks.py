"""Background checking and import of uploaded files (django-tasks; a worker runs them in production)."""

import time

from django.db import transaction
from django_tasks import task

from audit.context import acting_as
from directory import importing, selectors
from directory.models import ImportJob
from directory.services import RowsRefused, organizations_import
from directory.tabular import TableError, read_table


def lookups_for(user):
    """What the rows are checked against, read in the importer's scope (directory.selectors.import_lookups)."""
    return selectors.import_lookups(user)


def _checked(job, *, warnings=True):
    headers, rows = read_table(job.file_name, bytes(job.data))
    columns = importing.ORG_COLUMNS if job.kind == "organizations" else importing.VOLUNTEER_COLUMNS
    missing = [name for name, required, _ in columns if required and name not in headers]
    if missing:
        raise TableError("В файле нет обязательных столбцов: " + ", ".join(missing) + ". Скачайте шаблон.")
    job.total_rows = len(rows)
    job.save(update_fields=["total_rows"])

    shown = [0.0]

    def progress(done):  # the page polls every second: written at most twice a second (#12: not every 200 rows)
        now = time.monotonic()
        if now - shown[0] >= 0.5:
            shown[0] = now
            ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)

    return importing.validate(job.kind, rows, lookups_for(job.created_by), progress, duplicates=warnings)


@task()
def check_import(job_id):
    job = ImportJob.objects.get(pk=job_id)
    try:
        result = _checked(job)
    except TableError as exc:
        job.state, job.message = ImportJob.State.INVALID, str(exc)
        job.save()
        return
    except Exception as exc:  # a failed job always ends and shows its error, never an endless «Проверяется…»
        job.state, job.message = ImportJob.State.INVALID, f"Файл не читается: {exc}"[:300]
        job.save()
        return
    job.processed_rows = job.total_rows
    job.errors = [list(e) for e in result.errors]
    job.duplicates = [list(d) for d in result.duplicates]
    job.state = ImportJob.State.INVALID if result.errors or not result.rows else ImportJob.State.READY
    if not result.rows:
        job.message = "В файле нет строк с данными."
    job.save()


@task()
def run_import(job_id):
    job = ImportJob.objects.get(pk=job_id)
    try:
        result = _checked(job, warnings=False)  # checked again (the directory may have changed), no warnings
    except Exception as exc:
        job.state, job.message = ImportJob.State.INVALID, f"Файл не читается: {exc}"[:300]
        job.save()
        return
    if result.errors:
        job.state, job.errors = ImportJob.State.INVALID, [list(e) for e in result.errors]
        job.save()
        return
    try:
        with acting_as(job.created_by), transaction.atomic():
            write = _write_organizations if job.kind == "organizations" else _write_volunteers
            count = write(result.rows, job)
    except RowsRefused as exc:  # nothing written: the rows and fields refused, as the check shows them
        job.state, job.errors = ImportJob.State.INVALID, [list(row) for row in exc.rows]
        job.save()
        return
    job.state, job.created_count, job.processed_rows = ImportJob.State.DONE, count, job.total_rows
    job.save()


ORG_FIELDS = ("name", "kind", "address", "lat", "lon", "phone", "email", "opening_hours", "capacity")


def _write_organizations(rows, job):
    """Through directory.services.organizations_import, as the form's checks and HSDS: every row checked
    (scope, full_clean) before the batched insert; a refusal leaves nothing written."""
    done = organizations_import(
        rows=[
            {
                "row": number,
                "fields": {name: r[name] for name in ORG_FIELDS},
                "territory_id": r["territory_id"],
                "served_ids": list(r["served_ids"] or [r["territory_id"]]),
                "services": [{"code": code} for code in r["codes"]],
            }
            for number, r in rows
        ],
        actor=job.created_by,
        verified=job.mark_verified,
        progress=lambda count: ImportJob.objects.filter(pk=job.pk).update(processed_rows=count),
    )
    return len(done)


# Writers of the rows of other apps: the volunteers app registers its one save of volunteer cards here
# (volunteers.apps; the directory sits below the volunteers and does not import them, #10).
ROW_WRITERS = {}


def register_writer(kind, write):
    ROW_WRITERS[kind] = write


def _write_volunteers(rows, job):
    """Through volunteers.services.volunteers_import: scope and full_clean per row, all or nothing."""
    done = ROW_WRITERS["volunteers"](
        rows=[
            {"row": number, "fields": {k: v for k, v in r.items() if k != "codes"}, "skill_codes": r["codes"]}
            for number, r in rows
        ],
        actor=job.created_by,
    )
    return len(done)
