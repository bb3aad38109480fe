"""Background checking and import of uploaded files (django-tasks; a worker runs them in production)."""

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from accounts import access
from audit import tracking
from audit.context import acting_as
from catalog.models import ServiceCategory
from directory import importing
from directory.models import ImportJob, Organization, OrganizationService
from directory.tabular import TableError, read_table
from territories.matching import normalize
from territories.models import Territory
from volunteers.models import Volunteer


def lookups_for(user):
    territories = {}
    for tid, name in access.scoped(user, Territory.objects.all(), field="id").values_list("id", "name"):
        territories.setdefault(normalize(name), []).append(tid)
    categories = {}
    for code, name, plain in ServiceCategory.objects.filter(parent__isnull=False).values_list(
        "code", "name", "plain_name"
    ):
        categories[code] = code
        categories[normalize(name)] = code
        if plain:
            categories[normalize(plain)] = code
    kinds = {normalize(label): code for code, label in Organization.Kind.choices} | {
        code: code for code in Organization.Kind.values
    }
    kinds |= {"бюджетное учреждение": "state", "кцсон": "state", "ип": "entrepreneur"}
    orgs = access.scoped(user, Organization.objects.all()).values_list("id", "name", "territory_id")
    return importing.Lookups(
        territories=territories,
        categories=categories,
        kinds=kinds,
        organizations={normalize(name): oid for oid, name, _ in orgs},
        existing_orgs=list(Organization.objects.values_list("id", "name", "territory_id")),
    )


def _checked(job):
    headers, rows = read_table(job.file_name, bytes(job.data))
    columns = importing.ORG_COLUMNS if job.kind == "organizations" else importing.VOLUNTEER_COLUMNS
    missing = [name for name, required, _ in columns if required and name not in headers]
    if missing:
        raise TableError("В файле нет обязательных столбцов: " + ", ".join(missing) + ". Скачайте шаблон.")
    job.total_rows = len(rows)
    job.save(update_fields=["total_rows"])

    def progress(done):
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)

    return importing.validate(job.kind, rows, lookups_for(job.created_by), progress)


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
        result = _checked(job)  # checked again: the directory may have changed since
    except Exception as exc:
        job.state, job.message = ImportJob.State.INVALID, f"Файл не читается: {exc}"[:300]
        job.save()
        return
    if result.errors:
        job.state, job.errors = ImportJob.State.INVALID, [list(e) for e in result.errors]
        job.save()
        return
    with acting_as(job.created_by), transaction.atomic():
        write = _write_organizations if job.kind == "organizations" else _write_volunteers
        count = write(result.rows, job)
    job.state, job.created_count, job.processed_rows = ImportJob.State.DONE, count, job.total_rows
    job.save()


def _categories(codes):
    return {c.code: c for c in ServiceCategory.objects.filter(code__in=codes)}


BATCH = 2000


def _write_organizations(rows, job):
    """Insert in batches (#12: 100 000 rows): one INSERT per batch of organizations, of their served territories
    and of their services, and one audit entry «создана» per organization (the fields the signal would have
    written, plus the codes of the services created with it) also in bulk."""
    now = timezone.now()
    cats = _categories({code for _, r in rows for code in r["codes"]})
    served = Organization.served_territories.through
    for start in range(0, len(rows), BATCH):
        chunk = [r for _, r in rows[start : start + BATCH]]
        orgs = Organization.objects.bulk_create(
            [
                Organization(
                    name=r["name"],
                    kind=r["kind"],
                    territory_id=r["territory_id"],
                    address=r["address"],
                    lat=r["lat"],
                    lon=r["lon"],
                    phone=r["phone"],
                    email=r["email"],
                    opening_hours=r["opening_hours"],
                    capacity=r["capacity"],
                    verified_at=now if job.mark_verified else None,
                    verified_by=job.created_by if job.mark_verified else None,
                    last_confirmed_at=now,
                )
                for r in chunk
            ]
        )
        served.objects.bulk_create(
            served(organization_id=org.pk, territory_id=tid)
            for org, r in zip(orgs, chunk, strict=True)
            for tid in dict.fromkeys(r["served_ids"] or [r["territory_id"]])
        )
        OrganizationService.objects.bulk_create(
            OrganizationService(organization=org, category=cats[code])
            for org, r in zip(orgs, chunk, strict=True)
            for code in dict.fromkeys(r["codes"])
        )
        codes = {org.pk: list(dict.fromkeys(r["codes"])) for org, r in zip(orgs, chunk, strict=True)}
        tracking.created_in_bulk(orgs, user=job.created_by, extra=lambda org, codes=codes: {"services": codes[org.pk]})
        ImportJob.objects.filter(pk=job.pk).update(processed_rows=start + len(chunk))
    return len(rows)


def _write_volunteers(rows, job):
    cats = _categories({code for _, r in rows for code in r["codes"]})
    for _, r in rows:
        codes = r.pop("codes")
        volunteer = Volunteer.objects.create(**r)
        volunteer.skills.set([cats[c] for c in codes])
    return len(rows)
