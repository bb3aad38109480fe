"""Blocks of «Рабочий стол» for help requests (see zabota/home.py)."""

from django.urls import reverse

from accounts import access
from helprequests import queues
from helprequests.models import HelpRequest, Status, Urgency


def _queue(key):
    return f"{reverse('helprequests:list')}?queue={key}"


def blocks(user, now):
    from core.home import item

    result = []
    if access.can(user, "requests.view"):
        base = access.scoped(user, queues.all_requests())
        counts = queues.counts(base, now)
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
                "rows": [
                    {
                        "text": f"{r.number} · {r.beneficiary.full_name}",
                        "url": reverse("helprequests:detail", args=[r.pk]),
                    }
                    for r in base.overdue(now).order_by("connect_due_at")[:5]
                ],
                "rows_title": "Просрочены дольше всех",
            }
        )
    if access.can(user, "requests.helper"):
        mine = access.helper_requests(user, queues.all_requests()).exclude(status=Status.CLOSED)
        url = reverse("helprequests:mine")
        result.append(
            {
                "title": "Мои задачи",
                "items": [
                    item("Просрочены", mine.overdue(now).count(), url, alarm=True),
                    item("Срочные", mine.filter(urgency=Urgency.URGENT).count(), url, alarm=True),
                    item("Ждут ответа", mine.filter(status=Status.ASSIGNED).count(), url, alarm=True),
                    item(
                        "В работе",
                        mine.filter(status__in=[Status.ACCEPTED, Status.CONNECTED, Status.IN_PROGRESS]).count(),
                        url,
                    ),
                ],
                "rows": [
                    {
                        "text": f"{r.number} · {r.beneficiary.full_name}",
                        "url": reverse("helprequests:detail", args=[r.pk]),
                    }
                    for r in mine.order_by("connect_due_at")[:5]
                ],
                "rows_title": "Ближайшие по сроку",
            }
        )
    if access.can(user, "reports.menu"):
        # Aggregates only: no names, no queue (analysts do not open requests).
        inside = HelpRequest.objects.filter(territory__in=access.territory_ids(user))
        result.append(
            {
                "title": "Обращения на территории (только числа)",
                "items": [
                    item("Открыты", inside.exclude(status=Status.CLOSED).count(), ""),
                    item("Просрочены", inside.overdue(now).count(), ""),
                    item("Закрыты за 30 дней", inside.filter(closed_at__gte=now - _days(30)).count(), ""),
                ],
            }
        )
    return result


def _days(n):
    from datetime import timedelta

    return timedelta(days=n)
