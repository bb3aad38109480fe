"""The questionnaire builder, the methodology's two questionnaires, paper answers."""

import io

import pypdf
from django.urls import reverse

from exports.testing import fetched
from outreach.models import Question, Questionnaire


def test_it_preloads_the_two_questionnaires_of_the_methodology_in_its_wording(db):
    orgs = Questionnaire.objects.get(code="organizations")
    assert orgs.title == "Анкета для организаций и инициативных групп"
    texts = list(orgs.questions.values_list("text", flat=True))
    assert texts[0] == "Основная деятельность с пожилыми или вспомогательная"
    assert "Какие проблемы вы видите при работе ТРЦ?" in texts
    assert orgs.questions.get(text="НКО – партнеры работают").choices == [
        "Поддержка активного долголетия",
        "Уход и забота",
        "Срочная помощь",
    ]
    assessment = Questionnaire.objects.get(code="assessment")
    assert assessment.questions.count() == 9
    last = assessment.questions.last()
    assert last.kind == "multiple" and len(last.choices) == 5 and last.allow_other
    assert last.choices[-1] == "самоорганизация, организация групп взаимопомощи"
    assert assessment.questions.filter(kind="scale").count() == 1


def test_it_builds_a_questionnaire_with_sections_and_kinds(region):
    client = region.client("coordinator")
    response = client.post(reverse("outreach:questionnaire_create"), {"title": "Опрос ТОС", "intro": ""})
    questionnaire = Questionnaire.objects.get(title="Опрос ТОС")
    assert response.status_code == 302 and questionnaire.territory == region.users["coordinator"].territory
    url = reverse("outreach:question_create", kwargs={"pk": questionnaire.pk})
    response = client.post(
        url,
        {
            "section": "Деятельность",
            "text": "Чем занимаетесь?",
            "kind": "multiple",
            "choices": "Досуг\nУход\n\nДосуг",
            "allow_other": "on",
            "required": "on",
        },
    )
    assert response.status_code == 302
    question = questionnaire.questions.get()
    assert question.choices == ["Досуг", "Уход"] and question.allow_other and question.required
    refused = client.post(url, {"text": "Один вариант?", "kind": "single", "choices": "Только один"})
    assert refused.status_code == 422
    assert "Нужно хотя бы два варианта ответа" in refused.content.decode()
    assert questionnaire.questions.count() == 1


def test_it_keeps_sent_and_shared_questionnaires_unchanged_and_copies_them(region):
    client = region.client("coordinator")
    response = client.post(
        reverse("outreach:question_edit", kwargs={"pk": region.question_a.pk}),
        {"text": "Другой текст", "kind": "scale"},
    )
    assert response.status_code == 422 and "уже отправлялась" in response.content.decode()
    shared = Questionnaire.objects.get(code="assessment")
    response = client.post(
        reverse("outreach:question_create", kwargs={"pk": shared.pk}), {"text": "Новый", "kind": "text"}
    )
    assert response.status_code == 422 and "сделайте копию" in response.content.decode()
    client.post(reverse("outreach:questionnaire_copy", kwargs={"pk": shared.pk}))
    copy = Questionnaire.objects.get(title=f"{shared.title} (копия)")
    assert copy.questions.count() == 9 and copy.territory == region.a
    assert Question.objects.filter(questionnaire=shared).count() == 9


def test_it_prints_the_paper_version(region):
    response = fetched(  # built by the worker (#12)
        region.client("coordinator"),
        reverse("outreach:questionnaire_print", kwargs={"pk": Questionnaire.objects.get(code="organizations").pk}),
    )
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(response.content)).pages)
    assert "Анкета для организаций и инициативных групп" in text
    assert "Основная деятельность с пожилыми или вспомогательная" in text


def test_it_lets_staff_enter_paper_answers_with_the_same_checks(region):
    client = region.client("coordinator")
    url = reverse("outreach:paper_entry", kwargs={"pk": region.waiting_a.pk})
    refused = client.post(url, {f"q{region.question_a.pk}": "0"})
    assert refused.status_code == 422 and "Оценка — целое число от 1 до 5." in refused.content.decode()
    assert client.post(url, {f"q{region.question_a.pk}": "2"}).status_code == 302
    region.waiting_a.refresh_from_db()
    assert region.waiting_a.channel == "paper" and region.waiting_a.entered_by == region.users["coordinator"]
    assert region.waiting_a.answers == {str(region.question_a.pk): 2}
