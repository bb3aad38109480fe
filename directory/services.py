from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.utils import timezone

from accounts import access
from audit import log, tracking
from core import bulk
from directory.models import CONFIRM_EVERY, GRACE_PERIOD, AreaProposal, HsdsUpload, ImportJob, Organization
from territories.selectors import territories_in_scope


def _service_summary(org):
    return sorted(
        f"{s.category.name}{'' if s.is_free else ' (платно)'}" for s in org.services.select_related("category")
    )


def _served_summary(org):
    return sorted(t.name for t in org.served_territories.all())


def _changes_of(before, after):
    """The explicit audit of an organization's lists (#10): old and new services and served territories."""
    changes = {}
    if before[0] != after[0]:
        changes["услуги"] = [", ".join(before[0]), ", ".join(after[0])]
    if before[1] != after[1]:
        changes["обслуживаемые территории"] = [", ".join(before[1]), ", ".join(after[1])]
    return changes


SERVICE_DETAILS = ("is_free", "who_may_apply", "schedule")


def _services_set(org, services):
    """services: [{category, is_free?, who_may_apply?, schedule?}] — the whole list; details not given are kept."""
    from directory.models import OrganizationService

    wanted = {s["category"].pk: s for s in services}
    existing = {s.category_id: s for s in org.services.all()}
    for category_id, row in existing.items():
        if category_id not in wanted:
            row.delete()  # one by one: each removal is in the history, as before
    for category_id, s in wanted.items():
        details = {k: s[k] for k in SERVICE_DETAILS if k in s}
        row = existing.get(category_id)
        if row is None:
            OrganizationService.objects.create(organization=org, category=s["category"], **details)
        elif any(getattr(row, k) != v for k, v in details.items()):
            for k, v in details.items():
                setattr(row, k, v)
            row.save()


@transaction.atomic
def organization_save(*, organization, data, actor, services=None, errors=None, source=None):
    """The one save of an organization (web form, API POST/PATCH, services added by an HSDS package); new ones
    from files and packages come in batches through `organizations_import` under the same rules. data: model
    fields by name, `territory` a Territory and `served_territories` a list of them (absent: unchanged);
    services: the whole list (None: unchanged).
    Rules: the territory within the actor's scope; the served area set directly by coordinators within
    their scope and only proposed by the organization's staff (a coordinator confirms); `full_clean`;
    list changes recorded explicitly with their old and new values. errors: what the adapter already found
    wrong in its input, by field, refused together with the save's own findings; source: named in the entry."""
    org, data = organization, dict(data)
    data.pop("version", None)
    before = (_service_summary(org), _served_summary(org)) if org.pk else ([], [])
    served = data.pop("served_territories", None)
    served = None if served is None else list(served)
    errors = {k: list(v) for k, v in (errors or {}).items()}
    if "territory" in data:
        territory = data.pop("territory")
        if territory is None and "territory_id" in errors:
            pass  # named by the adapter
        elif territory is None or not territories_in_scope(actor).filter(pk=territory.pk).exists():
            errors["territory"] = ["Территория не найдена или вне вашей зоны ответственности."]
        else:
            org.territory = territory
    direct = sets_area_directly(actor)
    if (
        served is not None
        and direct
        and "served_territories" not in errors
        and (outside := outside_scope(actor, served))
    ):
        errors["served_territories"] = [f"Вне вашей зоны ответственности: {', '.join(outside)}."]
    for key, value in data.items():
        setattr(org, key, value)
    if (org.lat is None) != (org.lon is None):
        errors.setdefault("lon", []).append("Укажите и широту, и долготу — или ни то, ни другое.")
    if errors:
        raise ValidationError(errors)
    org.full_clean(exclude=["served_territories"])
    org.save()
    if served is not None and direct:
        org.served_territories.set(served)
    elif served is not None and {t.pk for t in served} != {t.pk for t in org.served_territories.all()}:
        area_propose(organization=org, territories=served, actor=actor)  # a coordinator confirms
    if services is not None:
        _services_set(org, services)
    if served is not None or services is not None:
        changes = _changes_of(before, (_service_summary(org), _served_summary(org)))
        if changes:
            details = {"changes": changes, **({"source": source} if source else {})}
            log.record(log.Action.UPDATE, org, user=actor, details=details)
    return org


def organization_verify(*, organization, actor):
    now = timezone.now()
    organization.verified_at = now
    organization.verified_by = actor
    organization.last_confirmed_at = now
    organization.save()
    return organization


def organization_confirm(*, organization, actor):
    """«Данные актуальны»: the organization or a coordinator confirms the listing."""
    organization.last_confirmed_at = timezone.now()
    organization.confirm_reminded_at = None
    organization.save()
    return organization


