from django.core.management.base import BaseCommand, CommandError

from accounts import selectors, two_factor


class Command(BaseCommand):
    help = (
        "Печатает текущий 6-значный код для входа демо-пользователя (make demo). Работает только с демо-ключом: "
        "настоящие коды показывает лишь приложение на телефоне пользователя."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, username, **opts):
        user = selectors.user_by_username(username)
        if user is None:
            raise CommandError(f"Пользователь «{username}» не найден.")
        device = two_factor.app_device(user)
        if device is None:
            raise CommandError(f"У пользователя «{username}» не подключено приложение для входа с кодом.")
        if device.key != two_factor.DEMO_KEY:
            raise CommandError("Код печатается только для демо-входов: у этого пользователя настоящий ключ.")
        self.stdout.write(two_factor.current_code(device))
