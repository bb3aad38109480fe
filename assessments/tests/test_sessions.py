import io

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from assessments import protocol, services
from assessments.models import ChecklistTemplate, Score, Session
from demo.assessments import RYAZAN_PROPOSALS, ryazan_session
from exports.testing import fetched

RYAZAN = ["3", "4", "3", "не требуется", "5", "5", "3", "5", "5"]


@pytest.fixture
def ryazan(region):
    return ryazan_session(region.a, region.users["coordinator"])


def _docx_text(data):
    from docx import Document

    return "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)


def _pdf_text(data):
    import pypdf

    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)


def _flat(text):
    return " ".join(text.split())


def test_it_uses_the_seeds_nine_criteria_by_default(db):
    template = services.checklist_default()
    titles = [c.title for c in template.criteria.all()]
    assert len(titles) == 9
    assert titles[0] == "Известность организаций, оказывающих помощь"
    assert titles[8] == "Работа площадок социализации, поддержка социальных связей"
    assert services.checklist_default() == template


def test_it_keeps_the_ryazan_scores(ryazan):
    assert [s.display for s in ryazan.scores.order_by("criterion__number")] == RYAZAN
    assert ryazan.scores.get(criterion__number=2).spread == "3–4"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_it_writes_every_criterion_opinion_and_proposal_into_the_protocol(region, ryazan, fmt):
    response = fetched(region.client("coordinator"), reverse(f"assessments:protocol_{fmt}", args=[ryazan.pk]))
    assert response.status_code == 200  # built by the worker (#12)
    assert "attachment" in response["Content-Disposition"]
    text = _flat(_docx_text(response.content) if fmt == "docx" else _pdf_text(response.content))
    assert "Протокол" in text and "экспертной сессии «Доступность заботы»" in text
    assert "14 января 2025 г." in text and "14.30" in text
    for criterion, score in zip(ryazan.template.criteria.all(), RYAZAN, strict=True):
        assert _flat(f"{criterion.number}. {criterion.title} — {score}") in text, criterion.number
    assert "Эффективный менеджмент волонтерской деятельности — не требуется" in text
    assert "Особое мнение модератора" in text
    assert "Модератор сессии отражает свое особое мнение в протоколе" in text
    for _, proposal, *_ in RYAZAN_PROPOSALS:
        assert _flat(proposal) in text
    assert "Нас услышали и уже включили в план работы" in text
    assert "Органы власти" in text and "ТОС Мопровский" in text and "«Помогающие организации»" in text
    assert "Л.А. Захарова" in text


@pytest.mark.parametrize("raw", ["0", "6", "пять"])
def test_it_refuses_a_score_outside_1_to_5_with_a_russian_message(region, raw):
    session = region.session_a
    before = list(Score.objects.filter(session=session).values_list("criterion__number", "value", "not_required"))
    with pytest.raises(ValidationError) as exc:
        services.scores_save(
            session=session, rows={2: {"value": "5"}, 3: {"value": raw}}, actor=region.users["coordinator"]
        )
    assert "от 1 до 5" in exc.value.message_dict["c3-value"][0]
    after = list(Score.objects.filter(session=session).values_list("criterion__number", "value", "not_required"))
    assert after == before  # nothing half-saved: criterion 2 did not get its 5 either