# --- served area (#10): organization staff propose, a coordinator confirms ---
def sets_area_directly(user):
    return access.can(user, "directory.verify")


def outside_scope(user, territories):
    """Names of the territories the user may not give an organization to serve."""
    allowed = set(territories_in_scope(user).filter(pk__in=[t.pk for t in territories]).values_list("pk", flat=True))
    return [t.name for t in territories if t.pk not in allowed]


@transaction.atomic
def area_propose(*, organization, territories, actor):
    """A new proposal replaces the one still waiting; the organization serves its confirmed area meanwhile."""
    organization.area_proposals.filter(status=AreaProposal.Status.PENDING).delete()
    proposal = AreaProposal.objects.create(organization=organization, proposed_by=actor)
    proposal.territories.set(territories)
    names = sorted(t.name for t in territories) or ["только своя территория"]
    log.record(log.Action.CREATE, proposal, user=actor, details={"organization": organization.pk, "territories": names})
    return proposal


@transaction.atomic
def area_approve(*, proposal, actor):
    proposal = AreaProposal.objects.select_for_update().get(pk=proposal.pk)
    if proposal.status != AreaProposal.Status.PENDING:
        raise ValidationError({"status": "Это предложение уже рассмотрено."})
    territories = list(proposal.territories.all())
    outside = outside_scope(actor, territories)
    if outside:
        raise ValidationError(
            {
                "territories": "Вне вашей зоны ответственности: "
                + ", ".join(outside)
                + ". Подтвердит координатор региона или администратор."
            }
        )
    org = proposal.organization
    before = _served_summary(org)
    org.served_territories.set(territories)
    proposal.status = AreaProposal.Status.APPROVED
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.save()
    changes = {"обслуживаемые территории": [", ".join(before), ", ".join(_served_summary(org))]}
    log.record(log.Action.UPDATE, org, user=actor, details={"changes": changes, "proposal": proposal.pk})
    return proposal


@transaction.atomic
def area_reject(*, proposal, actor, reason):
    if not (reason or "").strip():
        raise ValidationError({"reason": "Причина отказа: напишите, почему территории не подтверждены."})
    proposal = AreaProposal.objects.select_for_update().get(pk=proposal.pk)  # as area_approve: one decision
    if proposal.status != AreaProposal.Status.PENDING:
        raise ValidationError({"status": "Это предложение уже рассмотрено."})
    proposal.status = AreaProposal.Status.REJECTED
    proposal.decided_by, proposal.decided_at = actor, timezone.now()
    proposal.reason = reason.strip()[:300]
    proposal.save()
    log.record(log.Action.UPDATE, proposal, user=actor, details={"status": "отклонено", "reason": proposal.reason})
    return proposal


# --- HSDS packages from other publishers (#10): mapping confirmed by a coordinator, then one import ---
@transaction.atomic
def taxonomy_mapping_confirm(*, choices, actor):
    """choices: [(vocabulary, code, name, category or None)]; remembered for the next package, audited."""
    from directory.models import TaxonomyMapping

    now, changed = timezone.now(), []
    for vocabulary, code, name, category in choices:
        mapping, created = TaxonomyMapping.objects.get_or_create(
            vocabulary=vocabulary,
            term_code=code,
            defaults={"term_name": name, "category": category, "confirmed_by": actor, "confirmed_at": now},
        )
        if not created and (mapping.category_id, mapping.term_name) == (category and category.pk, name):
            continue
        if not created:
            mapping.term_name, mapping.category, mapping.confirmed_by, mapping.confirmed_at = name, category, actor, now
            mapping.save()
        changed.append(mapping)
        log.record(
            log.Action.CREATE if created else log.Action.UPDATE,
            mapping,
            user=actor,
            details={"term": f"{vocabulary}:{code}", "category": category.code if category else "не переносить"},
        )
    return changed


class RowsRefused(ValidationError):
    """Rows of an import refused before anything was written: rows = [(row, field label, message)]."""

    def __init__(self, rows):
        self.rows = rows
        super().__init__([f"{_row_label(row)}, «{field}»: {message}" for row, field, message in rows])


def _row_label(row):
    return f"Строка {row}" if isinstance(row, int) else str(row)


IMPORT_BATCH = 2000


