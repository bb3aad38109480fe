"""Export kinds of volunteers (#12): built by the worker with the owner's scope (exports.registry)."""

from core.phones import display_phone
from exports.registry import Kind, Rows, register
from volunteers.selectors import FILTERS, volunteers_matching, with_skills

CHUNK = 2000
HEADERS = [
    "№",
    "ФИО",
    "Телефон",
    "Возрастная группа",
    "Постоянный",
    "Навыки",
    "Территория",
    "Дни",
    "Часы",
    "Обучение",
    "Организация",
    "Максимум задач",
]


def volunteer_rows(user, params):
    qs = volunteers_matching(user, params)
    rows = (
        (
            v.pk,
            v.full_name,
            display_phone(v.phone),
            v.get_age_group_display(),
            "да" if v.is_permanent else "нет",
            ", ".join(s.name for s in v.skills.all()),
            v.territory.name,
            v.weekdays_display(),
            f"{v.hours_from:%H:%M}–{v.hours_to:%H:%M}" if v.hours_from and v.hours_to else "",
            v.training,
            v.organization.name if v.organization else "",
            v.max_load,
        )
        for v in with_skills(qs).iterator(chunk_size=CHUNK)
    )
    return Rows(qs.count(), rows, None)


register(
    Kind(
        key="volunteers",
        title="Волонтёры",
        filename="volontery",
        capability="volunteers.export",
        headers=HEADERS,
        rows=volunteer_rows,
        params=FILTERS,
    )
)
