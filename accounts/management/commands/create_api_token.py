from django.core.management.base import BaseCommand, CommandError

from accounts import selectors
from accounts.models import ApiToken


class Command(BaseCommand):
    help = "Выпускает API-токен для пользователя; последней строкой печатает токен."

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **opts):
        user = selectors.user_by_username(username)
        if user is None:
            raise CommandError(f"Пользователь «{username}» не найден.")
        self.stderr.write(f"Токен для {user.username} ({user.get_role_display()}); он показывается один раз:")
        self.stdout.write(ApiToken.issue(user))
