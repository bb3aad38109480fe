"""Logins: create one with a role, link it to a volunteer card or an organization, invite a volunteer by e-mail.

Here, above directory, volunteers and territories, whose records a login is linked to; accounts (the User
model, access, login) stays below every app (#10)."""

from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts import access
from accounts.models import Role, User
from audit import log as audit_log
from directory.models import Organization
from territories.models import Territory
from volunteers.models import Volunteer


@transaction.atomic
def user_link(*, user, actor, volunteer=None, organization=None):
    """Bind `user` to a volunteer card (volunteers) and/or an organization (its staff and volunteers)."""
    errors = {}
    if volunteer is not None and not access.is_volunteer(user):
        errors["volunteer"] = "Карточку волонтёра можно связать только с учётной записью волонтёра."
    if volunteer is not None and volunteer.user_id not in (None, user.pk):
        errors["volunteer"] = f"Эта карточка уже связана с учётной записью «{volunteer.user}»."
    if organization is not None and not (access.is_org_staff(user) or access.is_volunteer(user)):
        errors["organization"] = "Организацию указывают сотрудникам организаций и волонтёрам."
    if access.is_org_staff(user) and organization is None:
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


@transaction.atomic
def user_create(*, username, role, actor=None, territory_id=None, organization_id=None, password=None, **names):
    """A login with a role (the create_user command; the server's operator, so `actor` is usually None).
    names: first_name, last_name, email. Errors by field: username, territory, organization, password. The
    audit entry is the tracked model's (accounts.models: track(User))."""
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
