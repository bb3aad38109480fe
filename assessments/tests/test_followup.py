import io
from datetime import date

from django.urls import reverse
from openpyxl import load_workbook

from assessments import services
from assessments.models import ChecklistTemplate
from exports.testing import fetched


def test_it_follows_proposals_up_across_sessions(region):
    coordinator = region.users["coordinator"]
    services.proposal_create(
        session=region.session_a,
        text="Провести круглый стол",
        due_on=date(2020, 1, 1),
        status="sent",
        actor=coordinator,
    )
    services.proposal_create(
        session=region.session_a, text="Включить в план ДОО", due_on=date(2020, 1, 1), status="heard", actor=coordinator
    )
    services.proposal_create(session=region.session_b, text="Чужое предложение", actor=region.coordinator_b)
    client = region.client("coordinator")
    body = client.get(reverse("assessments:proposals")).content.decode()
    assert "Провести круглый стол" in body and "Обучить НКО" in body and "Чужое предложение" not in body
    overdue = client.get(reverse("assessments:proposals"), {"overdue": "1"}).content.decode()
    assert "Провести круглый стол" in overdue and "Включить в план ДОО" not in overdue
    heard = client.get(reverse("assessments:proposals"), {"status": "heard"}).content.decode()
    assert "Включить в план ДОО" in heard and "Провести круглый стол" not in heard
    sheet = load_workbook(io.BytesIO(fetched(client, reverse("assessments:proposal_export")).content)).active
    assert {row[3] for row in list(sheet.values)[2:]} == {"Обучить НКО", "Провести круглый стол", "Включить в план ДОО"}


def test_it_makes_a_new_checklist_version_from_the_form(region):
    template = region.session_a.template
    data = {"c-TOTAL_FORMS": "10", "c-INITIAL_FORMS": "9", "note": "Уточнён критерий 1"}
    for i, c in enumerate(template.criteria.all()):
        data |= {f"c-{i}-number": c.number, f"c-{i}-title": c.title, f"c-{i}-evidence": c.evidence}
    data["c-0-title"] = "Известность и доступность организаций"
    data |= {"c-9-number": "10", "c-9-title": "Цифровая доступность"}
    response = region.client("coordinator").post(reverse("assessments:checklist_edit", args=[template.pk]), data)
    assert response.status_code == 302
    new = ChecklistTemplate.objects.get(is_current=True)
    assert new.version == 2 and new.note == "Уточнён критерий 1"
    assert [c.title for c in new.criteria.all()][0::9] == [
        "Известность и доступность организаций",
        "Цифровая доступность",
    ]
    assert region.session_a.scores.first().criterion.template == template


def test_it_sends_a_proposal_to_the_roadmap_once(region):
    from communities.models import RoadmapStep

    proposal = region.proposal_a
    proposal.due_on = date(2026, 12, 31)
    proposal.addressee = "Дом общественных организаций"
    proposal.save()
    client = region.client("coordinator")
    url = reverse("assessments:proposal_roadmap", args=[proposal.pk])
    assert client.post(url).status_code == 302
    step = RoadmapStep.objects.get(title="Обучить НКО")
    assert step.territory == region.a and step.due_date == date(2026, 12, 31)
    assert step.source.startswith("Экспертная сессия «Доступность заботы»")
    assert "адресат: Дом общественных организаций" in step.source
    proposal.refresh_from_db()
    assert proposal.roadmap_step_id == step.pk
    again = client.post(url, follow=True)
    assert "Это предложение уже в дорожной карте." in again.content.decode()
    assert RoadmapStep.objects.filter(title="Обучить НКО").count() == 1
    page = client.get(reverse("assessments:proposal_edit", args=[proposal.pk])).content.decode()
    assert "В дорожной карте" in page
