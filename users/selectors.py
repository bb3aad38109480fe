"""Reads for the users pages, scoped to the user who manages logins (#10: the adapters' only way to them)."""

from django.db.models import Q

from accounts import access
from accounts.selectors import users_for_pages
from directory.models import Organization
from volunteers.models import Volunteer


def user_list(user, *, q=""):
    """The logins the user manages (`users.manage`: administrators all; coordinators their territory's)."""
    qs = access.manageable_users(user, users_for_pages()).order_by("last_name", "username")
    if q:
        qs = qs.filter(
            Q(username__icontains=q) | Q(last_name__icontains=q) | Q(first_name__icontains=q) | Q(email__icontains=q)
        )
    return qs


def volunteer_cards_to_link(user, target):
    """Volunteer cards of the user's scope free to link to `target` (or already linked to it)."""
    qs = access.scoped(user, Volunteer.objects.select_related("territory"))
    return qs.filter(Q(user__isnull=True) | Q(user=target)).order_by("full_name")


def volunteer_cards_to_invite(user):
    """Volunteer cards of the user's scope without a login yet."""
    qs = Volunteer.objects.filter(user__isnull=True).select_related("territory")
    return access.scoped(user, qs).order_by("full_name")


def organizations_to_link(user):
    return access.scoped(user, Organization.objects.all()).order_by("name")
