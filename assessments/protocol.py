"""The session protocol in the seed's structure, as DOCX (docxtpl) and PDF (WeasyPrint) through core.documents.

`context(session)` turns a session into plain data; both formats are filled from it. The DOCX layout is a
docxtpl template: the built-in one (`default_docx_template()`) or one the resource centre uploaded.
"""

import io
from datetime import date, time

from django.utils import dateformat, translation

from assessments.models import Participant, ProtocolTemplate
from core import documents


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _date(value):
    with translation.override("ru"):
        return dateformat.format(value, "j E Y") + " г."


def _proposal(p):
    return {
        "text": p.text,
        "addressee": p.addressee_name,
        "responsible": p.responsible,
        "due": p.due_on.strftime("%d.%m.%Y") if p.due_on else "",
        "status": p.get_status_display(),
        "status_note": p.status_note,
        "practice": p.practice.title if p.practice_id else "",
    }


def context(session):
    scores = {s.criterion_id: s for s in session.scores.all()}
    proposals = list(session.proposals.select_related("addressee_org", "practice", "criterion"))
    tasks = list(session.tasks.all())
    results = []
    for criterion in session.template.criteria.all():
        score = scores.get(criterion.pk)
        results.append(
            {
                "number": criterion.number,
                "title": criterion.title,
                "score": (score.display if score and score.is_scored else "не оценивался"),
                "spread": score.spread if score else "",
                "self": score.self_display if score else "",
                "discussion": _lines(score.discussion) if score else [],
                "dissent": _lines(score.dissent) if score else [],
                "proposals": [_proposal(p) for p in proposals if p.criterion_id == criterion.pk],
                "tasks": [t.text for t in tasks if t.criterion_id == criterion.pk],
            }
        )
    groups = []
    participants = list(session.participants.select_related("organization"))
    for value, label in Participant.Group.choices:
        items = [p.display_name for p in participants if p.group == value]
        if items:
            groups.append({"label": label, "members": items})
    return {
        "title": session.title,
        "subtitle": session.subtitle,
        "territory": session.territory.name,
        "date": _date(session.held_on),
        "time": session.starts_at.strftime("%H.%M") if session.starts_at else "",
        "place": session.place or "",
        "goal": session.goal,
        "questions": session.question_list(),
        "groups": groups,
        "moderator": session.moderator,
        "intro": _lines(session.intro),
        "media": session.media_list(),
        "results": results,
        "moderator_opinion": _lines(session.moderator_opinion),
        "general_proposals": [_proposal(p) for p in proposals if p.criterion_id is None],
        "general_tasks": [t.text for t in tasks if t.criterion_id is None],
        "practices": [p.title for p in session.practices.all()],
        "checklist": str(session.template),
        "head_title": _lines(session.head_title),
        "head_name": session.head_name,
    }


def sample_context():
    """Stand-in data to check an uploaded template fills without errors."""

    class _S:
        pass

    return {
        "title": "Доступность заботы",
        "subtitle": "Пример",
        "territory": "Область",
        "date": _date(date(2025, 1, 14)),
        "time": time(14, 30).strftime("%H.%M"),
        "place": "Дом общественных организаций",
        "goal": "Цель",
        "questions": ["Вопрос"],
        "groups": [{"label": "Органы власти", "members": ["Министерство"]}],
        "moderator": "Модератор",
        "intro": ["Вывод"],
        "media": ["Газета"],
        "results": [
            {
                "number": 1,
                "title": "Критерий",
                "score": "3",
                "spread": "3–5",
                "self": "4",
                "discussion": ["Обсуждение"],
                "dissent": ["Мнение"],
                "proposals": [
                    {
                        "text": "Предложение",
                        "addressee": "Адресат",
                        "responsible": "Ответственный",
                        "due": "01.12.2025",
                        "status": "Предложено",
                        "status_note": "",
                        "practice": "",
                    }
                ],
                "tasks": ["Задача"],
            }
        ],
        "moderator_opinion": ["Мнение"],
        "general_proposals": [],
        "general_tasks": [],
        "practices": [],
        "checklist": "Доступность заботы, версия 1",
        "head_title": ["Руководитель"],
        "head_name": "И.О. Фамилия",
    }


