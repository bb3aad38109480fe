"""One's own login: the second factor (#11). Creating, linking and inviting logins is users.services."""

from django.core.exceptions import ValidationError
from django.db import transaction

from audit import log as audit_log

TOO_MANY_CODES = "Слишком много неверных кодов. Подождите {seconds} с и попробуйте снова."
WRONG_CODE = "Неверный код. Введите 6 цифр, которые сейчас показывает приложение, или один из резервных кодов."
WRONG_ENROL_CODE = "Неверный код. Проверьте время на телефоне и введите 6 цифр, которые сейчас показывает приложение."


def _throttled(device):
    from django.utils import timezone

    allowed, info = device.verify_is_allowed()
    if allowed:
        return None
    seconds = max(1, int(((info or {}).get("locked_until") or timezone.now()).timestamp() - timezone.now().timestamp()))
    return TOO_MANY_CODES.format(seconds=seconds)


def _normalized(code):
    return "".join((code or "").split()).lower()


def two_factor_check(*, user, code):
    """The device that accepts `code` (an app's 6 digits or a one-time backup code); ValidationError otherwise.
    Wrong codes slow the device down (django-otp throttling: 1, 2, 4 … seconds)."""
    from django_otp import verify_token
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    code = _normalized(code)
    model = TOTPDevice if code.isdigit() and len(code) == 6 else StaticDevice
    device = model.objects.filter(user=user, confirmed=True).order_by("-id").first()
    if device is None:
        raise ValidationError({"code": WRONG_CODE})
    message = _throttled(device)
    if message:
        raise ValidationError({"code": message})
    verified = verify_token(user, device.persistent_id, code)
    if verified is None:
        audit_log.record(audit_log.Action.LOGIN_FAILED, user=user, details={"second_factor": model.__name__})
        raise ValidationError({"code": WRONG_CODE})
    return verified


def _backup_codes(user, count):
    from django_otp.plugins.otp_static.models import StaticDevice, StaticToken

    StaticDevice.objects.filter(user=user).delete()
    device = StaticDevice.objects.create(user=user, name="Резервные коды", confirmed=True)
    codes = [StaticToken.random_token() for _ in range(count)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


def two_factor_device_start(*, user):
    """An authenticator app being connected: unconfirmed until its first code (two_factor_confirm, audited)."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    return TOTPDevice.objects.create(user=user, name="Приложение-аутентификатор", confirmed=False)


def two_factor_confirm(*, device, code, actor):
    """Confirm a newly connected app with its current code; the user's older app stops working and a fresh set
    of backup codes is returned (shown once). A wrong code counts towards throttling (committed on its own)."""
    message = _throttled(device)
    if message:
        raise ValidationError({"code": message})
    code = _normalized(code)
    if not (code.isdigit() and len(code) == 6):
        raise ValidationError({"code": WRONG_ENROL_CODE})
    from django_otp import verify_token

    if verify_token(device.user, device.persistent_id, code) is None:
        raise ValidationError({"code": WRONG_ENROL_CODE})
    return _two_factor_connect(device=device, actor=actor)


@transaction.atomic
def _two_factor_connect(*, device, actor):
    from django.conf import settings
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device.refresh_from_db()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    codes = _backup_codes(device.user, settings.TWO_FACTOR_BACKUP_CODES)
    audit_log.record(audit_log.Action.UPDATE, device.user, user=actor, details={"two_factor": "подключён"})
    return device, codes


@transaction.atomic
def two_factor_reset(*, user, actor):
    """An administrator turns off a user's second factor (a lost phone): apps and backup codes are removed and
    every session of the user ends; a required role connects a new app at the next login."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    removed = TOTPDevice.objects.filter(user=user).delete()[0] + StaticDevice.objects.filter(user=user).delete()[0]
    user.end_sessions()
    audit_log.record(audit_log.Action.UPDATE, user, user=actor, details={"two_factor": "сброшен"})
    return removed
