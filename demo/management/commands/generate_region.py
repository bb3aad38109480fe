import time

from django.core.management.base import BaseCommand, CommandError

from demo.generate import REGION_NAME, Generator, anchor_date, sizes


class Command(BaseCommand):
    help = (
        "Создаёт синтетический большой регион для замеров (не демо): --scale 1 — миллион подопечных, "
        "300 000 обращений, 5 000 организаций, 30 000 волонтёров, 10 000 000 звонков."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", type=float, default=0.01, help="доля большого региона (по умолчанию 0.01)")
        parser.add_argument("--seed", type=int, default=1, help="одинаковый seed и день дают одинаковые данные")
        parser.add_argument("--today", default="", help="день, от которого отсчитываются даты (ГГГГ-ММ-ДД)")
        parser.add_argument("--batch", type=int, default=5000, help="строк в одной вставке")

    def handle(self, *, scale, seed, today, batch, **opts):
        if not 0 < scale <= 1:
            raise CommandError("Масштаб (--scale) — число больше 0 и не больше 1.")
        counts = sizes(scale)
        self.stdout.write(
            f"Регион «{REGION_NAME}», масштаб {scale:g}: подопечных {counts['people']}, обращений "
            f"{counts['requests']}, организаций {counts['organizations']}, волонтёров {counts['volunteers']}, "
            f"звонков {counts['calls']}."
        )
        start = time.monotonic()
        try:
            Generator(scale=scale, seed=seed, today=anchor_date(today), batch=batch, out=self._progress(start)).run()
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"Готово за {time.monotonic() - start:.0f} с."))

    def _progress(self, start):
        return lambda text: self.stdout.write(f"  {time.monotonic() - start:6.1f} с  {text}")
