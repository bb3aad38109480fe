"""Figures from the platform beside each criterion. Pure functions over plain data: no database here.

A figure without data says «нет данных» — never a made-up number.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings

from core.plural import count as plural_count

NO_DATA = "нет данных"
CONNECT_LIMIT = timedelta(hours=settings.CONNECT_LIMIT_HOURS)  # the help requests' limit


@dataclass(frozen=True)
class Figure:
    label: str
    value: float | int | None = None
    unit: str = ""
    note: str = ""

    @property
    def text(self):
        if self.value is None:
            return NO_DATA
        if isinstance(self.value, float):
            number = f"{self.value:.1f}".rstrip("0").rstrip(".").replace(".", ",")
        else:
            number = str(self.value)
        return f"{number} {self.unit}".strip() if self.unit else number


def percent(part, whole):
    """Share in percent with one decimal, or None when there is nothing to divide by."""
    if not whole:
        return None
    return round(100 * part / whole, 1)


def connected_in_time(requests, limit=CONNECT_LIMIT, now=None):
    """Share of requests connected within the limit, over requests whose outcome is known.

    requests: iterable of (received_at, connected_at or None). A request not connected yet whose limit
    has not passed is still open and does not count either way.
    """
    due, in_time = 0, 0
    for received_at, connected_at in requests:
        if connected_at is None and now is not None and now <= received_at + limit:
            continue
        due += 1
        if connected_at is not None and connected_at - received_at <= limit:
            in_time += 1
    return in_time, due


def awareness(*, listed, searches=None):
    return [
        Figure("Проверенные организации в публичном поиске", listed or None),
        Figure("Поиски помощи жителями за 12 месяцев", searches, note="платформа не ведёт счёт поисков"),
    ]


def routing(*, requests, overdue, now):
    in_time, due = connected_in_time(requests, now=now)
    share = percent(in_time, due)
    return [
        Figure(
            "Соединены с помощником не позднее 3 суток",
            share,
            "%",
            note=f"{in_time} из {plural_count(due, 'обращения', 'обращений', 'обращений')}" if due else "",
        ),
        Figure("Просрочены на эту дату (не соединены за 3 суток)", overdue if due or overdue else None),
    ]


def volunteers(*, active, tasks_in_work, capacity):
    """active volunteers; load = tasks in work over the sum of their maximum loads."""
    return [
        Figure("Активные волонтёры", active if active else None),
        Figure(
            "Загрузка волонтёров",
            percent(tasks_in_work, capacity),
            "%",
            note=f"{tasks_in_work} задач при возможных {capacity}" if capacity else "",
        ),
    ]


def leaders(*, registered):
    return [Figure("Лидеры сообществ в реестре", registered if registered else None)]


def youth(*, youth_count, active):
    return [
        Figure("Молодые волонтёры", youth_count if active else None),
        Figure("Доля молодёжи среди волонтёров", percent(youth_count, active), "%"),
    ]


def neighbours(*, from_neighbours, total):
    return [
        Figure("Обращения, о которых сообщили соседи (12 месяцев)", from_neighbours if total else None),
        Figure("Доля обращений от соседей", percent(from_neighbours, total), "%"),
    ]


def sites(*, count):
    return [Figure("Площадки социализации в справочнике", count if count else None)]
