"""Export kinds of the communities (#12): built by the worker with the owner's scope (exports.registry).

Each re-reads the page's filters through the page's own function with the owner as the user, so the scope
and the filtering are those of the page; the columns, sheet titles and file names are those of the
in-request exports they replace."""

from types import SimpleNamespace

from communities import selectors
from core.phones import display_phone
from exports.registry import Document, Kind, Rows, register

CHUNK = 1000


def _asked(user, params):
    return SimpleNamespace(user=user, GET=params)  # what the page's filter functions read


def _rows(qs, line):
    return Rows(qs.count(), (line(x) for x in qs.iterator(chunk_size=CHUNK)), None)


def leader_rows(user, params):
    from communities.views import _filtered

    qs, _q = _filtered(_asked(user, params))
    return _rows(
        qs,
        lambda x: (
            x.full_name,
            x.community_name,
            x.territory.name,
            x.role,
            " ".join(filter(None, [display_phone(x.phone), x.email])),
            x.influence_area,
            x.how_found,
            x.found_on,
            x.notes,
        ),
    )


def community_rows(user, params):
    from communities.views_work import _community_filters

    qs = selectors.communities(user, **_community_filters(_asked(user, params)))
    return _rows(
        qs,
        lambda c: (
            c.name,
            c.get_form_display(),
            c.form_kind,
            c.territory.name,
            c.get_status_display(),
            c.get_engagement_display(),
            c.coalition_since,
            c.member_estimate,
            c.leader_count,
            str(c.responsible or ""),
        ),
    )


def interaction_rows(user, params):
    from communities.views_work import _interactions

    qs, _q, _overdue = _interactions(_asked(user, params))
    return _rows(
        qs,
        lambda x: (
            x.held_on,
            str(x.party or ""),
            x.get_format_display(),
            x.topic,
            x.participants,
            x.result,
            x.next_step,
            str(x.responsible or ""),
            x.due_date,
            "да" if x.next_step_done_at else "",
        ),
    )


def roadmap_rows(user, params):
    from communities.views_work import _roadmap_territory

    territory, _territories = _roadmap_territory(_asked(user, params))
    steps = selectors.roadmap(user, territory=territory)
    return _rows(
        steps,
        lambda s: (
            s.title,
            s.community.name if s.community else "все сообщества",
            s.territory.name,
            str(s.responsible or ""),
            s.start_date,
            s.due_date,
            s.get_status_display(),
            s.result,
            s.source,
        ),
    )


register(
    Kind(
        key="leaders",
        title="Лидеры сообществ",
        filename="lidery",
        capability="leaders.view",
        headers=[
            "ФИО",
            "Сообщество",
            "Территория",
            "Роль",
            "Контакты",
            "Сфера влияния",
            "Как выявлен",
            "Дата",
            "Примечания",
        ],
        rows=leader_rows,
        params=("q", "sort"),
    )
)
register(
    Kind(
        key="communities",
        title="Сообщества",
        filename="soobshchestva",
        capability="communities.view",
        headers=[
            "Название",
            "Форма",
            "Вид",
            "Территория",
            "Статус",
            "Уровень вовлечения",
            "В коалиции с",
            "Участников",
            "Лидеров",
            "Комьюнити-менеджер",
        ],
        rows=community_rows,
        params=("q", "form", "status", "engagement"),
    )
)
register(
    Kind(
        key="community_interactions",
        title="Взаимодействие с сообществами",
        filename="vzaimodeistvie",
        capability="communities.view",
        headers=[
            "Дата",
            "Сообщество / организация",
            "Формат",
            "Тема",
            "Участников",
            "Результат",
            "Следующий шаг",
            "Ответственный",
            "Срок",
            "Шаг выполнен",
        ],
        rows=interaction_rows,
        params=("q", "overdue"),
    )
)
register(
    Kind(
        key="roadmap",
        title="Дорожная карта",
        sheet="Дорожная карта ТРЦ + сообщества",
        filename="dorozhnaya-karta",
        capability="communities.view",
        headers=[
            "Шаг",
            "Сообщество",
            "Территория",
            "Ответственный",
            "Начало",
            "Срок",
            "Статус",
            "Результат",
            "Источник",
        ],
        rows=roadmap_rows,
        params=("territory",),
    )
)


# --- the canvas workbook as a printable PDF and an editable DOCX (communities.documents) -------------------


def _canvas(user, params):
    from communities import services
    from core.utils import int_param

    community = selectors.community_detail(user, int_param(params.get("community"))).first()
    if community is None:
        raise PermissionError("сообщество вне вашей территории")
    version = services.latest_canvas(community, params.get("canvas", ""))
    if version is None:
        raise PermissionError("канва ещё не заполнена")
    return community, version


def _canvas_label(ext):
    def label(user, params):
        return f"Канва сообщества «{_canvas(user, params)[0].name}» ({ext.upper()})"

    return label


def _canvas_document(ext):
    def build(user, params):
        from communities import documents

        community, version = _canvas(user, params)
        content = (documents.canvas_pdf_bytes if ext == "pdf" else documents.canvas_docx_bytes)(community, version)
        return Document(content, name=f"Канва {community.name} v{version.number}")

    return build


for _ext in ("pdf", "docx"):
    register(
        Kind(
            key=f"canvas_{_ext}",
            title=f"Канва сообщества ({_ext.upper()})",
            label=_canvas_label(_ext),
            filename=lambda params: f"kanva-{params.get('community', '')}",
            capability="communities.view",
            extension=_ext,
            document=_canvas_document(_ext),
            params=("community", "canvas"),
        )
    )
