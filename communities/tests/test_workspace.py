import io
from datetime import timedelta

import pypdf
import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from communities import selectors, services
from communities.documents import canvas_docx_bytes, canvas_pdf_bytes
from communities.models import FORMAL_FORMS, Community, CommunityAudit, Form, Interaction, RoadmapStep
from communities.periodic import remind_overdue_steps
from exports.testing import fetched


@pytest.fixture
def coordinator(region):
    user = region.users["coordinator"]
    user.email = "coordinator@example.org"
    user.save()
    return user


def test_it_knows_formal_and_informal_forms(region, coordinator):
    tos = services.community_create(name="ТОС «Заречье»", form=Form.TOS_LEGAL, territory=region.a1, actor=coordinator)
    chat = services.community_create(name="Чат соседей", form=Form.ONLINE, territory=region.a1, actor=coordinator)
    assert tos.is_formal and tos.form_kind == "формальное"
    assert not chat.is_formal and chat.form_kind == "неформальное"
    assert len(Form.values) == 9 and len(FORMAL_FORMS) == 6


def test_it_keeps_the_engagement_history(region, coordinator):
    c = region.community_a
    services.community_set_engagement(community=c, level="consulting", note="Провели опрос", actor=coordinator)
    services.community_set_engagement(community=c, level="participation", actor=coordinator)
    c.refresh_from_db()
    assert c.engagement == "participation"
    assert [e.level for e in c.engagement_history.all()] == ["participation", "consulting", "informing"]


def test_it_versions_the_canvas_and_diffs_two_versions(region, coordinator):
    c = region.community_a
    v1 = services.canvas_save(community=c, kind="full", answers={"purpose": "Помогать соседям"}, actor=coordinator)
    v2 = services.canvas_save(
        community=c,
        kind="full",
        answers={"purpose": "Помогать старшим соседям", "rules": "Уважение"},
        actor=coordinator,
    )
    assert (v1.number, v2.number) == (1, 2)
    changes = services.canvas_diff(old=v1, new=v2)
    assert [x["label"] for x in changes] == ["Цель", "Правила"]
    page = region.client("coordinator").get(
        reverse("communities:canvas_diff", args=[c.pk, "full"]) + f"?a={v1.number}&b={v2.number}"
    )
    assert "Помогать старшим соседям" in page.content.decode()
    same = services.canvas_save(
        community=c,
        kind="full",
        answers={"purpose": "Помогать старшим соседям", "rules": "Уважение"},
        actor=coordinator,
    )
    assert same.pk == v2.pk  # nothing changed: no empty version


def test_it_refuses_a_fourth_value_and_a_metric_without_target(region, coordinator):
    c = region.community_a
    with pytest.raises(ValidationError) as exc:
        services.canvas_save(community=c, kind="minimum", answers={}, values=["a", "b", "c", "d"], actor=coordinator)
    assert "Ценностей должно быть ровно 3" in exc.value.message_dict["values"][0]
    url = reverse("communities:canvas_edit", args=[c.pk, "minimum"])
    answer = region.client("coordinator").post(
        url,
        {
            "purpose": "Цель",
            "values": "Доверие\nСоседство\nЗабота",
            "metric_1_name": "Встреч в месяц",
            "metric_1_target": "",
        },
    )
    assert answer.status_code == 200
    assert "укажите целевое значение через 12 месяцев" in answer.content.decode()
    assert c.canvas_versions.filter(kind="minimum").count() == 1  # only the fixture's version


def test_the_pdf_and_docx_contain_the_communitys_answers(region, coordinator):
    from docx import Document

    c = region.community_a
    version = services.latest_canvas(c, "minimum")
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(canvas_pdf_bytes(c, version))).pages)
    assert "Никто из старших не одинок" in text and "Доверие" in text and "Совет дома на Садовой" in text
    doc = Document(io.BytesIO(canvas_docx_bytes(c, version)))
    body = "\n".join(p.text for p in doc.paragraphs)
    assert (
        "Никто из старших не одинок" in body and "Какие 3 принципа нам важны?" in body and "Участников встреч" in body
    )
    client = region.client("coordinator")
    answer = fetched(client, reverse("communities:canvas_docx", args=[c.pk, "minimum"]))  # by the worker (#12)
    assert answer.status_code == 200 and answer["Content-Type"].endswith("wordprocessingml.document")
    body = "\n".join(p.text for p in Document(io.BytesIO(answer.content)).paragraphs)
    assert "Никто из старших не одинок" in body
    pdf = fetched(client, reverse("communities:canvas_pdf", args=[c.pk, "minimum"]))
    assert pdf["Content-Type"] == "application/pdf" and f"v{version.number}.pdf" in pdf["Content-Disposition"]
    text = "".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf.content)).pages)
    assert "Совет дома на Садовой" in text


