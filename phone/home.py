"""Blocks of «Рабочий стол» for «Алло, волонтёр!» (see zabota/home.py)."""

from django.urls import reverse
from django.utils import timezone

from accounts import access
from phone import queries
from phone.models import Alert, Enrolment


def blocks(user, now):
    from core.home import item

    result = []
    if access.can(user, "phone.dashboard"):
        enrolments = access.scoped(user, Enrolment.objects.all())
        url = reverse("phone:dashboard")
        result.append(
            {
                "title": "Алло, волонтёр!",
                "items": [
                    item(
                        "Тревоги: не дозвонились",
                        Alert.objects.filter(enrolment__in=enrolments, resolved_at__isnull=True).count(),
                        url,
                        alarm=True,
                    ),
                    item(
                        "Волонтёры молчат 14 дней", queries.quiet_volunteers(enrolments, now).count(), url, alarm=True
                    ),
                    item("Без волонтёра", enrolments.active().filter(volunteer__isnull=True).count(), url, alarm=True),
                ],
            }
        )
    if access.can(user, "phone.today"):
        volunteer = getattr(user, "volunteer", None)
        today = timezone.localdate()
        rows = queries.today_list(volunteer, today) if volunteer else []
        people = Enrolment.objects.active().filter(volunteer=volunteer).count() if volunteer else 0
        result.append(
            {
                "title": "Звонки",
                "items": [
                    item("Позвонить сегодня", len(rows), reverse("phone:today"), alarm=True),
                    item("Мои подопечные", people, reverse("phone:mine")),
                ],
            }
        )
    if access.can(user, "phone.kpi") and not access.can(user, "phone.dashboard"):
        enrolments = Enrolment.objects.filter(beneficiary__territory__in=access.territory_ids(user))
        result.append(
            {
                "title": "Алло, волонтёр! (только числа)",
                "items": [item("Участников в службе", enrolments.active().count(), reverse("phone:kpi"))],
            }
        )
    return result
