"""A failed e-mail stays queued and is retried by the periodic command; nothing is sent twice."""

from datetime import timedelta

from django.core import mail
from django.core.mail import EmailMessage, send_mail
from django.core.mail.backends.base import BaseEmailBackend
from django.utils import timezone

from core.mail import about_person, deliver_queued_mail
from core.models import OutgoingMail


class Refusing(BaseEmailBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("SMTP-сервер недоступен")


def test_it_keeps_a_failed_message_and_delivers_it_later_once(db, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "core.tests.test_mail.Refusing"
    with django_capture_on_commit_callbacks(execute=True):
        assert send_mail("Забота: эскалация", "Обращение просрочено", None, ["coord@example.org"]) == 1
    queued = OutgoingMail.objects.get()
    assert queued.sent_at is None and queued.attempts == 1 and "недоступен" in queued.last_error

    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert deliver_queued_mail() == 0  # not due yet: the next try waits a minute
    OutgoingMail.objects.update(next_try_at=timezone.now() - timedelta(seconds=1))
    mail.outbox.clear()
    assert deliver_queued_mail() == 1 and deliver_queued_mail() == 0
    assert [m.subject for m in mail.outbox] == ["Забота: эскалация"]
    assert OutgoingMail.objects.get().sent_at is not None


def test_a_new_message_does_not_retry_older_failures_in_the_request(db, settings, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    OutgoingMail.objects.create(subject="Старое", body="—", from_email="z@localhost", to=["a@example.org"])
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        send_mail("Новое", "Текст", None, ["b@example.org"])
    assert [m.subject for m in mail.outbox] == ["Новое"]  # the old one waits for `periodic`
    assert OutgoingMail.objects.get(subject="Старое").sent_at is None


def test_a_text_to_relatives_is_linked_to_the_person_and_erased_on_withdrawal(
    region, settings, django_capture_on_commit_callbacks
):
    """A queued text names the person; withdrawal of consent must reach it like any other record (152-FZ)."""
    from people.models import Consent
    from people.services import consent_withdraw

    settings.EMAIL_BACKEND = "core.mail.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "core.tests.test_mail.Refusing"  # stays in the queue
    person = region.person_a
    with django_capture_on_commit_callbacks(execute=True):
        EmailMessage(
            "Забота: о вашем близком",
            f"{person.full_name} в больнице",
            None,
            ["son@example.org"],
            headers=about_person(person),
        ).send()
    queued = OutgoingMail.objects.get()
    assert queued.beneficiary == person and person.full_name in queued.body

    consent_withdraw(consent=Consent.objects.get(beneficiary=person), actor=region.users["coordinator"])
    queued.refresh_from_db()
    assert person.full_name not in queued.body + queued.subject and queued.to == []
