from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from core import backup


class Command(BaseCommand):
    help = "Резервная копия базы и загруженных файлов (tar.gz с контрольными суммами таблиц)."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(settings.VAR_DIR / "backups"), help="куда положить архив")

    def handle(self, *args, dir, **options):
        try:
            path = backup.backup(dir)
        except backup.BackupError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(f"Резервная копия: {path}")