@transaction.atomic
def organizations_import(*, rows, actor, verified, progress=None):
    """The one way new organizations come from a file or a package (XLSX/CSV import, HSDS): every row is
    checked first — its territories inside the importer's scope, the organization as the form checks it
    (`full_clean`) — and nothing is written unless all pass (RowsRefused names each row and field). Then it
    writes in batches (#12: 100 000 rows in well under a minute) with the audit entries the signals would
    have written. rows: dicts with row (number or label), fields, territory_id, served_ids, services
    ([{code, is_free, who_may_apply, schedule}]). Returns the organizations."""
    from catalog.models import ServiceCategory
    from directory.models import Organization, OrganizationService

    if rows and not sets_area_directly(actor):  # the served area is set only by those who verify (#10)
        raise RowsRefused([(rows[0]["row"], "Обслуживает", "Импортируют организации координаторы.")])
    wanted = {r["territory_id"] for r in rows} | {i for r in rows for i in r["served_ids"]}
    allowed = set(territories_in_scope(actor).filter(pk__in=wanted).values_list("pk", flat=True))
    categories = {
        c.code: c for c in ServiceCategory.objects.filter(code__in={s["code"] for r in rows for s in r["services"]})
    }
    label = {f.name: str(f.verbose_name).capitalize() for f in Organization._meta.fields}
    now, refused, orgs = timezone.now(), [], []
    for r in rows:
        if r["territory_id"] not in allowed:
            refused.append((r["row"], label["territory"], "Территория вне вашей зоны ответственности."))
        if any(i not in allowed and i != r["territory_id"] for i in r["served_ids"]):  # named once
            refused.append((r["row"], "Обслуживает", "Территория вне вашей зоны ответственности."))
        refused += [
            (r["row"], "Услуги", f"Услуги «{s['code']}» нет в каталоге.")
            for s in r["services"]
            if s["code"] not in categories
        ]
        org = Organization(
            territory_id=r["territory_id"],
            verified_at=now if verified else None,
            verified_by=actor if verified else None,
            last_confirmed_at=now,
            **r["fields"],
        )
        try:  # the territory was checked above (one query for all rows), the importer is the current user
            org.full_clean(exclude=["territory", "verified_by", "served_territories"], validate_unique=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                refused += [(r["row"], label.get(name, name), message) for message in messages]
        orgs.append(org)
    if refused:
        raise RowsRefused(refused)
    served = Organization.served_territories.through
    for start in range(0, len(rows), IMPORT_BATCH):  # COPY on PostgreSQL (core.bulk), bulk_create elsewhere
        chunk = rows[start : start + IMPORT_BATCH]
        created = bulk.insert(orgs[start : start + IMPORT_BATCH])
        bulk.insert_rows(  # the links and services as plain rows: no instance per row
            served,
            ["organization_id", "territory_id"],
            ((org.pk, tid) for org, r in zip(created, chunk, strict=True) for tid in dict.fromkeys(r["served_ids"])),
        )
        bulk.insert_rows(
            OrganizationService,
            ["organization_id", "category_id", "is_free", "who_may_apply", "schedule"],
            (
                (
                    org.pk,
                    categories[s["code"]].pk,
                    s.get("is_free", True),
                    s.get("who_may_apply", "")[:300],
                    s.get("schedule", "")[:200],
                )
                for org, r in zip(created, chunk, strict=True)
                for s in {s["code"]: s for s in r["services"]}.values()
            ),
        )
        # one entry per organization: its fields and the services created with it (#12: not one per service)
        lists = {
            org.pk: {
                "services": list(dict.fromkeys(s["code"] for s in r["services"])),
                "served_territories": list(dict.fromkeys(r["served_ids"])),  # the lists are in the entry (#10)
            }
            for org, r in zip(created, chunk, strict=True)
        }
        tracking.created_in_bulk(created, user=actor, extra=lambda org, lists=lists: lists[org.pk])
        if progress:
            progress(start + len(chunk))
    return orgs


@transaction.atomic
def hsds_import(*, rows, actor, verified, upload=None):
    """Everything the preview promised, in one transaction: created, updated (services added), skipped."""
    from catalog.models import ServiceCategory
    from directory.models import Organization

    if upload is not None:  # a second click (or a second tab) waits here and then finds it imported
        upload = type(upload).objects.select_for_update().defer("data").get(pk=upload.pk)
        if upload.imported_at is not None:
            raise ValidationError({"upload": "Этот пакет уже импортирован."})
    creates = [row for row in rows if row.action == "create"]
    if creates:  # one batch through the one import of organizations: scope and full_clean per row, all or nothing
        organizations_import(
            rows=[
                {
                    "row": row.source,
                    "fields": row.fields,
                    "territory_id": row.territory_id,
                    "served_ids": row.served_ids,  # none: it serves its own territory (see search.helpers)
                    "services": row.services,
                }
                for row in creates
            ],
            actor=actor,
            verified=verified,
        )
    result = {"create": len(creates), "update": 0, "skip": 0}
    for row in rows:
        if row.action == "update":  # services added through the one save: scope, full_clean, the lists audited
            org = access.scoped(actor, Organization.objects.all()).get(pk=row.existing_id)
            current = [{"category": s.category} for s in org.services.select_related("category")]
            have = {s["category"].code for s in current}
            categories = {c.code: c for c in ServiceCategory.objects.filter(code__in=row.codes)}
            added = [
                {"category": categories[s["code"]], "is_free": s["is_free"], "who_may_apply": s["who_may_apply"][:300]}
                for s in row.services
                if s["code"] not in have
            ]
            organization_save(organization=org, data={}, services=current + added, actor=actor, source="HSDS")
        if row.action != "create":
            result[row.action] += 1
    log.record(
        log.Action.CREATE,
        upload,
        user=actor,
        details={"import": "HSDS", "created": result["create"], "updated": result["update"], "skipped": result["skip"]},
    )
    if upload is not None:
        upload.imported_at, upload.result, upload.data = timezone.now(), result, b""  # the package is not kept
        upload.save(update_fields=["imported_at", "result", "data"])
    return result


# --- the uploads an import starts from (each seen only by its uploader: directory.selectors) ---
def import_job_create(*, kind, file_name, data, mark_verified, actor):
    """An uploaded file waiting for its check (directory.tasks.check_import); nothing imported yet."""
    from directory.models import ImportJob

    return ImportJob.objects.create(
        kind=kind, file_name=file_name[:200], data=data, mark_verified=mark_verified, created_by=actor
    )


def import_job_start(*, job, actor):
    """«Импортировать»: the job is queued for the worker (directory.tasks.run_import) as `actor` confirmed it."""
    from directory.models import ImportJob

    ImportJob.objects.filter(pk=job.pk, created_by=actor).update(state=ImportJob.State.IMPORTING, processed_rows=0)


def import_job_record(*, job, **values):
    """The worker's progress on a job it was queued (directory.tasks): the given fields set and only they saved
    (never the file's bytes again)."""
    for name, value in values.items():
        setattr(job, name, value)
    job.save(update_fields=list(values))
    return job


def import_job_progress(*, job, done):
    """Rows done so far, for the page that polls the job (one UPDATE, the loaded job left as it is)."""
    return ImportJob.objects.filter(pk=job.pk).update(processed_rows=done)


def hsds_upload_create(*, file_name, data, mark_verified, actor):
    """An uploaded HSDS package waiting for its mapping and preview; nothing imported yet."""
    from directory.models import HsdsUpload

    return HsdsUpload.objects.create(
        file_name=file_name[:200], data=data, mark_verified=mark_verified, created_by=actor
    )


# --- `manage.py periodic` and the retention purge ---


def confirmation_reminders_send(*, now=None):
    """`manage.py periodic`: ask organizations to re-confirm listings older than 6 months; once per listing age.
    Returns how many letters went."""
    now = now or timezone.now()
    due = Organization.objects.confirmation_due(now).filter(verified_at__isnull=False, confirm_reminded_at__isnull=True)
    sent = 0
    for org in due.prefetch_related("staff"):
        recipients = [u.email for u in org.staff.all() if u.email] or ([org.email] if org.email else [])
        if recipients:
            hide_on = (org.last_confirmed_at + CONFIRM_EVERY + GRACE_PERIOD) if org.last_confirmed_at else now
            send_mail(
                "Забота: подтвердите, что сведения об организации актуальны",
                f"Здравствуйте!\n\nСведения об организации «{org.name}» не подтверждались больше 6 месяцев. "
                f"Проверьте их и нажмите «Данные актуальны»: {settings.SITE_URL}/organizations/{org.pk}/\n"
                f"Если не подтвердить до {timezone.localtime(hide_on):%d.%m.%Y}, жители перестанут видеть организацию "
                "в поиске помощи.",
                None,
                recipients,
            )
            sent += 1
        org.confirm_reminded_at = now
        org.save(update_fields=["confirm_reminded_at"])
    return sent


def import_files_purge(*, before):
    """Retention (#11): uploaded import files (with their row errors, duplicates and checked rows, which quote
    the rows) of imports started before `before` are erased; the import's counts and outcome stay. Returns how
    many."""
    stored = (
        ImportJob.objects.filter(created_at__lt=before)
        .exclude(state__in=[ImportJob.State.CHECKING, ImportJob.State.IMPORTING])
        .exclude(data=b"", errors=[], duplicates=[], checked_rows__isnull=True)
    )
    return stored.update(data=b"", errors=[], duplicates=[], checked_rows=None, checked_key="")


def hsds_uploads_purge(*, before):
    """Retention (#10, #11): HSDS packages uploaded before `before` are deleted, whether never imported (the
    package itself waits there) or imported (only the counts remain; the import's audit entry keeps them).
    Returns how many."""
    return HsdsUpload.objects.filter(created_at__lt=before).delete()[1].get(HsdsUpload._meta.label, 0)
