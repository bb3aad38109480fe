"""Export kinds of the guardianship programme (#12): built by the worker with the owner's scope (exports.registry).

The registry of guardians (coordinators) and the report for the federal headquarters (aggregates only, so
analysts get it too) — the same columns, rows and file names as the in-request exports had."""

from types import SimpleNamespace

from core.phones import display_phone
from core.utils import int_list
from exports.registry import Document, Kind, Rows, register
from guardianship import selectors
from guardianship.models import FamilyApplication

REGISTER_HEADERS = [
    "Опекун",
    "Вид",
    "Территория",
    "Контактное лицо",
    "Телефон",
    "Эл. почта",
    "Чем помогает",
    "Семей",
    "Статус",
    "Соглашение №",
    "Дата соглашения",
]


def register_rows(user, params):
    qs = selectors.guardian_register(user, params.get("status", ""))
    rows = (
        (
            g.name,
            g.get_kind_display(),
            g.territory.name,
            g.contact_name,
            display_phone(g.phone),
            g.email,
            ", ".join(c.name for c in g.capabilities.all()),
            g.max_families,
            g.get_status_display(),
            g.agreement_number,
            g.agreement_date,
        )
        for g in qs.iterator(chunk_size=1000)  # guardians() brings the territory along
    )
    return Rows(qs.count(), rows, None)


def report_rows(user, params):
    from guardianship.views import REPORT_COLUMNS, _report_params

    start, finish, territory, _territories = _report_params(SimpleNamespace(user=user, GET=params))
    data = selectors.report(user, territory, start, finish)
    total = data["total"]
    by_kind = selectors.guardians_by_kind(user, territory)
    name = territory.name if territory else "—"
    rows = [[label] + [fig[k] for k, _ in REPORT_COLUMNS] for label, fig in data["rows"]]
    rows.append([f"Итого: {name}"] + [total[k] for k, _ in REPORT_COLUMNS])
    rows.append([])
    rows += [[f"Помощь за период: {c}", n] for c, n in total["help_by_category"].items()]
    sources = dict(FamilyApplication.Source.choices)
    rows += [[f"Заявки семей: {sources.get(k, k)}", n] for k, n in total["applications_by_source"].items()]
    rows += [[f"Опекуны в реестре: {k}", n] for k, n in by_kind]
    rows.append(
        [f"Период: {start:%d.%m.%Y}–{finish:%d.%m.%Y}; не включены семьи-исключения: {total['excluded_override']}"]
    )
    return Rows(len(rows), iter(rows), None)


def report_headers(user, params):
    from guardianship.views import REPORT_COLUMNS

    return ["Территория"] + [label for _, label in REPORT_COLUMNS]


def _no_about(user, params):
    return ""  # the report had no line above the columns: its last row names the period


register(
    Kind(
        key="guardian_register",
        title="Реестр опекунов",
        filename="reestr-opekunov",
        capability="guardianship.manage",
        headers=REGISTER_HEADERS,
        rows=register_rows,
        params=("status",),
    )
)
register(
    Kind(
        key="guardianship_report",
        title="Отчёт по опеке",
        sheet="#МЫВМЕСТЕ.ОПЕКА",
        filename="opeka-otchet",
        capability="guardianship.reports",
        headers=report_headers,
        rows=report_rows,
        params=("territory", "date_from", "date_to"),
        about=_no_about,
    )
)


def stories_package(user, params):
    """A zip of the chosen stories (or all not yet sent): texts, photos, videos and the consent of each."""
    from guardianship.package import build_zip

    ids = int_list(params.get("id", "").split(","))
    items = list(selectors.stories_for_package(user, ids))
    members = selectors.family_member_ids(s.guardianship.household_id for s in items)
    return Document(build_zip(items), count=len(items), person_ids=members)


register(
    Kind(
        key="stories_package",
        title="Истории для федерального штаба",
        filename="istorii-opeka",
        capability="guardianship.export",
        extension="zip",
        document=stories_package,
        params=("id",),
    )
)
