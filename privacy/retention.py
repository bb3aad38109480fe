"""Retention per purpose (#11): one periodic purge of what is kept longer than its purpose needs.

The periods are settings.RETENTION_DAYS (environment variables, README «Retention»); each purpose's purge
lives in its app and takes the cut-off moment. A run is idempotent (a second one finds nothing) and writes
one audit entry with the counts when anything was erased or deleted.
"""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from audit import log as audit_log
from audit.models import AuditEntry
from core.mail import purge_mail
from directory.periodic import purge_hsds_uploads, purge_import_files
from exports.services import purge_exports
from helprequests.periodic import purge_closed_request_text, purge_unconfirmed_reports
from phone.periodic import purge_call_notes


def purge_audit(*, before):
    """Audit entries older than their retention period (with the persons each one listed)."""
    # The log is append-only for everyone else; only this purge removes the expired part of it.
    return AuditEntry._base_manager.filter(at__lt=before).delete()[1].get(AuditEntry._meta.label, 0)


# (purpose in settings.RETENTION_DAYS, Russian label, purge(before=...) → count); the audit log goes last so a
# run never deletes the entries of what it has just done.
PURGES = [
    ("closed_request_text", "тексты закрытых обращений", purge_closed_request_text),
    ("call_notes", "заметки о звонках", purge_call_notes),
    ("unconfirmed_reports", "неподтверждённые сообщения с сайта", purge_unconfirmed_reports),
    ("import_files", "файлы импорта", purge_import_files),
    ("hsds_uploads", "пакеты HSDS", purge_hsds_uploads),
    ("mail", "письма в очереди", purge_mail),
    ("exports", "выгрузки", purge_exports),
    ("audit", "записи журнала", purge_audit),
]


def purge_expired(now=None):
    now = now or timezone.now()
    counts, cutoffs = {}, {}
    with transaction.atomic():
        for purpose, _label, purge in PURGES:
            days = settings.RETENTION_DAYS.get(purpose, 0)
            if not days:
                continue
            before = now - timedelta(days=days)
            count = purge(before=before)
            if count:
                counts[purpose] = count
                cutoffs[purpose] = before.isoformat()
        if counts:
            audit_log.record(
                audit_log.Action.DELETE,
                details={"retention": counts, "before": cutoffs, "days": dict(settings.RETENTION_DAYS)},
            )
    labels = {purpose: label for purpose, label, _ in PURGES}
    done = ", ".join(f"{labels[purpose]} {count}" for purpose, count in counts.items())
    return f"удалено по срокам хранения: {done or 'ничего'}"
