"""Export kinds of the outreach kit (#12): built by the worker with the owner's scope (exports.registry).

The answers to one sending (the sending looked up again among the owner's), the letters' register and the
contacts for letters — the same columns, sheets and file names as the in-request exports had."""

from types import SimpleNamespace

from core.phones import display_phone
from core.utils import int_param
from core.xlsx import export_about
from exports.registry import Document, Kind, Rows, register
from outreach import questions as q
from outreach import selectors

CHUNK = 1000


def _asked(user, params):
    return SimpleNamespace(user=user, GET=params)  # what the page's filter functions read


def _sending(user, params):
    sending = selectors.sending_of(user, int_param(params.get("sending")))
    if sending is None:
        raise PermissionError("рассылка анкеты вне вашей территории")
    return sending


def _answers(user, params):
    from outreach.views import _result_filters

    sending = _sending(user, params)
    territory, group, _groups = _result_filters(_asked(user, params), sending)
    return sending, territory, group, list(sending.questionnaire.questions.all())


def answer_headers(user, params):
    _sending_, _territory, _group, questions = _answers(user, params)
    return ["Респондент", "Вид / форма", "Территория", "Как ответил", "Дата ответа"] + [
        f"{i}. {x.text}"[:250] for i, x in enumerate(questions, start=1)
    ]


def answer_rows(user, params):
    sending, territory, group, questions = _answers(user, params)
    rows = selectors.recipients(user, sending, territory=territory, group=group, status="answered")
    body = (
        [r.name, r.group, r.territory.name, r.get_channel_display(), r.submitted_at]
        + [q.display(x.as_plain(), r.answers.get(str(x.pk))) for x in questions]
        for r in rows.iterator(chunk_size=CHUNK)
    )
    return Rows(rows.count(), body, None)


def answer_about(user, params):
    _sending_, territory, _group, _questions = _answers(user, params)
    return export_about(user, territory=territory)


def answer_label(user, params):
    return f"Ответы на анкету «{_sending(user, params).questionnaire.title}»"


def letter_rows(user, params):
    from outreach.views_letters import _letter_filters

    qs = selectors.letters(user, **_letter_filters(_asked(user, params)))
    rows = (
        (
            x.number,
            x.date,
            x.recipient,
            x.address_lines,
            x.greeting,
            x.template.name,
            "да" if x.check_declension else "",
        )
        for x in qs.iterator(chunk_size=CHUNK)
    )
    return Rows(qs.count(), rows, None)


def contact_rows(user, params):
    from outreach.views_letters import _contact_filters

    _form, f = _contact_filters(_asked(user, params))
    qs = selectors.contacts(user, **f)
    rows = (
        (
            x.full_name,
            x.get_kind_display(),
            x.position,
            x.organization_name or (x.organization.name if x.organization_id else ""),
            x.outlet,
            x.beat,
            x.territory.name,
            x.email,
            display_phone(x.phone),
            x.consent_at,
        )
        for x in qs.iterator(chunk_size=CHUNK)
    )
    return Rows(qs.count(), rows, None)


register(
    Kind(
        key="questionnaire_answers",
        title="Ответы на анкету",
        sheet="Ответы",
        filename=lambda params: f"anketa-{params.get('sending', '')}",
        capability="outreach.view",
        headers=answer_headers,
        rows=answer_rows,
        params=("sending", "territory", "group"),
        about=answer_about,
        label=answer_label,
    )
)
register(
    Kind(
        key="letters",
        title="Реестр писем",
        filename="reestr-pisem",
        capability="outreach.letters",
        headers=["Исходящий номер", "Дата", "Адресат", "Кому", "Обращение", "Шаблон", "Проверить склонение"],
        rows=letter_rows,
        params=("q", "template", "batch"),
    )
)
register(
    Kind(
        key="contacts",
        title="Контакты для писем",
        filename="kontakty",
        capability="outreach.contacts",
        headers=[
            "ФИО",
            "Кто",
            "Должность",
            "Организация / ведомство",
            "СМИ",
            "Тема",
            "Территория",
            "Эл. почта",
            "Телефон",
            "Согласие",
        ],
        rows=contact_rows,
        params=("q", "kind", "territory"),
    )
)


def letters_zip(user, params):
    """The DOCX and PDF of each letter of one preparation (batch); refuses to grow past 50 MB."""
    from outreach import letters as letter_docs

    letters = selectors.batch_letters(user, params.get("batch", ""))
    if not letters:
        raise PermissionError("писем этой подготовки нет в вашей территории")
    return Document(letter_docs.zip_letters(letters), name=f"pisma-{letters[0].date:%Y-%m-%d}", count=len(letters))


register(
    Kind(
        key="letters_zip",
        title="Письма (zip)",
        filename="pisma",
        capability="outreach.letters",
        extension="zip",
        document=letters_zip,
        params=("batch",),
    )
)


def questionnaire_pdf(user, params):
    """The paper version: every question with boxes to tick and lines to write on; for one recipient if asked."""
    from core.documents import render_pdf
    from outreach import answer_form

    questionnaire = selectors.questionnaire_of(user, int_param(params.get("questionnaire")))
    if questionnaire is None:
        raise PermissionError("анкета вне вашей территории")
    recipient_id = int_param(params.get("recipient"))
    recipient = selectors.recipient_of(user, questionnaire, recipient_id) if recipient_id else None
    plain = answer_form.plain_questions(questionnaire)
    context = {"x": questionnaire, "sections": answer_form.sections(plain), "recipient": recipient}
    return Document(render_pdf("outreach/questionnaire_print.html", context), name=f"anketa-{questionnaire.pk}")


def _questionnaire_label(user, params):
    questionnaire = selectors.questionnaire_of(user, int_param(params.get("questionnaire")))
    return f"Анкета «{questionnaire.title if questionnaire else '—'}»: бумажная версия (PDF)"


register(
    Kind(
        key="questionnaire_pdf",
        title="Анкета: бумажная версия (PDF)",
        label=_questionnaire_label,
        filename=lambda params: f"anketa-{params.get('questionnaire', '')}",
        capability="outreach.view",
        extension="pdf",
        document=questionnaire_pdf,
        params=("questionnaire", "recipient"),
    )
)
