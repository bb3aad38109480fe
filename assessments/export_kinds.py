"""Export kinds of the expert sessions «Доступность заботы» (#12): built by the worker with the owner's scope
(exports.registry); the same columns, sheets and file names as the in-request exports had. The comparison
(heat map) is figures only, so analysts get it too."""

from assessments import compare, selectors
from exports.registry import Document, Kind, Rows, register

SESSION_HEADERS = ["Дата", "Территория", "Тема", "Чек-лист"] + [f"Критерий {n}" for n in range(1, 10)]
PROPOSAL_HEADERS = [
    "Сессия",
    "Территория",
    "Критерий",
    "Предложение",
    "Адресат",
    "Ответственный",
    "Срок",
    "Статус",
    "Комментарий",
]


def session_rows(user, params):
    qs = selectors.session_list(user, q=params.get("q", "").strip(), year=params.get("year", "").strip())
    qs = selectors.with_scores(qs)

    def line(s):
        scores = {x.criterion.number: x.display for x in s.scores.all()}
        return [s.held_on, s.territory.name, s.title, str(s.template)] + [scores.get(n, "") for n in range(1, 10)]

    return Rows(qs.count(), (line(s) for s in qs.iterator(chunk_size=500)), None)


def proposal_rows(user, params):
    qs = selectors.proposals(
        user,
        q=params.get("q", "").strip(),
        status=params.get("status", ""),
        overdue=params.get("overdue") == "1",
    )
    rows = (
        (
            p.session.held_on,
            p.session.territory.name,
            p.criterion.number if p.criterion_id else "",
            p.text,
            p.addressee_name,
            p.responsible,
            p.due_on,
            p.get_status_display(),
            p.status_note,
        )
        for p in qs.iterator(chunk_size=1000)
    )
    return Rows(qs.count(), rows, None)


def _heat(user, params):
    template = selectors.heat_template(user, params.get("template", ""))
    return selectors.heat_map(user, template) if template else {"columns": [], "rows": []}


def heat_headers(user, params):
    return ["№", "Критерий"] + [c["label"] for c in _heat(user, params)["columns"]] + ["Среднее"]


def heat_rows(user, params):
    data = _heat(user, params)
    rows = [
        [r["number"], r["title"]] + [compare.text(c["value"]) for c in r["cells"]] + [r["average"]]
        for r in data["rows"]
    ]
    return Rows(len(rows), iter(rows), None)


register(
    Kind(
        key="assessment_sessions",
        title="Экспертные сессии",
        filename="ekspertnye-sessii",
        capability="assessments.view",
        headers=SESSION_HEADERS,
        rows=session_rows,
        params=("q", "year"),
    )
)
register(
    Kind(
        key="assessment_proposals",
        title="Предложения экспертных сессий",
        sheet="Предложения",
        filename="predlozheniya",
        capability="assessments.view",
        headers=PROPOSAL_HEADERS,
        rows=proposal_rows,
        params=("q", "status", "overdue"),
    )
)
register(
    Kind(
        key="assessment_heat_map",
        title="Сравнение оценок «Доступность заботы»",
        sheet="Доступность заботы",
        filename="teplovaya-karta",
        capability="assessments.compare",
        headers=heat_headers,
        rows=heat_rows,
        params=("template",),
    )
)


# --- the protocol of one session, DOCX (the territory's uploaded template or the built-in one) and PDF ------


def _session(user, params):
    from core.utils import int_param

    session = selectors.session_of(user, int_param(params.get("session")))
    if session is None:
        raise PermissionError("экспертная сессия вне вашей территории")
    return session


def _protocol(ext):
    def build(user, params):
        from assessments import protocol

        session = _session(user, params)
        content = protocol.pdf(session) if ext == "pdf" else protocol.docx(session)
        return Document(content, name=protocol.filename(session, ext).rsplit(".", 1)[0])

    return build


def _protocol_label(ext):
    def label(user, params):
        session = _session(user, params)
        return f"Протокол экспертной сессии: {session.territory.name}, {session.held_on:%d.%m.%Y} ({ext.upper()})"

    return label


for _ext in ("pdf", "docx"):
    register(
        Kind(
            key=f"protocol_{_ext}",
            title=f"Протокол экспертной сессии ({_ext.upper()})",
            label=_protocol_label(_ext),
            filename=lambda params: f"protokol-{params.get('session', '')}",
            capability="assessments.view",
            extension=_ext,
            document=_protocol(_ext),
            params=("session",),
        )
    )
