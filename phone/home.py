"""Blocks of «Рабочий стол» for «Алло, волонтёр!» (see desk/home.py)."""

from django.urls import reverse
from django.utils import timezone

from accounts import access
from phone import selectors


def blocks(user, now):
    from core.home import item

    result = []
    if access.can(user, "phone.dashboard"):
        figures = selectors.desk_dashboard(user, now)
        url = reverse("phone:dashboard")
        result.append(
            {
                "title": "Алло, волонтёр!",
                "items": [
                    item("Тревоги: не дозвонились", figures["alerts"], url, alarm=True),
                    item("Волонтёры молчат 14 дней", figures["quiet"], url, alarm=True),
                    item("Без волонтёра", figures["unassigned"], url, alarm=True),
                ],
            }
        )
    if access.can(user, "phone.today"):
        rows, people = selectors.desk_volunteer(getattr(user, "volunteer", None), timezone.localdate())
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
        result.append(
            {
                "title": "Алло, волонтёр! (только числа)",
                "items": [item("Участников в службе", selectors.desk_participants(user), reverse("phone:kpi"))],
            }
        )
    return result