def test_overdue_steps_form_a_queue_and_are_emailed_once(region, coordinator):
    c = region.community_a
    today = timezone.localdate()
    step = services.roadmap_step_create(
        territory=region.a,
        title="Провести фокус-группу",
        community=c,
        responsible=coordinator,
        start_date=today,
        due_date=today + timedelta(days=3),
        actor=coordinator,
    )
    interaction = Interaction.objects.get(pk=region.interaction_a.pk)
    assert not selectors.interactions(coordinator, overdue=True).exists()  # due today: not yet overdue
    later = timezone.now() + timedelta(days=5)
    later_day = timezone.localdate(later)
    assert list(selectors.interactions(coordinator, overdue=True, today=later_day)) == [interaction]
    assert list(RoadmapStep.objects.overdue(later_day)) == [step]
    remind_overdue_steps(now=later)
    remind_overdue_steps(now=later)
    assert sorted(m.subject for m in mail.outbox) == [
        "Забота: просрочен следующий шаг по работе с сообществом",
        "Забота: просрочен шаг дорожной карты ТРЦ + сообщества",
    ]
    assert mail.outbox[0].to == ["coordinator@example.org"]
    desk = selectors.desk(coordinator, today=later_day)
    assert desk["overdue_steps"] == [interaction] and desk["roadmap_overdue"] == [step]


def test_the_audit_decision_changes_the_status_and_stays_in_history(region, coordinator):
    c = region.community_a
    with pytest.raises(ValidationError):
        services.community_audit_record(community=c, decision="relaunch", actor=coordinator)
    answer = region.client("coordinator").post(
        reverse("communities:audit", args=[c.pk]),
        {
            "held_on": timezone.localdate().isoformat(),
            "sign_feeling": "0",
            "mood": "Устали",
            "decision": "relaunch",
            "note": "Ушёл лидер, встречи прекратились",
            "events_held": "1",
        },
    )
    assert answer.status_code == 302
    c.refresh_from_db()
    assert c.status == Community.Status.RELAUNCHING and c.signs == {"feeling": 0}
    audit = c.audits.get()
    assert (audit.decision, audit.status_before, audit.status_after) == ("relaunch", "forming", "relaunching")
    services.community_audit_record(community=c, decision=CommunityAudit.Decision.CONTINUE, actor=coordinator)
    c.refresh_from_db()
    assert c.status == "active" and c.audits.count() == 2


def test_the_desk_shows_my_communities_first(region, coordinator):
    other = services.community_create(name="Авангард", form=Form.INTEREST, territory=region.a1, actor=coordinator)
    page = region.client("coordinator").get(reverse("communities:desk"))
    names = [c.name for c in page.context["communities"]]
    assert names.index("Совет дома на Садовой") < names.index(other.name)
    assert "ТОС «Б1»" not in names  # territory B is out of scope


def test_the_lists_do_not_grow_queries_with_rows(region, coordinator, django_assert_max_num_queries):
    for i in range(15):
        c = services.community_create(name=f"Группа {i}", form=Form.INITIATIVE, territory=region.a1, actor=coordinator)
        services.interaction_create(community=c, format="interview", topic=f"Тема {i}", actor=coordinator)
        services.roadmap_step_create(territory=region.a1, community=c, title=f"Шаг {i}", actor=coordinator)
    client = region.client("coordinator")
    for name in ["communities:list", "communities:interactions", "communities:roadmap", "communities:desk"]:
        with django_assert_max_num_queries(16):
            assert client.get(reverse(name)).status_code == 200


