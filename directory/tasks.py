"""Background checking and import of uploaded files (django-tasks; a worker runs them in production)."""

import hashlib
import time
from datetime import time as dt_time

from django.db import transaction
from django_tasks import task

from audit.context import acting_as
from directory import importing, selectors, services
from directory.models import ImportJob
from directory.services import RowsRefused, organizations_import
from directory.tabular import TableError, read_table


def lookups_for(user):
    """What the rows are checked against, read in the importer's scope (directory.selectors.import_lookups)."""
    return selectors.import_lookups(user)


def _checked(job, lookups, *, warnings=True):
    headers, rows = read_table(job.file_name, bytes(job.data))
    columns = importing.ORG_COLUMNS if job.kind == "organizations" else importing.VOLUNTEER_COLUMNS
    missing = [name for name, required, _ in columns if required and name not in headers]
    if missing:
        raise TableError("В файле нет обязательных столбцов: " + ", ".join(missing) + ". Скачайте шаблон.")
    services.import_job_record(job=job, total_rows=len(rows))

    shown = [0.0]

    def progress(done):  # the page polls every second: written at most twice a second (#12: not every 200 rows)
        now = time.monotonic()
        if now - shown[0] >= 0.5:
            shown[0] = now
            services.import_job_progress(job=job, done=done)

    return importing.validate(job.kind, rows, lookups, progress, duplicates=warnings)


def checked_key(job, lookups):
    """What a check's result depends on: the file, its kind and the lookups the rows were checked against
    (territories in the importer's scope, the catalog, the kinds, the organizations). The duplicate warnings
    (existing organizations) are not part of it: the write does not show them."""
    digest = hashlib.sha256(job.kind.encode())
    digest.update(bytes(job.data))
    for part in (lookups.territories, lookups.categories, lookups.kinds, lookups.organizations):
        digest.update(repr(sorted(part.items())).encode())
    return digest.hexdigest()


TIMES = ("hours_from", "hours_to")  # the only values of a clean row JSON does not hold as they are


def _stored(rows):
    return [[number, _with(clean, dt_time.isoformat)] for number, clean in rows]


def _restored(rows):
    return [(number, _with(clean, dt_time.fromisoformat)) for number, clean in rows]


def _with(clean, convert):
    """The row with its times converted; the row itself when it has none (organizations: no copy of 100 000)."""
    if not any(clean.get(k) for k in TIMES):
        return clean
    return {k: convert(v) if k in TIMES and v else v for k, v in clean.items()}


@task()
def check_import(job_id):
    job = selectors.import_job_queued(job_id)
    try:
        lookups = lookups_for(job.created_by)
        result = _checked(job, lookups)
    except TableError as exc:
        services.import_job_record(job=job, state=ImportJob.State.INVALID, message=str(exc))
        return
    except Exception as exc:  # a failed job always ends and shows its error, never an endless «Проверяется…»
        services.import_job_record(job=job, state=ImportJob.State.INVALID, message=f"Файл не читается: {exc}"[:300])
        return
    ready = not result.errors and bool(result.rows)
    values = {
        "processed_rows": job.total_rows,
        "errors": [list(e) for e in result.errors],
        "duplicates": [list(d) for d in result.duplicates],
        "state": ImportJob.State.READY if ready else ImportJob.State.INVALID,
        "message": job.message if result.rows else "В файле нет строк с данными.",
    }
    if ready:
        values |= {"checked_rows": _stored(result.rows), "checked_key": checked_key(job, lookups)}
    services.import_job_record(job=job, **values)  # not the file's bytes again


def _rows_to_write(job):
    """The check's clean rows when the file and the lookups are what it checked; otherwise the rows checked again
    (a territory renamed or taken out of the importer's scope, an organization added since), without warnings."""
    lookups = lookups_for(job.created_by)
    if job.checked_rows is not None and job.checked_key == checked_key(job, lookups):
        return _restored(job.checked_rows), []
    result = _checked(job, lookups, warnings=False)
    return result.rows, result.errors


def _finish(job, **values):
    values |= {"checked_rows": None, "checked_key": ""}  # the rows are not kept once the import is over
    services.import_job_record(job=job, **values)


@task()
def run_import(job_id):
    job = selectors.import_job_queued(job_id)
    try:
        rows, errors = _rows_to_write(job)
    except Exception as exc:
        _finish(job, state=ImportJob.State.INVALID, message=f"Файл не читается: {exc}"[:300])
        return
    if errors:
        _finish(job, state=ImportJob.State.INVALID, errors=[list(e) for e in errors])
        return
    try:
        with acting_as(job.created_by), transaction.atomic():
            write = _write_organizations if job.kind == "organizations" else _write_volunteers
            count = write(rows, job)
    except RowsRefused as exc:  # nothing written: the rows and fields refused, as the check shows them
        _finish(job, state=ImportJob.State.INVALID, errors=[list(row) for row in exc.rows])
        return
    _finish(job, state=ImportJob.State.DONE, created_count=count, processed_rows=job.total_rows)


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
        progress=lambda count: services.import_job_progress(job=job, done=count),
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
