"""The «Под риском одиночества» export (#12): built by the worker with the owner's scope (exports.registry)."""

from django.utils import timezone

from accounts import access
from audit import log as audit_log
from core.phones import display_phone
from core.utils import int_param
from core.xlsx import export_about
from exports.registry import Document, Kind, Rows, register

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


COUNT_HEADERS = ["Территория", "Высокий", "Средний", "Низкий", "Всего"]


def _counts(user, params):
    """The «Риск одиночества: свод» table as its page builds it: analysts get counts of 1–2 as «< 3»."""
    from ties import selectors
    from ties.views import _masked

    territory = selectors.counts_territory(user, int_param(params.get("territory")))
    table = selectors.counts_by_level(user, territory)
    rows = [(name, c[2], c[1], c[0], sum(c.values())) for name, c in table.items()]
    if not access.can(user, "ties.view"):  # analysts: counts of 1–2 could point at a person
        rows = [(r[0], *(_masked(v) for v in r[1:])) for r in rows]
    return territory, rows


def count_rows(user, params):
    _territory, rows = _counts(user, params)
    return Rows(len(rows), iter(rows), None)


def count_about(user, params):
    from ties import selectors

    territory = selectors.counts_territory(user, int_param(params.get("territory")))
    return export_about(user, territory=territory)


register(
    Kind(
        key="ties_counts",
        title="Риск одиночества: свод",
        sheet="Риск одиночества",
        filename="risk-odinochestva-svod",
        capability="ties.counts",
        headers=COUNT_HEADERS,
        rows=count_rows,
        params=("territory",),
        about=count_about,
    )
)


def _person(user, params):
    from ties import selectors

    person = selectors.person_of(user, int_param(params.get("person")))
    if person is None:
        raise PermissionError("подопечный вне вашей территории")
    return person


def leaflet(user, params):
    """Самозабота: a large-print leaflet with the person's ties, the hotline, nearby sites and events (PDF)."""
    from core.documents import render_pdf
    from ties import selectors
    from ties.relatives import HOTLINE, polite_name

    person = _person(user, params)
    sites, events = selectors.leaflet_places(user, person)
    context = {
        "name": polite_name(person.full_name),
        "items": selectors.circle(user, person),
        "sites": sites,
        "events": events,
        "hotline": HOTLINE,
        "today": timezone.localdate(),
    }
    return Document(render_pdf("ties/leaflet.html", context), name=f"памятка-{person.pk}", person_ids=[person.pk])


register(
    Kind(
        key="ties_leaflet",
        title="Памятка «Самозабота»",
        label=lambda user, params: f"Памятка «Самозабота»: подопечный №{_person(user, params).pk}",
        filename=lambda params: f"pamyatka-{params.get('person', '')}",
        capability="ties.view",
        extension="pdf",
        document=leaflet,
        params=("person",),
    )
)
