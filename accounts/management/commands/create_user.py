from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.models import Role, User
from directory.models import Organization
from territories.models import Territory


class Command(BaseCommand):
    help = "Создаёт пользователя с ролью; последней строкой печатает его id."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--role", required=True, choices=Role.values)
        parser.add_argument("--territory", type=int)
        parser.add_argument("--organization", type=int)
        parser.add_argument("--password")
        parser.add_argument("--first-name", default="")
        parser.add_argument("--last-name", default="")
        parser.add_argument("--email", default="")

    @transaction.atomic
    def handle(self, username, role, territory, organization, password, **opts):
        if User.objects.filter(username=username).exists():
            raise CommandError(f"Пользователь «{username}» уже существует.")
        user = User(
            username=username,
            role=role,
            first_name=opts["first_name"],
            last_name=opts["last_name"],
            email=opts["email"],
        )
        if territory is not None:
            user.territory = Territory.objects.filter(pk=territory).first()
            if user.territory is None:
                raise CommandError(f"--territory: территория {territory} не найдена.")
        if organization is not None:
            user.organization = Organization.objects.filter(pk=organization).first()
            if user.organization is None:
                raise CommandError(f"--organization: организация {organization} не найдена.")
        if role in (Role.ORG_STAFF,) and user.organization is None:
            raise CommandError("--organization: для сотрудника организации укажите организацию.")
        if role != Role.ADMIN and user.territory is None:
            if user.organization is None:
                raise CommandError("--territory: укажите территорию пользователя.")
            user.territory = user.organization.territory
        if password:
            try:
                from django.contrib.auth.password_validation import validate_password

                validate_password(password, user)
            except ValidationError as exc:
                raise CommandError("--password: " + " ".join(exc.messages)) from exc
            user.set_password(password)
        else:
            user.set_unusable_password()
        user.save()
        self.stdout.write(str(user.pk))
