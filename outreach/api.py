"""Read API of the outreach kit: questionnaires, sendings with their summaries, the letters register."""

from datetime import date, datetime

from ninja import Router, Schema

from accounts import access
from outreach import selectors

router = Router(tags=["Анкеты и письма"])


class QuestionOut(Schema):
    id: int
    section: str
    text: str
    kind: str
    required: bool
    choices: list[str]
    allow_other: bool


class QuestionnaireOut(Schema):
    id: int
    title: str
    intro: str
    code: str
    territory_id: int | None
    questions: list[QuestionOut]

    @staticmethod
    def resolve_questions(obj):
        return list(obj.questions.all())


class SendingOut(Schema):
    id: int
    title: str
    questionnaire_id: int
    territory_id: int
    created_at: datetime
    deadline: date | None
    recipients: int
    answered: int

    @staticmethod
    def resolve_recipients(obj):
        return obj.recipient_count

    @staticmethod
    def resolve_answered(obj):
        return obj.answered


class RateOut(Schema):
    label: str
    sent: int
    answered: int
    pct: float


class ChoiceRowOut(Schema):
    label: str
    count: int
    pct: float


class QuestionSummaryOut(Schema):
    question_id: int
    kind: str
    answered: int
    rows: list[ChoiceRowOut] = []
    mean: float | None = None
    median: float | None = None
    min: float | None = None
    max: float | None = None
    other_texts: list[str] = []
    texts: list[str] = []


class SendingSummaryOut(Schema):
    sending_id: int
    total: RateOut
    by_territory: list[RateOut]
    by_kind: list[RateOut]
    questions: list[QuestionSummaryOut]


class LetterOut(Schema):
    id: int
    number: str
    date: date
    recipient: str
    address_lines: str
    greeting: str
    template_id: int
    contact_id: int | None
    check_declension: bool
    created_at: datetime


@router.get("/questionnaires", response=list[QuestionnaireOut], summary="Анкеты")
def list_questionnaires(request):
    access.require(request, "outreach.view")
    return selectors.questionnaires_with_questions(request.user)


@router.get("/questionnaires/{questionnaire_id}", response=QuestionnaireOut, summary="Анкета с вопросами")
def get_questionnaire(request, questionnaire_id: int):
    return selectors.questionnaire_with_questions_or_404(request, questionnaire_id)


@router.get("/questionnaire-sendings", response=list[SendingOut], summary="Рассылки анкет")
def list_sendings(request, questionnaire_id: int | None = None):
    access.require(request, "outreach.view")
    return selectors.sendings_of(request.user, questionnaire_id)


@router.get(
    "/questionnaire-sendings/{sending_id}/summary",
    response=SendingSummaryOut,
    summary="Итоги рассылки: доля ответивших и ответы",
)
def sending_summary(request, sending_id: int, territory_id: int | None = None, kind: str = ""):
    sending = selectors.sending_or_404(request, sending_id)
    territory = None
    if territory_id is not None:
        territory = selectors.territory_in_scope(request.user, territory_id)
    data = selectors.results(request.user, sending, territory=territory, group=kind)
    return {
        "sending_id": sending.pk,
        "total": data["total"],
        "by_territory": data["by_territory"],
        "by_kind": data["by_group"],
        "questions": [
            {
                "question_id": item["question"]["id"],
                "kind": item["kind"],
                "answered": item["n"],
                "rows": item.get("rows", []),
                "mean": item.get("mean"),
                "median": item.get("median"),
                "min": item.get("min"),
                "max": item.get("max"),
                "other_texts": item.get("others", []),
                "texts": item.get("texts", []),
            }
            for item in data["summary"]
        ],
    }


@router.get("/letters", response=list[LetterOut], summary="Реестр писем")
def list_letters(request, q: str = ""):
    access.require(request, "outreach.letters")
    return selectors.letters(request.user, q_text=q[:100])[:1000]
