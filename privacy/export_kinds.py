"""The audit log's export (#12): built by the worker with the owner's scope (exports.registry); here with the
log's page (privacy.audit_views), above audit and exports (#10)."""

from itertools import islice

from django.apps import apps

from accounts import access
from audit.readable import describe
from core.xlsx import export_about
from exports.registry import Kind, Rows, register
from privacy.selectors import AUDIT_FILTERS, audit_entries, parse_date

CHUNK = 2000
HEADERS = ["Когда", "Кто", "Логин", "Адрес", "Действие", "Тип записи", "Номер", "Запись", "Что изменилось", "Страница"]


def _refusal(entry):
    capability = (entry.details or {}).get("capability")
    return f"право: {access.capability_name(capability)}" if capability else ""


def audit_rows(user, params):
    qs = audit_entries(user, params)
    labels = {m._meta.label_lower: str(m._meta.verbose_name) for m in apps.get_models()}

    def rows():
        entries = qs.iterator(chunk_size=CHUNK)
        while chunk := list(islice(entries, CHUNK)):  # readable lines resolved one chunk at a time
            for e in describe(chunk):
                yield (
                    e.at,
                    e.who,
                    e.username,
                    e.ip,
                    e.get_action_display(),
                    labels.get(e.object_type, e.object_type),
                    e.object_id,
                    e.object_repr,
                    "; ".join(e.lines) or _refusal(e),
                    e.path,
                )

    return Rows(qs.count(), rows(), None)


def audit_about(user, params):
    start, finish = parse_date(params.get("date_from")), parse_date(params.get("date_to"), end=True)
    return export_about(user, start=start and start.date(), finish=finish and finish.date())


register(
    Kind(
        key="audit",
        title="Журнал действий",
        filename="zhurnal",
        capability="audit.export",
        headers=HEADERS,
        rows=audit_rows,
        params=AUDIT_FILTERS,
        about=audit_about,
    )
)
