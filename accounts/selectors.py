"""Reads of logins, scoped to the user who manages them (#10: the adapters' only way to users)."""

from accounts.models import User


def users():
    """All logins, for the access door (access.manageable_user_or_404 narrows them)."""
    return User.objects.all()


def users_for_pages():
    """Logins with what the pages show of them, for the access door (access.manageable_user_or_404)."""
    return User.objects.select_related("territory", "organization", "volunteer")


def has_two_factor_app(target):
    """Whether the (already fetched, manageable) login has a confirmed app for one-time codes."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.filter(user=target, confirmed=True).exists()


def user_by_username(username):
    """For management commands run by the server's operator (no user of the system to scope by)."""
    return User.objects.filter(username=username).first()
