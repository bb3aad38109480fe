"""Blocks of «Рабочий стол» for help requests (see desk/home.py)."""

from django.urls import reverse

from accounts import access
from helprequests import selectors


def _queue(key):
    return f"{reverse('helprequests:list')}?queue={key}"


def _rows(requests):
    return [
        {"text": f"{r.number} · {r.beneficiary.full_name}", "url": reverse("helprequests:detail", args=[r.pk])}
        for r in requests
    ]


def blocks(user, now):
    from core.home import item

    result = []
    if access.can(user, "requests.view"):
        counts, overdue = selectors.desk_dispatch(user, now)
        result.append(
            {
                "title": "Обращения",
                "items": [
                    item("Новые", counts["new"], _queue("new"), alarm=True),
                    item("Просрочены", counts["overdue"], _queue("overdue"), alarm=True),
                    item("Срок истекает за сутки", counts["soon"], _queue("soon"), alarm=True),
                    item("Контрольные звонки сегодня", counts["followups"], _queue("followups")),
                    item("Контрольные звонки опаздывают", counts["missed"], _queue("missed"), alarm=True),
                ],
                "rows": _rows(overdue),
                "rows_title": "Просрочены дольше всех",
            }
        )
    if access.can(user, "requests.helper"):
        counts, nearest = selectors.desk_helper(user, now)
        url = reverse("helprequests:mine")
        result.append(
            {
                "title": "Мои задачи",
                "items": [
                    item("Просрочены", counts["overdue"], url, alarm=True),
                    item("Срочные", counts["urgent"], url, alarm=True),
                    item("Ждут ответа", counts["waiting"], url, alarm=True),
                    item("В работе", counts["working"], url),
                ],
                "rows": _rows(nearest),
                "rows_title": "Ближайшие по сроку",
            }
        )
    if access.can(user, "reports.menu"):
        # Aggregates only: no names, no queue (analysts do not open requests).
        figures = selectors.desk_area_figures(user, now)
        result.append(
            {
                "title": "Обращения на территории (только числа)",
                "items": [
                    item("Открыты", figures["open"], ""),
                    item("Просрочены", figures["overdue"], ""),
                    item("Закрыты за 30 дней", figures["closed_30"], ""),
                ],
            }
        )
    return result
