"""Directory checks run by `manage.py periodic`: each is idempotent."""

from directory import services


def remind_to_confirm(now=None):
    """Ask organizations to re-confirm listings older than 6 months; once per listing age."""
    return f"напоминаний о подтверждении: {services.confirmation_reminders_send(now=now)}"


def purge_import_files(*, before):
    """Retention (#11): uploaded import files of imports started before `before` (services.import_files_purge)."""
    return services.import_files_purge(before=before)


def purge_hsds_uploads(*, before):
    """Retention (#10, #11): HSDS packages uploaded before `before` (services.hsds_uploads_purge)."""
    return services.hsds_uploads_purge(before=before)
