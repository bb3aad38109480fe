"""Reads of the practices library, scoped by the access module: anonymous visitors and readers see only
published cards, editors also see drafts. A caller without a user gets nothing (fail closed)."""

from django.db.models import Q
from django.http import Http404

from accounts import access
from practices.models import Photo, Practice, Tag


def visible(user):
    """Published cards for everyone; editors also see drafts (the access module decides)."""
    return access.scoped(user, Practice.objects.all())


def visible_with_tags(user):
    return visible(user).prefetch_related("tags")


def published(user):
    """The public library: published cards only, whoever asks (editors included)."""
    return access.scoped(user, Practice.objects.published())


def choices(user):
    """Practices a session or a proposal may name, by title."""
    return visible(user).order_by("title")


def search(qs, *, q="", tag="", audience="", region=""):
    """The library's and the editors' search: words, a tag, an audience tag, a region."""
    if q:
        qs = qs.filter(
            Q(title__icontains=q)
            | Q(summary__icontains=q)
            | Q(description__icontains=q)
            | Q(organization_name__icontains=q)
            | Q(tags__name__icontains=q)
        )
    for value in (tag, audience):
        if value.isdigit():
            qs = qs.filter(tags=int(value))
    if region:
        qs = qs.filter(region=region)
    return qs.distinct()


def library(user, **filters):
    """The public library page: published cards with their tags, newest first."""
    return search(published(user).prefetch_related("tags"), **filters).order_by("-published_at", "title")


def library_facets(user):
    """The library's filters: topics, audiences and regions that published cards use."""
    cards = published(user)
    return {
        "topics": Tag.objects.filter(kind=Tag.Kind.TOPIC, practices__in=cards).distinct(),
        "audiences": Tag.objects.filter(kind=Tag.Kind.AUDIENCE, practices__in=cards).distinct(),
        "regions": cards.order_by("region").values_list("region", flat=True).distinct(),
    }


def manage_list(user, *, state="", **filters):
    """The editors' list: drafts and published cards, by title."""
    qs = search(visible(user).prefetch_related("tags"), **filters)
    if state == "draft":
        qs = qs.filter(is_published=False)
    elif state == "published":
        qs = qs.filter(is_published=True)
    return qs.order_by("title")


def practice(user, pk):
    """One card with its tags and photos, or None when missing or not visible to the user."""
    return visible(user).prefetch_related("tags", "photos").filter(pk=pk).first()


def published_practice(user, pk):
    """One published card for the open API, or None."""
    return published(user).prefetch_related("tags", "photos").filter(pk=pk).first()


def api_list(user, *, q="", tag="", region=""):
    """The open API's list of published cards: words in title, description or summary; a tag name; a region."""
    qs = published(user).prefetch_related("tags")
    if q.strip():
        qs = qs.filter(Q(title__icontains=q) | Q(description__icontains=q) | Q(summary__icontains=q))
    if tag.strip():
        qs = qs.filter(tags__name__iexact=tag.strip())
    if region.strip():
        qs = qs.filter(region__iexact=region.strip())
    return qs.distinct().order_by("title")


def editable_or_404(request, pk):
    """A card the user may edit (404, audited, when out of reach) — through the access door."""
    return access.get_or_404(request, Practice.objects.all(), "practices.change", pk=pk)


def photo(user, pk):
    """A photo of a card the user may see, or None."""
    item = Photo.objects.select_related("practice").filter(pk=pk).first()
    if item is None or not visible(user).filter(pk=item.practice_id).exists():
        return None
    return item


def editable_photo_or_404(request, pk):
    """A photo of a card the user may edit; a missing photo or an out-of-reach card answers 404."""
    access.require(request, "practices.change")
    item = Photo.objects.select_related("practice").filter(pk=pk).first()
    if item is None:
        raise Http404("Фото не найдено.")
    editable_or_404(request, item.practice_id)
    return item


def photos(practice):
    return practice.photos.all()


def organization_choices(user):
    from directory.models import Organization

    return access.scoped(user, Organization.objects.all()).order_by("name")


def territory_choices(user):
    from territories.models import Territory

    return access.scoped(user, Territory.objects.all(), "id")
