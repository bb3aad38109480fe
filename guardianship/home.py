"""Blocks of «Рабочий стол» for #МЫВМЕСТЕ.ОПЕКА (see zabota/home.py)."""

from django.urls import reverse

from accounts import access
from guardianship import services
from guardianship.models import Guardianship
from people.models import Household


def blocks(user, now):
    from zabota.home import item

    result = []
    if access.can(user, "guardianship.manage"):
        waiting = (
            access.scoped(user, Household.objects.filter(needs_guardianship_since__isnull=False))
            .exclude(guardianships__status__in=services.OPEN)
            .distinct()
        )
        result.append(
            {
                "title": "Опека",
                "items": [item("Семьи ждут опекуна", waiting.count(), reverse("guardianship:dashboard"), alarm=True)],
            }
        )
    if access.can(user, "guardianship.mine"):
        mine = access.scoped(user, Guardianship.objects.filter(status__in=services.OPEN))
        result.append(
            {"title": "Мои семьи", "items": [item("Семьи под опекой", mine.count(), reverse("guardianship:mine"))]}
        )
    return result
