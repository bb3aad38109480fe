"""Blocks of «Рабочий стол» for #МЫВМЕСТЕ.ОПЕКА (see desk/home.py)."""

from django.urls import reverse

from accounts import access
from guardianship import selectors


def blocks(user, now):
    from core.home import item

    result = []
    if access.can(user, "guardianship.manage"):
        # A matched family without its first contact is still waiting (the seed's 3-day limit runs on).
        waiting = selectors.waiting_families(user).count()
        missed = selectors.calls(user, "missed", now).count()
        calls_url = reverse("guardianship:calls")
        result.append(
            {
                "title": "Опека",
                "items": [
                    item("Семьи ждут опекуна", waiting, reverse("guardianship:dashboard"), alarm=True),
                    item(
                        "Заявки семей на отбор", selectors.applications(user).count(), reverse("guardianship:dashboard")
                    ),
                    item("Пропущенные звонки семьям", missed, f"{calls_url}?queue=missed", alarm=True),
                ],
            }
        )
    if access.can(user, "guardianship.mine"):
        mine = selectors.open_guardianships(user)
        result.append(
            {"title": "Мои семьи", "items": [item("Семьи под опекой", mine.count(), reverse("guardianship:mine"))]}
        )
    return result
