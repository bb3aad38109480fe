"""E-mail through a queue: sending never fails a page or a job; delivery is retried until it works."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import EmailMessage
from django.db import transaction
from django.utils import timezone

RETRY_MINUTES = [1, 5, 15, 60, 180, 720]  # then every 12 hours; nothing is dropped
# A message about a person carries the person's id in this header; the queue keeps it as a link (so
# withdrawal erases the message) and never sends the header on.
PERSON_HEADER = "X-Zabota-Beneficiary"


def about_person(beneficiary):
    """Extra headers for `EmailMessage(headers=...)` linking a queued message to the person it names."""
    return {PERSON_HEADER: str(beneficiary.pk)}


class QueuedEmailBackend(BaseEmailBackend):
    """EMAIL_BACKEND for production: stores messages; `deliver_queued_mail` sends them (EMAIL_DELIVERY_BACKEND)."""

    def send_messages(self, email_messages):
        from core.models import OutgoingMail

        queued = [
            OutgoingMail.objects.create(
                subject=m.subject[:300],
                body=m.body,
                from_email=m.from_email or settings.DEFAULT_FROM_EMAIL,
                to=m.to,
                beneficiary_id=_person_of(m),
            ).pk
            for m in email_messages
        ]
        # Try these at once; older failures wait for `periodic`, never for the page that sent a new one.
        transaction.on_commit(lambda: deliver_queued_mail(only=queued))
        return len(email_messages)


def _person_of(message):
    value = (message.extra_headers or {}).get(PERSON_HEADER, "")
    return int(value) if value.isdigit() else None


def deliver_queued_mail(limit=200, only=None):
    """Sends due messages through the real backend; each failure is kept with its error and a later try."""
    from core.models import OutgoingMail

    now = timezone.now()
    due = OutgoingMail.objects.filter(sent_at__isnull=True).exclude(next_try_at__gt=now)
    if only is not None:
        due = due.filter(pk__in=only)
    due = due[:limit]
    sent = 0
    connection = get_connection(settings.EMAIL_DELIVERY_BACKEND)
    for mail in due:
        message = EmailMessage(mail.subject, mail.body, mail.from_email, mail.to, connection=connection)
        try:
            message.send()
        except Exception as exc:  # noqa: BLE001 — any delivery error is kept for the next try
            wait = RETRY_MINUTES[min(mail.attempts, len(RETRY_MINUTES) - 1)]
            OutgoingMail.objects.filter(pk=mail.pk).update(
                attempts=mail.attempts + 1, last_error=str(exc)[:500], next_try_at=now + timedelta(minutes=wait)
            )
        else:
            OutgoingMail.objects.filter(pk=mail.pk).update(attempts=mail.attempts + 1, sent_at=timezone.now())
            sent += 1
    return sent


def purge_mail(*, before):
    """Retention (#11): messages (sent, or still failing) created before `before` are deleted — their bodies
    carry names and links. Returns how many."""
    from core.models import OutgoingMail

    return OutgoingMail.objects.filter(created_at__lt=before).delete()[0]
