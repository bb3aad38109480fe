"""Writes of the territory tree (#10: the form and the API create territories here)."""

from django.core.exceptions import ValidationError
from django.db import transaction

from accounts import access
from territories.models import Territory


@transaction.atomic
def territory_create(*, data, actor):
    """data: name, kind, parent (a Territory or None; or parent_id), oktmo, lat, lon. The parent within the
    actor's scope; only nationwide users create a top territory. The audit entry is the tracked model's
    (territories.models: track(Territory)), with the actor of the request."""
    data = dict(data)
    parent = data.pop("parent", None)
    if "parent_id" in data:
        parent_id = data.pop("parent_id")
        parent = None if parent_id is None else Territory.objects.filter(pk=parent_id).first()
        if parent_id is not None and parent is None:
            raise ValidationError({"parent": "Территория не найдена или вне вашей зоны ответственности."})
    if parent is not None and not access.in_territory(actor, parent):
        raise ValidationError({"parent": "Территория не найдена или вне вашей зоны ответственности."})
    if parent is None and not access.is_nationwide(actor):
        raise ValidationError({"parent": "Укажите вышестоящую территорию из вашей зоны ответственности."})
    territory = Territory(parent=parent, **data)
    territory.full_clean()
    territory.save()
    return territory