def test_it_shows_the_refusal_by_the_field_on_the_scoring_page(region):
    url = reverse("assessments:scores", args=[region.session_a.pk])
    response = region.client("coordinator").post(url, {"c1-value": "6", "c2-value": "4", "c2-discussion": "Бурно"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Оценка 6 вне шкалы: допустимо от 1 до 5 или «не требуется»." in body
    assert "Бурно" in body  # what was typed is kept
    assert not Score.objects.filter(session=region.session_a, criterion__number=2).exists()


def test_it_saves_scores_spread_self_assessment_and_dissent(region):
    url = reverse("assessments:scores", args=[region.session_a.pk])
    data = {
        "c2-value": "4",
        "c2-self_value": "5",
        "c2-spread_low": "3",
        "c2-spread_high": "5",
        "c2-discussion": "Обсуждение было бурным",
        "c4-value": "nr",
        "c4-dissent": "Модератор считает иначе",
    }
    response = region.client("coordinator").post(url, data)
    assert response.status_code == 302
    two = Score.objects.get(session=region.session_a, criterion__number=2)
    assert (two.value, two.self_value, two.spread, two.discussion) == (4, 5, "3–5", "Обсуждение было бурным")
    four = Score.objects.get(session=region.session_a, criterion__number=4)
    assert four.not_required and four.value is None and four.dissent == "Модератор считает иначе"


def test_it_shows_platform_evidence_beside_the_criteria(region):
    response = region.client("coordinator").get(reverse("assessments:scores", args=[region.session_a.pk]))
    body = response.content.decode()
    assert "Данные платформы" in body
    assert "Соединены с помощником не позднее 3 суток" in body
    assert "Лидеры сообществ в реестре" in body
    assert "нет данных" in body  # no public search counts, no youth volunteers in the test region


def test_it_keeps_old_sessions_on_their_checklist_version(region, ryazan):
    coordinator = region.users["coordinator"]
    old = ryazan.template
    criteria = [
        {"number": c.number, "title": c.title, "description": c.description, "evidence": c.evidence}
        for c in old.criteria.all()
    ]
    criteria[0]["title"] = "Известность и доступность организаций"
    criteria.append({"number": 10, "title": "Цифровая доступность", "description": "", "evidence": ""})
    new = services.checklist_new_version(
        template=old, criteria=criteria, note="Добавлен критерий 10", actor=coordinator
    )
    assert (new.version, new.is_current) == (2, True)
    old.refresh_from_db()
    assert not old.is_current
    assert services.checklist_default() == new
    ryazan.refresh_from_db()
    assert ryazan.template == old
    text = _flat(_docx_text(protocol.docx(ryazan)))
    assert "1. Известность организаций, оказывающих помощь — 3" in text
    assert "Цифровая доступность" not in text
    fresh = services.session_create(actor=coordinator, territory=region.a, held_on=ryazan.held_on)
    assert fresh.template == new and fresh.template.criteria.count() == 10


def test_it_refuses_to_switch_the_version_of_a_scored_session(region):
    other = ChecklistTemplate.objects.create(name="Другой", version=1)
    with pytest.raises(ValidationError) as exc:
        services.session_update(session=region.session_a, template=other, actor=region.users["coordinator"])
    assert "нельзя сменить" in exc.value.messages[0]


def test_it_creates_a_session_through_the_form(region):
    client = region.client("coordinator")
    response = client.get(reverse("assessments:session_create"))
    assert "Оценка и самооценка доступности элементов Заботы в регионе" in response.content.decode()
    template = services.checklist_default()
    response = client.post(
        reverse("assessments:session_create"),
        {
            "title": "Доступность заботы",
            "territory": region.a1.pk,
            "template": template.pk,
            "held_on": "2026-03-01",
            "starts_at": "14:30",
            "place_text": "Дом культуры",
            "goal": "Выявить узкие места",
            "questions": "Оценка\nПредложения",
        },
    )
    assert response.status_code == 302
    session = Session.objects.get(territory=region.a1)
    assert session.question_list() == ["Оценка", "Предложения"] and session.created_by == region.users["coordinator"]


def test_it_hides_other_territories_sessions(region):
    client = region.client("coordinator")
    assert client.get(reverse("assessments:session", args=[region.session_b.pk])).status_code == 404
    assert client.get(reverse("assessments:protocol_pdf", args=[region.session_b.pk])).status_code == 404
    listing = client.get(reverse("assessments:sessions")).content.decode()
    assert "Район А" in listing and "Район Б" not in listing


def test_it_records_participants_with_and_without_the_directory(region):
    client = region.client("coordinator")
    url = reverse("assessments:participants", args=[region.session_a.pk])
    assert client.post(url, {"group": "helping", "organization": region.org_a.pk}).status_code == 302
    assert client.post(url, {"group": "tos", "name": "ТОС Мопровский"}).status_code == 302
    refused = client.post(url, {"group": "tos"})
    assert "Выберите организацию из справочника или впишите её название." in refused.content.decode()
    groups = protocol.context(region.session_a)["groups"]
    assert {"label": "«Помогающие организации»", "members": ["НКО Района А"]} in groups
    assert {"label": "ТОС", "members": ["ТОС Мопровский"]} in groups


def test_it_follows_a_proposal_status(region):
    client = region.client("coordinator")
    proposal = region.proposal_a
    response = client.post(
        reverse("assessments:proposal_edit", args=[proposal.pk]),
        {
            "text": proposal.text,
            "addressee": "Дом общественных организаций",
            "responsible": "Иванова И.И.",
            "due_on": "2026-12-31",
            "status": "heard",
            "status_note": "Включили в план",
            "practice": region.practice.pk,
        },
    )
    assert response.status_code == 302
    proposal.refresh_from_db()
    assert proposal.get_status_display() == "Нас услышали и уже включили в план работы"
    assert proposal.status_changed_at is not None and proposal.practice == region.practice


def test_it_offers_the_media_list_of_outreach_contacts_for_the_session(region, ryazan):
    from outreach.models import Contact

    Contact.objects.create(kind="media", last_name="Орлова", first_name="Ия", outlet="Радио Ока", territory=region.a1)
    client = region.client("coordinator")
    url = reverse("assessments:session_edit", args=[ryazan.pk])
    page = client.get(url).content.decode()
    assert "СМИ из списка контактов" in page and "Радио Ока" in page
    form = client.get(url).context["form"]
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    data.update(media="Газета «Вести»", media_known=["Радио Ока"], practices=[])
    response = client.post(url, data)
    assert response.status_code == 302, response.context["form"].errors
    ryazan.refresh_from_db()
    assert ryazan.media_list() == ["Газета «Вести»", "Радио Ока"]
    data.update(media="\n".join(ryazan.media_list()), media_known=[])
    client.post(url, data)
    ryazan.refresh_from_db()
    assert ryazan.media_list() == ["Газета «Вести»"]
