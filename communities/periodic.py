"""Community workspace checks run by `manage.py periodic`: each is idempotent (one e-mail per overdue item)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils import timezone

from communities.models import Interaction, RoadmapStep


def _send(user, subject, body):
    if user is None or not user.email:
        return False
    send_mail(subject, body, None, [user.email])
    return True


def remind_overdue_steps(now=None):
    """E-mail the responsible person once about each overdue next step and roadmap step."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    sent = 0
    interactions = Interaction.objects.overdue(today).filter(overdue_notified_at__isnull=True)
    for i in interactions.select_related("responsible", "community", "organization"):
        if _send(
            i.responsible,
            "Забота: просрочен следующий шаг по работе с сообществом",
            f"Здравствуйте!\n\nСледующий шаг «{i.next_step}» ({i.party}) нужно было сделать до "
            f"{i.due_date:%d.%m.%Y}. Выполните его или отметьте выполненным: "
            f"{settings.SITE_URL}/communities/desk/\n",
        ):
            sent += 1
        i.overdue_notified_at = now
        i.save(update_fields=["overdue_notified_at"])
    steps = RoadmapStep.objects.overdue(today).filter(overdue_notified_at__isnull=True)
    for s in steps.select_related("responsible", "community"):
        if _send(
            s.responsible or (s.community.responsible if s.community else None),
            "Забота: просрочен шаг дорожной карты ТРЦ + сообщества",
            f"Здравствуйте!\n\nШаг дорожной карты «{s.title}» ({s.community or 'все сообщества'}) нужно было "
            f"выполнить до {s.due_date:%d.%m.%Y}. Обновите статус и результат: "
            f"{settings.SITE_URL}/communities/roadmap/{s.pk}/edit/\n",
        ):
            sent += 1
        s.overdue_notified_at = now
        s.save(update_fields=["overdue_notified_at"])
    return f"напоминаний о просроченных шагах сообществ: {sent}"
