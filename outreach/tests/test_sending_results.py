"""Sending to a selection, reminders once, results on known answers, exports, scope."""

import io
from datetime import timedelta

from django.core import mail
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from communities.models import Interaction
from directory.models import Organization
from exports.testing import fetched
from outreach import selectors
from outreach import services as outreach
from outreach.models import Questionnaire, Recipient, Sending
from outreach.periodic import remind_unanswered


def _orgs(region, n=3):
    orgs = []
    for i in range(n):
        org = Organization.objects.create(
            name=f"ТОС А1-{i}", kind="tos", territory=region.a1, email=f"tos{i}@example.org" if i else ""
        )
        orgs.append(org)
    return orgs


def test_it_sends_to_a_filtered_selection_with_personal_links_and_logs_interactions(region):
    orgs = _orgs(region)
    questionnaire = Questionnaire.objects.get(code="organizations")
    client = region.client("coordinator")
    page = client.get(reverse("outreach:sending_create", kwargs={"pk": questionnaire.pk}), {"org_kind": "tos"})
    body = page.content.decode()
    assert "ТОС А1-0" in body and "НКО Района А" not in body and "НКО Района Б" not in body
    mail.outbox.clear()
    response = client.post(
        reverse("outreach:sending_create", kwargs={"pk": questionnaire.pk}),
        {"org_kind": "tos", "organizations": [o.pk for o in orgs] + [region.org_b.pk], "title": "Опрос ТОС"},
    )
    sending = Sending.objects.get(title="Опрос ТОС")
    assert response.status_code == 302
    assert sorted(sending.recipients.values_list("name", flat=True)) == ["ТОС А1-0", "ТОС А1-1", "ТОС А1-2"]
    assert len({r.token for r in sending.recipients.all()}) == 3
    assert len(mail.outbox) == 2 and "/q/" in mail.outbox[0].body
    assert Interaction.objects.filter(organization__in=orgs, format="survey").count() == 3


def test_it_refuses_a_sending_without_recipients(region):
    questionnaire = Questionnaire.objects.get(code="organizations")
    response = region.client("coordinator").post(
        reverse("outreach:sending_create", kwargs={"pk": questionnaire.pk}), {"title": "Пусто"}
    )
    assert response.status_code == 422 and "Выберите хотя бы одного получателя." in response.content.decode()
    assert not Sending.objects.filter(title="Пусто").exists()


def test_it_reminds_those_who_have_not_answered_once(region):
    orgs = _orgs(region)
    sending = outreach.sending_create(
        questionnaire=region.questionnaire_a,
        title="Напоминания",
        territory=region.a,
        organizations=orgs,
        actor=region.users["coordinator"],
    )
    answered = sending.recipients.get(organization=orgs[2])
    outreach.answers_save(recipient=answered, data={f"q{region.question_a.pk}": "3"}, submit=True)
    mail.outbox.clear()
    assert remind_unanswered() == "напоминаний об анкетах: 0"  # too early
    Sending.objects.filter(pk=sending.pk).update(created_at=timezone.now() - timedelta(days=4))
    assert remind_unanswered() == "напоминаний об анкетах: 1"
    assert remind_unanswered() == "напоминаний об анкетах: 0"
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["tos1@example.org"]
    assert "Напоминание" in mail.outbox[0].subject
    assert Recipient.objects.get(sending=sending, organization=orgs[1]).reminded_at is not None


def test_it_summarizes_known_answers_filtered_by_territory_and_kind(region):
    orgs = _orgs(region)
    sending = outreach.sending_create(
        questionnaire=region.questionnaire_a,
        title="Итоги",
        territory=region.a,
        organizations=orgs + [region.org_a],
        actor=region.users["coordinator"],
    )
    for org, value in zip(orgs, ["3", "4", "5"], strict=True):
        outreach.answers_save(
            recipient=sending.recipients.get(organization=org), data={f"q{region.question_a.pk}": value}, submit=True
        )
    data = selectors.results(region.users["coordinator"], sending)
    scale = data["summary"][0]
    assert scale["mean"] == 4.0 and scale["distribution"] == [0, 0, 1, 1, 1]
    assert data["total"] == {"label": "Всего", "sent": 4, "answered": 3, "pct": 75.0}
    assert {r["label"]: r["pct"] for r in data["by_group"]} == {"НКО": 0.0, "ТОС": 100.0}
    only_ngo = selectors.results(region.users["coordinator"], sending, group="НКО")
    assert only_ngo["summary"][0]["n"] == 0 and only_ngo["total"]["sent"] == 1
    page = region.client("coordinator").get(reverse("outreach:results", kwargs={"pk": sending.pk}))
    body = page.content.decode()
    assert "Ответили <strong>3</strong> из 4" in body and "среднее 4.0" in body.replace(",", ".")
    assert 'id="outreach-charts"' in body and "chart.umd.min.js" in body


