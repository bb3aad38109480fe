"""Export kind of the directory (#12): built by the worker with the owner's scope (exports.registry)."""

from core.phones import display_phone
from core.xlsx import export_about
from directory.selectors import with_services
from exports.registry import Document, Kind, Rows, register

CHUNK = 2000
HEADERS = [
    "№",
    "Название",
    "Вид",
    "Уровень заботы",
    "Территория",
    "Обслуживает",
    "Услуги",
    "Адрес",
    "Телефон",
    "Эл. почта",
    "Часы работы",
    "Ёмкость",
    "На публичной странице",
    "Проверена",
    "Подтверждена",
]


def _matching(user, params):
    from directory.views import organizations_matching  # the list page's filter form, same rules

    return organizations_matching(user, params)


def organization_rows(user, params):
    qs, _ = _matching(user, params)
    qs = with_services(qs)
    rows = (
        (
            o.pk,
            o.name,
            o.get_kind_display(),
            o.get_care_level_display(),
            o.territory.name,
            ", ".join(t.name for t in o.served_territories.all()),
            ", ".join(s.category.name for s in o.services.all()),
            o.address,
            display_phone(o.phone),
            o.email,
            o.opening_hours,
            o.capacity,
            "да" if o.is_public else "нет",
            o.verified_at,
            o.last_confirmed_at,
        )
        for o in qs.iterator(chunk_size=CHUNK)
    )
    return Rows(qs.count(), rows, None)


def organization_about(user, params):
    _, form = _matching(user, params)
    chosen = form.cleaned_data.get("territory") if form.is_valid() else None
    return export_about(user, territory=chosen)


register(
    Kind(
        key="organizations",
        title="Организации",
        filename="organizacii",
        capability="directory.export",
        headers=HEADERS,
        rows=organization_rows,
        params=("q", "kind", "territory", "service", "verified", "sort"),
        about=organization_about,
    )
)


def hsds_package(user, params):
    """The public listing as an Open Referral HSDS package (a zip of CSV tables and datapackage.json)."""
    from directory import hsds
    from directory.selectors import publicly_listed

    organizations = publicly_listed(user)
    return Document(hsds.export_package(organizations), name="zabota-hsds", count=organizations.count())


register(
    Kind(
        key="hsds",
        title="Справочник (HSDS)",
        filename="zabota-hsds",
        capability="directory.export",
        extension="zip",
        document=hsds_package,
    )
)
