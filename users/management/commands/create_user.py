from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Role
from users import services


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

    def handle(self, username, role, territory, organization, password, **opts):
        try:
            user = services.user_create(
                username=username,
                role=role,
                territory_id=territory,
                organization_id=organization,
                password=password,
                first_name=opts["first_name"],
                last_name=opts["last_name"],
                email=opts["email"],
            )
        except ValidationError as exc:
            field, messages = next(iter(exc.message_dict.items()))
            text = " ".join(messages)
            raise CommandError(text if field == "username" else f"--{field}: {text}") from exc
        self.stdout.write(str(user.pk))
