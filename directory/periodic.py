"""Directory checks run by `manage.py periodic`: each is idempotent."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from directory.models import CONFIRM_EVERY, GRACE_PERIOD, Organization


def remind_to_confirm(now=None):
    """Ask organizations to re-confirm listings older than 6 months; once per listing age."""
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
    return f"напоминаний о подтверждении: {sent}"


def purge_import_files(*, before):
    """Retention (#11): uploaded import files (with their row errors and duplicates, which quote the rows) of
    imports started before `before` are erased; the import's counts and outcome stay. Returns how many."""
    from directory.models import ImportJob

    stored = (
        ImportJob.objects.filter(created_at__lt=before)
        .exclude(state__in=[ImportJob.State.CHECKING, ImportJob.State.IMPORTING])
        .exclude(data=b"", errors=[], duplicates=[])
    )
    return stored.update(data=b"", errors=[], duplicates=[])


def purge_hsds_uploads(*, before):
    """Retention (#10, #11): HSDS packages uploaded before `before` are deleted, whether never imported (the
    package itself waits there) or imported (only the counts remain; the import's audit entry keeps them).
    Returns how many."""
    from directory.models import HsdsUpload

    return HsdsUpload.objects.filter(created_at__lt=before).delete()[1].get(HsdsUpload._meta.label, 0)
