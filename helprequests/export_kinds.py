"""Export kinds of help requests (#12): built by the worker with the owner's scope (exports.registry)."""

from django.utils import timezone

from audit import log as audit_log
from exports.registry import Kind, Rows, register
from helprequests.selectors import requests_matching, with_needs

CHUNK = 2000

HEADERS = [
    "Номер",
    "Поступила",
    "Канал",
    "Подопечный",
    "Территория",
    "Потребности",
    "Срочность",
    "Статус",
    "Связаться до",
    "Просрочено",
    "Помощник",
    "Связь установлена",
    "Закрыта",
    "Причина закрытия",
]


def request_rows(user, params):
    qs = requests_matching(user, params.get("q", "").strip())
    now = timezone.now()
    seen = audit_log.Collect()
    rows = (
        (
            r.number,
            r.received_at,
            r.get_channel_display(),
            r.beneficiary.full_name,
            r.territory.name,
            ", ".join(n.name for n in r.needs.all()),
            r.get_urgency_display(),
            r.get_status_display(),
            r.connect_due_at,
            "да" if r.is_overdue(now) else "нет",
            str(r.helper or ""),
            r.connected_at,
            r.closed_at,
            r.get_close_reason_display(),
        )
        for r in seen.each(with_needs(qs).iterator(chunk_size=CHUNK))
    )
    return Rows(qs.count(), rows, seen.ids)


register(
    Kind(
        key="requests",
        title="Обращения",
        filename="obrashcheniya",
        capability="requests.export",
        headers=HEADERS,
        rows=request_rows,
        params=("q",),
    )
)