# The built-in layout, paragraph by paragraph; "{%p ... %}" lines are docxtpl paragraph tags.
DEFAULT_LAYOUT = [
    ("title", "Протокол"),
    ("title", "экспертной сессии «{{ title }}»"),
    ("center", "{{ date }}"),
    ("center", "{{ subtitle }}"),
    ("p", "Время проведения: {{ time }}"),
    ("p", "Место проведения: {{ place }}"),
    ("h", "Цель сессии:"),
    ("p", "{{ goal }}"),
    ("h", "Рассматриваемые вопросы:"),
    ("p", "{%p for q in questions %}"),
    ("p", "{{ loop.index }}. {{ q }}"),
    ("p", "{%p endfor %}"),
    ("h", "Приняли участие:"),
    ("p", "{%p for g in groups %}"),
    ("b", "{{ g.label }}"),
    ("p", "{%p for item in g.members %}"),
    ("p", "- {{ item }}"),
    ("p", "{%p endfor %}"),
    ("p", "{%p endfor %}"),
    ("p", "Модератор сессии: {{ moderator }}"),
    (
        "p",
        "При проведении экспертной сессии использовалась технология, разработанная Коалицией «Забота рядом» "
        "(чек-лист: {{ checklist }}).",
    ),
    ("p", "{%p for line in intro %}"),
    ("p", "{{ line }}"),
    ("p", "{%p endfor %}"),
    ("p", "{%p if media %}"),
    ("p", "СМИ, освещавшие мероприятие: {{ media|join('; ') }}"),
    ("p", "{%p endif %}"),
    ("h", "Результаты обсуждения и совместной работы по чек-листу – баллы от 1 до 5:"),
    ("p", "{%p for r in results %}"),
    ("b", "{{ r.number }}. {{ r.title }} — {{ r.score }}"),
    ("p", "{%p if r.spread %}"),
    ("p", "Первоначальный разброс мнений: {{ r.spread }}."),
    ("p", "{%p endif %}"),
    ("p", "{%p if r.self %}"),
    ("p", "Самооценка: {{ r.self }}."),
    ("p", "{%p endif %}"),
    ("p", "{%p for line in r.discussion %}"),
    ("p", "{{ line }}"),
    ("p", "{%p endfor %}"),
    ("p", "{%p if r.dissent %}"),
    ("b", "Особое мнение модератора:"),
    ("p", "{%p for line in r.dissent %}"),
    ("p", "{{ line }}"),
    ("p", "{%p endfor %}"),
    ("p", "{%p endif %}"),
    ("p", "{%p if r.proposals %}"),
    ("b", "Было предложено:"),
    ("p", "{%p for p in r.proposals %}"),
    (
        "p",
        "● {{ p.text }} Адресат: {{ p.addressee or '—' }}; ответственный: {{ p.responsible or '—' }}; "
        "срок: {{ p.due or '—' }}; статус: {{ p.status }}{% if p.status_note %} ({{ p.status_note }}){% endif %}.",
    ),
    ("p", "{%p endfor %}"),
    ("p", "{%p endif %}"),
    ("p", "{%p for t in r.tasks %}"),
    ("p", "Задача на год: {{ t }}"),
    ("p", "{%p endfor %}"),
    ("p", "{%p endfor %}"),
    ("p", "{%p if moderator_opinion %}"),
    ("h", "Особое мнение модератора"),
    ("p", "{%p for line in moderator_opinion %}"),
    ("p", "{{ line }}"),
    ("p", "{%p endfor %}"),
    ("p", "{%p endif %}"),
    ("p", "{%p if general_proposals %}"),
    ("h", "Общие предложения"),
    ("p", "{%p for p in general_proposals %}"),
    (
        "p",
        "● {{ p.text }} Адресат: {{ p.addressee or '—' }}; ответственный: {{ p.responsible or '—' }}; "
        "срок: {{ p.due or '—' }}; статус: {{ p.status }}.",
    ),
    ("p", "{%p endfor %}"),
    ("p", "{%p endif %}"),
    ("p", "{%p if general_tasks %}"),
    ("h", "Задачи на год"),
    ("p", "{%p for t in general_tasks %}"),
    ("p", "- {{ t }}"),
    ("p", "{%p endfor %}"),
    ("p", "{%p endif %}"),
    ("p", "{%p if practices %}"),
    ("h", "Лучшие практики"),
    ("p", "{%p for t in practices %}"),
    ("p", "- {{ t }}"),
    ("p", "{%p endfor %}"),
    ("p", "{%p endif %}"),
    ("p", ""),
    ("p", "{%p for line in head_title %}"),
    ("p", "{{ line }}"),
    ("p", "{%p endfor %}"),
    ("right", "{{ head_name }}"),
]


def default_docx_template():
    """The built-in DOCX template (python-docx), bytes; the resource centre downloads it to edit in Word."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    style = document.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(12)
    for kind, text in DEFAULT_LAYOUT:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(text)
        if kind == "title":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run.bold = True
            run.font.size = Pt(14)
        elif kind == "center":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif kind == "right":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        elif kind in ("h", "b"):
            run.bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def render_docx_bytes(template, ctx):
    return documents.render_docx(template, ctx)


def template_for(territory):
    """The uploaded template of the nearest territory up the tree, or None for the built-in one."""
    ids = territory.ancestor_ids()
    found = {t.territory_id: t for t in ProtocolTemplate.objects.filter(territory_id__in=ids).order_by("uploaded_at")}
    for territory_id in reversed(ids):
        if territory_id in found:
            return found[territory_id]
    return None


def docx(session):
    uploaded = template_for(session.territory)
    source = io.BytesIO(bytes(uploaded.data) if uploaded else default_docx_template())
    return render_docx_bytes(source, context(session))


def pdf(session):
    return documents.render_pdf("assessments/protocol_print.html", {"p": context(session)})


def filename(session, ext):
    return f"Протокол экспертной сессии {session.territory.name} {session.held_on:%d.%m.%Y}.{ext}"