def test_the_leader_links_to_a_community_with_text_as_fallback(region, coordinator):
    leader = region.leader_a
    assert leader.community_name == "Совет"
    leader.linked_community = region.community_a
    leader.save()
    assert leader.community_name == "Совет дома на Садовой"
    answer = region.client("coordinator").post(
        reverse("communities:leader_create"),
        {"full_name": "Без Сообщества", "territory": region.a1.pk, "found_on": "2026-05-01"},
    )
    assert "Выберите сообщество из реестра" in answer.content.decode()


def test_the_map_layer_colours_communities_and_shows_gaps(region, coordinator):
    client = region.client("coordinator")
    data = client.get(reverse("directory:map_data")).json()["features"]
    community = [f for f in data if f["properties"]["kind"] == "community"]
    assert [f["properties"]["name"] for f in community] == ["Совет дома на Садовой"]
    assert community[0]["properties"]["color"] == "#5f6368"
    assert not [f for f in data if f["properties"]["kind"] == "gap"]
    # A1 has older people and a forming community: no gap. Close it: A1 becomes a gap.
    services.community_audit_record(community=region.community_a, decision="close", note="Распалось", actor=coordinator)
    data = client.get(reverse("directory:map_data") + "?gaps=1&cstatus=active").json()["features"]
    assert [f["properties"]["name"] for f in data if f["properties"]["kind"] == "gap"] == ["Посёлок А1"]
    assert not [f for f in data if f["properties"]["kind"] == "community"]
    assert "пробелы" in client.get(reverse("directory:map") + "?gaps=1").content.decode()
    staff = region.client("org_staff").get(reverse("directory:map_data")).json()["features"]
    assert not [f for f in staff if f["properties"]["kind"] in ("community", "gap")]


def test_the_architecture_page_counts_the_levels(region):
    page = region.client("analyst").get(reverse("communities:architecture", args=[region.region.pk]))
    assert page.context["communities"] == 2 and page.context["organizations"] >= 2
    assert "Коалиция «Забота рядом»" in page.content.decode()


def test_the_api_lists_scoped_communities_interactions_and_steps(region):
    api = region.api("coordinator")
    communities = api.get("/api/v1/communities").json()
    assert [c["name"] for c in communities] == ["Совет дома на Садовой"]
    assert communities[0]["form"] == "mkd_council" and communities[0]["is_formal"] is True
    assert api.get(f"/api/v1/communities/{region.community_b.pk}").status_code == 404
    interactions = api.get("/api/v1/community-interactions").json()
    assert interactions[0]["next_step"] == "Позвонить" and interactions[0]["overdue"] is False
    assert [s["title"] for s in api.get("/api/v1/roadmap-steps").json()] == ["Провести сессию"]
    schema = api.get("/api/v1/openapi.json").json()
    assert "/api/v1/roadmap-steps" in schema["paths"]


def test_roadmap_step_create_is_the_door_for_other_apps(region, coordinator):
    step = services.roadmap_step_create(
        territory=region.a, title="Пандус у поликлиники", source="Экспертная сессия №1", actor=coordinator
    )
    assert step.status == "planned" and step.source == "Экспертная сессия №1" and step.community is None
    with pytest.raises(ValidationError):
        services.roadmap_step_create(territory=region.a, title=" ", actor=coordinator)


def test_the_roadmap_timeline_uses_dots_in_svg_numbers(region, coordinator):
    today = timezone.localdate()
    services.roadmap_step_create(
        territory=region.a,
        title="Шаг",
        start_date=today - timedelta(days=3),
        due_date=today + timedelta(days=4),
        actor=coordinator,
    )
    html = region.client("coordinator").get(reverse("communities:roadmap")).content.decode()
    import re

    xs = re.findall(r'<rect x="([^"]+)%"', html)
    assert xs and all("," not in x for x in xs)


def test_the_desk_flags_communities_due_for_an_audit(region, coordinator):
    desk = selectors.desk(coordinator)
    assert [c.name for c in desk["audit_due"]] == ["Совет дома на Садовой"]
    services.community_audit_record(community=region.community_a, decision="continue", actor=coordinator)
    assert selectors.desk(coordinator)["audit_due"] == []
    later = timezone.localdate() + timedelta(days=120)
    assert len(selectors.desk(coordinator, today=later)["audit_due"]) == 1


