"""Two-factor login in the demo (#11): demo coordinators and administrators have an app with a fixed demo key,
so `make demo` stays usable — `demo_logins` prints the key and `manage.py otp_code <login>` the current code."""

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import two_factor
from accounts.models import User


def load():
    for user in User.objects.filter(role__in=settings.TWO_FACTOR_ROLES):  # none in the test suite
        if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
            TOTPDevice.objects.create(user=user, name="Демо-приложение", key=two_factor.DEMO_KEY, confirmed=True)


def hint():
    """Lines for `demo_logins`."""
    device = TOTPDevice(key=two_factor.DEMO_KEY)
    return [
        "Координаторы и администраторы входят с кодом из приложения (двухфакторный вход).",
        f"  Ключ для приложения-аутентификатора (по времени, 6 цифр): {two_factor.secret_text(device)}",
        "  или текущий код без телефона: .venv/bin/python manage.py otp_code <логин>",
    ]
