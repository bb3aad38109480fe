"""Reminders by e-mail to respondents who have not answered (run by `manage.py periodic`); one per respondent."""

from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db.models import Q
from django.utils import timezone

from outreach.models import Recipient
from outreach.services import link

# A respondent is reminded once, this long after the invitation, while the sending is still open.
REMIND_AFTER = timedelta(days=settings.OUTREACH_REMIND_AFTER_DAYS)


def remind_unanswered(now=None):
    now = now or timezone.now()
    today = timezone.localdate(now)
    due = (
        Recipient.objects.filter(
            submitted_at__isnull=True,
            reminded_at__isnull=True,
            sending__created_at__lte=now - REMIND_AFTER,
        )
        .filter(Q(sending__deadline__isnull=True) | Q(sending__deadline__gte=today))
        .exclude(email="")
        .select_related("sending__questionnaire")
    )
    sent = 0
    for recipient in due:
        # Claim the row first: a second run (or a parallel one) finds it already reminded.
        if not Recipient.objects.filter(pk=recipient.pk, reminded_at__isnull=True).update(reminded_at=now):
            continue
        sending = recipient.sending
        deadline = f" до {sending.deadline:%d.%m.%Y}" if sending.deadline else ""
        send_mail(
            f"Напоминание: анкета «{sending.questionnaire.title}»",
            f"Здравствуйте!\n\nНапоминаем: ждём ваших ответов на анкету «{sending.questionnaire.title}»{deadline}. "
            f"Если вы начали заполнять — ответы сохранены, продолжите по той же ссылке:\n{link(recipient)}\n",
            None,
            [recipient.email],
        )
        sent += 1
    return f"напоминаний об анкетах: {sent}"
