from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = "Восстанавливает базу и загруженные файлы из архива backup и сверяет контрольные суммы таблиц."

    def add_arguments(self, parser):
        parser.add_argument("archive")
        parser.add_argument("--yes", action="store_true", help="подтверждаю: текущие данные будут заменены")

    def handle(self, *args, archive, yes, **options):
        if not yes:
            raise CommandError("Текущие данные будут заменены копией. Повторите с --yes, если это и нужно.")
        try:
            differ = backup.restore(archive)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        if differ:
            raise CommandError("Копия восстановлена, но не совпадают таблицы: " + ", ".join(differ))
        self.stdout.write("Восстановлено; все таблицы совпадают с копией (строки и контрольные суммы).")
