"""Two-factor login (#11): after the password, a 6-digit code from an authenticator app (django-otp TOTP).

Roles in settings.TWO_FACTOR_ROLES (coordinators and administrators) must have an app; anyone who connected one
is asked for its code too. Until the second step is done the middleware lets a signed-in session reach only
the login, logout, code and enrolment pages: everything else fails closed. API tokens are not affected.
"""

from base64 import b32encode
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import access

# Session key: {"user": pk, "device": bool} — whether the user has a confirmed app, computed at login so pages
# need no extra query.
SESSION_KEY = "zabota_two_factor"
VERIFY, ENROL = "verify", "enrol"
# The fixed secret of the demo coordinators' and administrators' apps (`make demo` only; see demo_data).
DEMO_KEY = b"zabota-demo-2fa-key!".hex()


def required(user):
    return access.must_confirm_login(user)


def app_device(user, confirmed=True):
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed).order_by("-id").first()


def remember(request, user, has_device=None):
    if has_device is None:
        has_device = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    request.session[SESSION_KEY] = {"user": user.pk, "device": bool(has_device)}


def pending_step(request):
    """VERIFY, ENROL or None for a signed-in user who has not passed the second step in this session."""
    user = request.user
    if not user.is_authenticated:
        return None
    is_verified = getattr(user, "is_verified", None)  # set by django_otp's middleware; absent: not verified
    if is_verified is not None and is_verified():
        return None
    marker = request.session.get(SESSION_KEY)
    if not isinstance(marker, dict) or marker.get("user") != user.pk:
        remember(request, user)
        marker = request.session[SESSION_KEY]
    if marker["device"]:
        return VERIFY
    return ENROL if required(user) else None


def secret_text(device):
    """The secret for typing into an app by hand: base32 in groups of four."""
    raw = b32encode(device.bin_key).decode()
    return " ".join(raw[i : i + 4] for i in range(0, len(raw), 4))


def current_code(device):
    """The code the app shows now (tests, the demo's `otp_code` command)."""
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def qr_svg(device):
    import segno

    return segno.make(device.config_url, error="m").svg_inline(scale=5, border=2, title="QR-код для приложения")


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        remember(request, user)


def _exempt_paths():
    return {
        reverse("login"),
        reverse("logout"),
        reverse("accounts:two_factor_verify"),
        reverse("accounts:two_factor_enrol"),
    }


class TwoFactorMiddleware:
    """After django_otp's OTPMiddleware: sends a half-signed-in user to the code or enrolment page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        step = self._step(request)
        if step is None:
            return self.get_response(request)
        target = reverse("accounts:two_factor_verify" if step == VERIFY else "accounts:two_factor_enrol")
        next_url = request.get_full_path() if request.method == "GET" else reverse("staff_home")
        url = f"{target}?{urlencode({'next': next_url})}"
        if request.headers.get("HX-Request"):
            response = HttpResponse(status=204)
            response["HX-Redirect"] = url
            return response
        return redirect(url)

    @staticmethod
    def _step(request):
        path = request.path
        if path.startswith(settings.STATIC_URL):
            return None
        if path.startswith("/api/") and request.headers.get("Authorization", "").startswith("Bearer "):
            return None  # API tokens authenticate on their own; the session is not used
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated or path in _exempt_paths():
            return None
        return pending_step(request)
