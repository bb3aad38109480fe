"""The practices library export (#12): built by the worker with the owner's scope (exports.registry)."""

from exports.registry import Kind, Rows, register
from practices import selectors

HEADERS = ["Название", "Организация", "Регион", "Сроки", "Теги", "Для кого", "Результаты", "Опубликована"]
FILTERS = ("q", "tag", "audience", "region")


def practice_rows(user, params):
    filters = {key: params.get(key, "").strip() for key in FILTERS}
    qs = selectors.search(selectors.visible_with_tags(user), **filters).order_by("title")
    rows = (
        (
            p.title,
            p.organization_name,
            p.region,
            p.dates,
            ", ".join(t.name for t in p.tags.all()),
            p.audience,
            p.results,
            "да" if p.is_published else "нет",
        )
        for p in qs.iterator(chunk_size=1000)
    )
    return Rows(qs.count(), rows, None)


register(
    Kind(
        key="practices",
        title="База практик",
        filename="praktiki",
        capability="practices.change",
        headers=HEADERS,
        rows=practice_rows,
        params=FILTERS,
    )
)