def test_the_architecture_counts_communities_below_each_municipality(region):
    page = region.client("coordinator").get(reverse("communities:architecture", args=[region.region.pk]))
    assert page.status_code == 404  # the coordinator of A does not see the whole region
    page = region.client("analyst").get(reverse("communities:architecture", args=[region.region.pk]))
    assert {t.name: t.n for t in page.context["children"]} == {"Район А": 1, "Район Б": 1}


def test_the_community_form_edits_through_the_service(region, coordinator):
    c = region.community_a
    url = reverse("communities:edit", args=[c.pk])
    data = {
        "name": "Совет дома на Садовой, 14",
        "form": "mkd_council",
        "territory": region.a1.pk,
        "status": "active",
        "responsible": coordinator.pk,
        "member_estimate": "40",
        "readiness": ["problem", "activists"],
        "sign_place": "2",
        "organizations": [region.org_a.pk],
    }
    assert region.client("coordinator").post(url, data).status_code == 302
    c.refresh_from_db()
    assert (c.name, c.status, c.member_estimate) == ("Совет дома на Садовой, 14", "active", 40)
    assert c.readiness == ["problem", "activists"] and c.signs == {"place": 2}
    assert list(c.organizations.all()) == [region.org_a]
    data["territory"] = region.b1.pk  # out of scope: refused by the form, nothing saved
    answer = region.client("coordinator").post(url, data)
    assert answer.status_code == 200 and "has-error" in answer.content.decode()


def test_the_roadmap_forms_create_and_update_steps(region, coordinator):
    client = region.client("coordinator")
    today = timezone.localdate()
    answer = client.post(
        reverse("communities:roadmap_create"),
        {
            "title": "Встреча с главой поселения",
            "territory": region.a1.pk,
            "start_date": today.isoformat(),
            "due_date": (today - timedelta(days=1)).isoformat(),
        },
    )
    assert "Срок не может быть раньше начала." in answer.content.decode()
    client.post(
        reverse("communities:roadmap_create"),
        {
            "title": "Встреча с главой поселения",
            "territory": region.a1.pk,
            "community": region.community_a.pk,
            "responsible": coordinator.pk,
            "due_date": (today - timedelta(days=1)).isoformat(),
        },
    )
    step = RoadmapStep.objects.get(title="Встреча с главой поселения")
    remind_overdue_steps()
    step.refresh_from_db()
    assert step.overdue_notified_at is not None
    answer = client.post(
        reverse("communities:roadmap_edit", args=[step.pk]),
        {
            "title": step.title,
            "community": region.community_a.pk,
            "responsible": coordinator.pk,
            "due_date": (today + timedelta(days=10)).isoformat(),
            "status": "in_progress",
            "result": "",
        },
    )
    assert answer.status_code == 302
    step.refresh_from_db()
    assert step.status == "in_progress" and step.overdue_notified_at is None  # a new deadline is reminded again


def test_a_coordinator_cannot_open_another_territorys_community(region):
    client = region.client("coordinator")
    assert client.get(reverse("communities:detail", args=[region.community_b.pk])).status_code == 404
    assert client.get(reverse("communities:canvas_pdf", args=[region.community_b.pk, "minimum"])).status_code == 404
    assert (
        region.client("coordinator")
        .get(reverse("communities:canvas", args=[region.community_a.pk, "other"]))
        .status_code
        == 404
    )


def test_the_exports_write_user_text_as_text(region, coordinator):
    from openpyxl import load_workbook

    services.interaction_create(
        community=region.community_a, format="survey", topic='=HYPERLINK("x")', actor=coordinator
    )
    client = region.client("coordinator")
    for name in ["communities:interaction_export", "communities:export", "communities:roadmap_export"]:
        answer = fetched(client, reverse(name))  # built by the worker (#12)
        assert answer.status_code == 200
        sheet = load_workbook(io.BytesIO(answer.content)).active
        assert sheet.max_row >= 2
    sheet = load_workbook(io.BytesIO(fetched(client, reverse("communities:interaction_export")).content)).active
    topics = [row[3].value for row in sheet.iter_rows(min_row=3)]
    assert '=HYPERLINK("x")' in topics and all(row[3].data_type == "s" for row in sheet.iter_rows(min_row=3))
