"""Reads of logins, scoped to the user who manages them (#10: the adapters' only way to users)."""

from django.db.models import Q

from accounts import access
from accounts.models import User


def users():
    """All logins, for the access door (access.manageable_user_or_404 narrows them)."""
    return User.objects.all()


def users_for_pages():
    """Logins with what the pages show of them, for the access door (access.manageable_user_or_404)."""
    return User.objects.select_related("territory", "organization", "volunteer")


def user_list(user, *, q=""):
    """The logins the user manages (`users.manage`: administrators all; coordinators their territory's)."""
    qs = access.manageable_users(user, users_for_pages()).order_by("last_name", "username")
    if q:
        qs = qs.filter(
            Q(username__icontains=q) | Q(last_name__icontains=q) | Q(first_name__icontains=q) | Q(email__icontains=q)
        )
    return qs


def has_two_factor_app(target):
    """Whether the (already fetched, manageable) login has a confirmed app for one-time codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=target, confirmed=True).exists()


def volunteer_cards_to_link(user, target):
    """Volunteer cards of the user's scope free to link to `target` (or already linked to it)."""
    from volunteers.models import Volunteer

    qs = access.scoped(user, Volunteer.objects.select_related("territory"))
    return qs.filter(Q(user__isnull=True) | Q(user=target)).order_by("full_name")


def volunteer_cards_to_invite(user):
    """Volunteer cards of the user's scope without a login yet."""
    from volunteers.models import Volunteer

    qs = Volunteer.objects.filter(user__isnull=True).select_related("territory")
    return access.scoped(user, qs).order_by("full_name")


def organizations_to_link(user):
    from directory.models import Organization

    return access.scoped(user, Organization.objects.all()).order_by("name")


def user_by_username(username):
    """For management commands run by the server's operator (no user of the system to scope by)."""
    return User.objects.filter(username=username).first()
