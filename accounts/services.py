"""Logins: link a login to a volunteer card or an organization, invite a volunteer by e-mail."""

from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import Role, User
from audit import log as audit_log


@transaction.atomic
def user_link(*, user, actor, volunteer=None, organization=None):
    """Bind `user` to a volunteer card (volunteers) and/or an organization (its staff and volunteers)."""
    from volunteers.models import Volunteer

    errors = {}
    if volunteer is not None and user.role != Role.VOLUNTEER:
        errors["volunteer"] = "Карточку волонтёра можно связать только с учётной записью волонтёра."
    if volunteer is not None and volunteer.user_id not in (None, user.pk):
        errors["volunteer"] = f"Эта карточка уже связана с учётной записью «{volunteer.user}»."
    if organization is not None and user.role not in (Role.ORG_STAFF, Role.VOLUNTEER):
        errors["organization"] = "Организацию указывают сотрудникам организаций и волонтёрам."
    if user.role == Role.ORG_STAFF and organization is None:
        errors["organization"] = "Сотруднику организации нужна организация — иначе он не увидит свои задачи."
    if errors:
        raise ValidationError(errors)
    Volunteer.objects.filter(user=user).exclude(pk=getattr(volunteer, "pk", None)).update(user=None)
    if volunteer is not None and volunteer.user_id != user.pk:
        volunteer.user = user
        volunteer.save(update_fields=["user"])
    if user.organization_id != getattr(organization, "pk", None):
        user.organization = organization
        user.save(update_fields=["organization"])
    audit_log.record(
        audit_log.Action.UPDATE,
        user,
        user=actor,
        details={"volunteer": getattr(volunteer, "pk", None), "organization": getattr(organization, "pk", None)},
    )
    return user


def invite_link(user, base_url):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return base_url + reverse("accounts:password_set", kwargs={"uidb64": uid, "token": token})


@transaction.atomic
def volunteer_invite(*, volunteer, email, actor, base_url):
    """A login for the volunteer card, without a password; the e-mail carries a one-time link to set it."""
    email = (email or "").strip().lower()
    if not email:
        raise ValidationError({"email": "Укажите адрес электронной почты."})
    if volunteer.user_id:
        raise ValidationError({"volunteer": f"У этой карточки уже есть учётная запись «{volunteer.user}»."})
    if User.objects.filter(username__iexact=email).exists() or User.objects.filter(email__iexact=email).exists():
        raise ValidationError({"email": "Пользователь с таким адресом уже есть — свяжите его с карточкой."})
    surname, _, rest = volunteer.full_name.partition(" ")
    user = User(
        username=email,
        email=email,
        role=Role.VOLUNTEER,
        territory=volunteer.territory,
        organization=volunteer.organization,
        last_name=surname[:150],
        first_name=rest[:150],
    )
    user.set_unusable_password()
    user.save()
    volunteer.user = user
    volunteer.save(update_fields=["user"])
    link = invite_link(user, base_url)
    transaction.on_commit(
        lambda: send_mail(
            "Забота: приглашение волонтёра",
            f"Здравствуйте, {volunteer.full_name}!\n\nКоординатор пригласил вас в «Заботу». "
            f"Придумайте пароль по ссылке (она действует несколько дней и только один раз):\n{link}\n\n"
            f"Имя пользователя для входа: {email}\n",
            None,
            [email],
        )
    )
    audit_log.record(audit_log.Action.CREATE, user, user=actor, details={"invited_for_volunteer": volunteer.pk})
    return user


# --- two-factor login (#11) ---

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


@transaction.atomic
def user_create(*, username, role, actor=None, territory_id=None, organization_id=None, password=None, **names):
    """A login with a role (the create_user command; the server's operator, so `actor` is usually None).
    names: first_name, last_name, email. Errors by field: username, territory, organization, password. The
    audit entry is the tracked model's (accounts.models: track(User))."""
    from django.contrib.auth.password_validation import validate_password

    from directory.models import Organization
    from territories.models import Territory

    if User.objects.filter(username=username).exists():
        raise ValidationError({"username": f"Пользователь «{username}» уже существует."})
    user = User(username=username, role=role, **names)
    if territory_id is not None:
        user.territory = Territory.objects.filter(pk=territory_id).first()
        if user.territory is None:
            raise ValidationError({"territory": f"территория {territory_id} не найдена."})
    if organization_id is not None:
        user.organization = Organization.objects.filter(pk=organization_id).first()
        if user.organization is None:
            raise ValidationError({"organization": f"организация {organization_id} не найдена."})
    if role == Role.ORG_STAFF and user.organization is None:
        raise ValidationError({"organization": "для сотрудника организации укажите организацию."})
    if role != Role.ADMIN and user.territory is None:
        if user.organization is None:
            raise ValidationError({"territory": "укажите территорию пользователя."})
        user.territory = user.organization.territory
    if password:
        try:
            validate_password(password, user)
        except ValidationError as exc:
            raise ValidationError({"password": " ".join(exc.messages)}) from exc
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    return user
