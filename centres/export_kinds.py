"""Export kinds of the support centres (#12): built by the worker with the owner's scope (exports.registry).

The centre is looked up again among the owner's centres (`centres.selectors.centres`); a centre out of scope
fails the export. The visits and the results report keep the columns, sheet and file names they had."""

from types import SimpleNamespace

from audit import log as audit_log
from core.utils import int_param
from core.xlsx import export_about
from exports.registry import Document, Kind, Rows, register

VISIT_HEADERS = [
    "Дата",
    "Человек",
    "Возраст",
    "Услуга",
    "Кто оказал",
    "Оплата",
    "Сумма, ₽",
    "Откуда узнали",
    "Обращение",
]


def _centre(user, params):
    from centres import selectors

    centre = selectors.centre_of(user, int_param(params.get("centre")))
    if centre is None:
        raise PermissionError("центр поддержки вне вашей территории или организации")
    return centre


def _asked(user, params):
    return SimpleNamespace(user=user, GET=params)  # what the page's filter functions read


def visit_rows(user, params):
    from centres.views import _visit_rows

    visits, _date_from, _date_to = _visit_rows(_asked(user, params), _centre(user, params))
    seen = audit_log.Collect()
    rows = (
        (
            v.visited_on,
            v.beneficiary.full_name if v.beneficiary else "анонимно",
            v.get_age_group_display(),
            v.service.name,
            v.volunteer.full_name if v.volunteer else "сотрудник",
            "платно" if v.is_paid else "бесплатно",
            float(v.amount),
            v.get_source_display(),
            v.help_request.number if v.help_request else "",
        )
        for v in seen.each(visits.iterator(chunk_size=1000))
    )
    return Rows(visits.count(), rows, seen.ids)


def visit_about(user, params):
    from centres.views import _visit_rows

    centre = _centre(user, params)
    _visits, date_from, date_to = _visit_rows(_asked(user, params), centre)
    return f"{centre.name} · " + export_about(user, territory=centre.territory, start=date_from, finish=date_to)


def _figures(user, params):
    from centres import selectors
    from centres.views import _report_period

    centre = _centre(user, params)
    date_from, date_to = _report_period(_asked(user, params))
    return centre, selectors.report_figures(centre, date_from, date_to)


def report_rows(user, params):
    from centres.views import _lines

    _centre_, f = _figures(user, params)
    rows = [(label.strip(), value) for label, value in _lines(f)]
    rows += [("Услуги по видам", "")] + [(f"   {k}", v) for k, v in f.services_by_kind.items()]
    rows += [("Посещения по источникам", "")] + [(f"   {k}", v) for k, v in f.visits_by_source.items()]
    rows += [("Мероприятия по видам", "")] + [(f"   {k}", v) for k, v in f.events_by_kind.items()]
    rows += [("Доходы и расходы по месяцам", "")] + [
        (f"   {m['month']:%m.%Y}: доход {m['income']}, расход {m['costs']}", m["balance"]) for m in f.months
    ]
    return Rows(len(rows), iter(rows), None)


def report_pdf(user, params):
    from centres.views import _lines
    from core.documents import render_pdf

    centre, f = _figures(user, params)
    content = render_pdf("centres/report_print.html", {"centre": centre, "f": f, "lines": _lines(f)})
    return Document(content, name=f"Итоги {centre.name} {f.date_from:%d.%m.%Y}-{f.date_to:%d.%m.%Y}")


def report_headers(user, params):
    centre, f = _figures(user, params)
    return [f"{centre.name}: итоги {f.date_from:%d.%m.%Y}–{f.date_to:%d.%m.%Y}", "Значение"]


def report_about(user, params):
    centre, f = _figures(user, params)
    return export_about(user, territory=centre.territory, start=f.date_from, finish=f.date_to)


register(
    Kind(
        key="centre_visits",
        title="Посещения центра",
        sheet="Посещения",
        filename="posescheniya",
        capability="centres.view",
        headers=VISIT_HEADERS,
        rows=visit_rows,
        params=("centre", "date_from", "date_to", "source", "paid", "service"),
        about=visit_about,
    )
)
register(
    Kind(
        key="centre_report",
        title="Итоги центра поддержки",
        sheet="Итоги",
        filename=lambda params: f"itogi-{params.get('centre', '')}",
        capability="centres.report",
        headers=report_headers,
        rows=report_rows,
        params=("centre", "date_from", "date_to"),
        about=report_about,
    )
)
register(
    Kind(
        key="centre_report_pdf",
        title="Итоги центра поддержки (PDF)",
        label=lambda user, params: f"Итоги центра «{_centre(user, params).name}» (PDF)",
        filename=lambda params: f"itogi-{params.get('centre', '')}",
        capability="centres.report",
        extension="pdf",
        document=report_pdf,
        params=("centre", "date_from", "date_to"),
    )
)
