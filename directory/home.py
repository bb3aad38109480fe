"""Blocks of «Рабочий стол» for the directory (see desk/home.py)."""

from django.urls import reverse

from accounts import access
from directory.selectors import verification_counts


def blocks(user, now):
    from core.home import item

    if not access.can(user, "directory.verify"):
        return []
    waiting, due = verification_counts(user, now)
    url = reverse("directory:list")
    return [
        {
            "title": "Организации",
            "items": [
                item("Ждут проверки", waiting, f"{url}?verified=no", alarm=True),
                item("Пора подтвердить данные", due, f"{url}?verified=due", alarm=True),
            ],
        }
    ]
