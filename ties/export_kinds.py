"""The «Под риском одиночества» export (#12): built by the worker with the owner's scope (exports.registry)."""

from django.utils import timezone

from audit import log as audit_log
from core.phones import display_phone
from exports.registry import Kind, Rows, register

HEADERS = [
    "ФИО",
    "Телефон",
    "Территория",
    "Риск",
    "Растёт",
    "Баллы",
    "Почему",
    "Последний контакт",
    "Дней без контакта",
]


def worklist_rows(user, params):
    from ties.views import _waiting, worklist_matching  # the worklist page's filters, same rules

    rows, _ = worklist_matching(user, params)
    now = timezone.now()
    seen = audit_log.Collect()
    data = (
        (
            r.beneficiary.full_name,
            display_phone(r.beneficiary.phone),
            r.territory.name,
            r.get_level_display(),
            "да" if r.rising else "нет",
            r.score,
            "; ".join(r.sentences),
            timezone.localtime(r.last_contact_at).date() if r.last_contact_at else None,
            _waiting(r, now),
        )
        for r in seen.each(rows.iterator(chunk_size=1000))
    )
    return Rows(rows.count(), data, seen.ids)


register(
    Kind(
        key="ties_worklist",
        title="Под риском одиночества",
        filename="pod-riskom-odinochestva",
        capability="ties.worklist",
        headers=HEADERS,
        rows=worklist_rows,
        params=("territory", "level", "q"),
    )
)
