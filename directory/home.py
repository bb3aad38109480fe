"""Blocks of «Рабочий стол» for the directory (see zabota/home.py)."""

from django.urls import reverse

from accounts import access
from directory.models import Organization


def blocks(user, now):
    from core.home import item

    if not access.can(user, "directory.verify"):
        return []
    orgs = access.scoped(user, Organization.objects.all())
    url = reverse("directory:list")
    return [
        {
            "title": "Организации",
            "items": [
                item("Ждут проверки", orgs.filter(verified_at__isnull=True).count(), f"{url}?verified=no", alarm=True),
                item("Пора подтвердить данные", orgs.confirmation_due(now).count(), f"{url}?verified=due", alarm=True),
            ],
        }
    ]
