"""Export kinds of people (#12): built by the worker with the owner's scope (exports.registry)."""

from audit import log as audit_log
from core.phones import display_phone
from exports.registry import Document, Kind, Rows, register
from people.selectors import people_matching

CHUNK = 2000
HEADERS = ["№", "ФИО", "Дата рождения", "Телефон", "Территория", "Адрес", "Живёт один"]


def people_rows(user, params):
    qs = people_matching(user, params.get("q", "").strip())
    seen = audit_log.Collect("pk")
    rows = (
        (
            b.pk,
            b.full_name,
            b.birth_date,
            display_phone(b.phone),
            b.territory.name,
            b.address,
            {True: "да", False: "нет"}.get(b.lives_alone, "неизвестно"),
        )
        for b in seen.each(qs.iterator(chunk_size=CHUNK))
    )
    return Rows(qs.count(), rows, seen.ids)


register(
    Kind(
        key="people",
        title="Подопечные",
        filename="podopechnye",
        capability="people.export",
        headers=HEADERS,
        rows=people_rows,
        params=("q",),
    )
)


def _destruction(user, params):
    from core.utils import int_param
    from people.selectors import destruction_done_of

    destruction = destruction_done_of(user, int_param(params.get("destruction")))
    if destruction is None:
        raise PermissionError("акт составляется после уничтожения данных в вашей территории")
    return destruction


def destruction_act(user, params):
    from people import destruction as act

    destruction = _destruction(user, params)
    return Document(act.pdf(destruction), name=act.filename(destruction).rsplit(".", 1)[0])


register(
    Kind(
        key="destruction_act",
        title="Акт уничтожения ПДн",
        label=lambda user, params: f"Акт уничтожения ПДн {_destruction(user, params).act_number}",
        filename=lambda params: f"akt-{params.get('destruction', '')}",
        capability="people.destruction",
        extension="pdf",
        document=destruction_act,
        params=("destruction",),
    )
)
