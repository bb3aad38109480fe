"""Reads of the territory tree in the caller's scope."""

from django.db.models import Count

from accounts import access
from territories.models import Territory


def territory_in_scope(user, territory_id, field, errors):
    """The territory if the caller works in it, or an error by the field (an API payload check)."""
    territory = Territory.objects.filter(pk=territory_id).first()
    if territory is None or not access.in_territory(user, territory):
        errors.add(field, "Территория не найдена или вне вашей зоны ответственности.")
        return None
    return territory


def territories_in_scope(user):
    """The user's territories (their own and everything below it); none without a user."""
    return access.scoped(user, Territory.objects.all(), field="id")


def territory_list(user, *, q="", kind=""):
    qs = territories_in_scope(user).annotate(children_count=Count("children", distinct=True)).order_by("path")
    if q:
        qs = qs.filter(name__icontains=q)
    if kind in Territory.Kind.values:
        qs = qs.filter(kind=kind)
    return qs


def territory_api_list(user, *, parent_id=None, kind=None):
    qs = territories_in_scope(user)
    if parent_id is not None:
        qs = qs.filter(parent_id=parent_id)
    if kind is not None:
        qs = qs.filter(kind=kind)
    return qs


def territory_page(territory):
    """What the page of an (already scoped) territory shows: its children and its first organizations."""
    return {
        "children": territory.children.annotate(children_count=Count("children")),
        "organizations": territory.organizations.all()[:50],
        "ancestors": territory.ancestors(),
    }


def territories_all():
    """The whole tree, for the access door (access.get_or_404 narrows it to the user's scope) and for
    choices that are proposals a coordinator confirms (an organization's served area)."""
    return Territory.objects.all()


def territories_by_ids(ids):
    """The territories with these ids (the tree is no secret; what may be done with them is the caller's rule)."""
    return list(Territory.objects.filter(pk__in=ids))


def territory_rows():
    """(id, name, path) of every territory, as plain data for matching (imports, HSDS packages)."""
    return list(Territory.objects.values_list("id", "name", "path"))


def territory_count(user):
    return Territory.objects.filter(id__in=access.territory_ids(user)).count()