def test_it_exports_all_answers_with_user_text_never_a_formula(region):
    text_q = region.questionnaire_a.questions.get(kind="text")
    outreach.answers_save(
        recipient=region.waiting_a,
        data={f"q{region.question_a.pk}": "2", f"q{text_q.pk}": '=HYPERLINK("http://x")'},
        submit=True,
    )
    response = fetched(
        region.client("coordinator"), reverse("outreach:sending_export", kwargs={"pk": region.sending_a.pk})
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0].startswith("Территория:") and rows[1][:3] == ("Респондент", "Вид / форма", "Территория")
    cell = next(c for row in sheet.iter_rows() for c in row if c.value == '=HYPERLINK("http://x")')
    assert cell.data_type == "s"
    assert len(rows) == 4  # the about row, the headers, two answered recipients


def test_it_shows_a_respondents_answers_on_the_organization_and_community_pages(region):
    client = region.client("coordinator")
    org_page = client.get(reverse("directory:detail", kwargs={"pk": region.org_a.pk})).content.decode()
    assert "Ответы на анкеты" in org_page and "Анкета района А" in org_page
    outreach.answers_save(recipient=region.waiting_a, data={f"q{region.question_a.pk}": "5"}, submit=True)
    community_page = client.get(reverse("communities:detail", kwargs={"pk": region.community_a.pk})).content.decode()
    assert "Ответы на анкеты" in community_page
    detail = client.get(reverse("outreach:recipient", kwargs={"pk": region.answered_a.pk})).content.decode()
    assert "Оцените активность" in detail and ">4<" in detail
    staff_page = region.client("org_staff").get(reverse("directory:detail", kwargs={"pk": region.org_a.pk}))
    assert "Ответы на анкеты" not in staff_page.content.decode()


def test_it_keeps_other_territories_sendings_out_of_scope(region):
    client = region.client("coordinator")
    assert client.get(reverse("outreach:sending", kwargs={"pk": region.sending_b.pk})).status_code == 404
    assert client.get(reverse("outreach:results", kwargs={"pk": region.sending_b.pk})).status_code == 404
    recipient_b = region.sending_b.recipients.get()
    assert client.get(reverse("outreach:recipient", kwargs={"pk": recipient_b.pk})).status_code == 404
    listing = client.get(reverse("outreach:questionnaires")).content.decode()
    assert "Рассылка А" in listing and "Рассылка Б" not in listing
    api = region.api("coordinator")
    assert api.get(f"/api/v1/questionnaire-sendings/{region.sending_b.pk}/summary").status_code == 404
    summary = api.get(f"/api/v1/questionnaire-sendings/{region.sending_a.pk}/summary").json()
    assert summary["total"]["answered"] == 1 and summary["questions"][0]["mean"] == 4.0
    names = [s["title"] for s in api.get("/api/v1/questionnaire-sendings").json()]
    assert names == ["Рассылка А"]


def test_it_lists_the_sendings_page_with_a_bounded_number_of_queries(region, django_assert_max_num_queries):
    outreach.sending_create(
        questionnaire=region.questionnaire_a,
        title="Много",
        territory=region.a,
        organizations=_orgs(region, 10),
        actor=region.users["coordinator"],
    )
    client = region.client("coordinator")
    with django_assert_max_num_queries(20):
        client.get(reverse("outreach:questionnaires"))
    sending = Sending.objects.get(title="Много")
    with django_assert_max_num_queries(20):
        client.get(reverse("outreach:sending", kwargs={"pk": sending.pk}))
