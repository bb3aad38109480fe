"""Reads of the exports app: a user sees only their own exports (not even an administrator sees others')."""

from accounts import access
from exports.models import Export


def exports_of(user):
    return access.scoped(user, Export.objects.all())


def export_of(request, pk):
    """The user's own export or 404 (someone else's looks exactly like a missing one)."""
    return access.get_or_404(request, Export.objects.all(), "exports.own", pk=pk)
