"""Selectors, the dashboard, its XLSX and the Figures API on the region fixture."""

from datetime import timedelta
from io import BytesIO

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from catalog.models import ServiceCategory
from communities.models import CommunityLeader
from exports.testing import fetched
from helprequests.models import FollowUp, HelpRequest
from helprequests.services import request_create
from people.models import Beneficiary, Household
from stats import selectors
from volunteers.models import Volunteer


def _request(person, received, hours=None, status="connected", **fields):
    request = request_create(
        beneficiary=person,
        channel="hotline",
        needs=list(ServiceCategory.objects.filter(code="groceries")),
        received_at=received,
        connect_due_at=received + timedelta(hours=72),
        connected_at=received + timedelta(hours=hours) if hours is not None else None,
        status=status,
        **fields,
    )
    return request


@pytest.fixture
def figures_region(region):
    """This period (the last 30 days): 4 requests in A1 (3 in time, 1 overdue), 1 in B1; 1 in the period before."""
    HelpRequest.objects.all().delete()
    FollowUp.objects.all().delete()
    now = timezone.now()
    day = now - timedelta(days=5)
    _request(region.person_a, day, hours=2)
    _request(region.person_a, day, hours=10)
    _request(region.person_a2, day, hours=30)
    _request(region.person_a2, day, status="assigned")  # overdue: the 72 h limit passed 2 days ago
    _request(region.person_b, day, hours=100)
    done = _request(region.person_a, now - timedelta(days=40), hours=5)  # previous period
    FollowUp.objects.create(request=done, kind="14d", due_at=day, done_at=day, satisfaction=4)
    FollowUp.objects.create(request=done, kind="30d", due_at=day, done_at=day, satisfaction=5)
    return region


def _book(client, name, params):
    """Press the export button and open the file the worker built (#12)."""
    return load_workbook(BytesIO(fetched(client, reverse(f"stats:{name}"), params).content))


def _period():
    today = timezone.localdate()
    return today - timedelta(days=29), today


def test_it_computes_the_figures_of_a_territory_and_its_previous_period(figures_region):
    r = figures_region
    data = selectors.figures_for(r.region, *_period())
    current = data["current"]
    assert current["requests"] == 5
    assert current["people"] == 3
    # decided: all 5; connected by the limit: 2 h, 10 h, 30 h → 3 of 5
    assert current["connected_within_limit_pct"] == 60.0
    assert current["median_hours_to_connect"] == 20.0  # 2 10 30 100 → (10 + 30) / 2
    assert current["overdue_now"] == 1
    assert current["satisfaction_avg"] == 4.5
    assert data["previous"]["requests"] == 1
    assert data["previous"]["connected_within_limit_pct"] == 100.0
    assert data["breakdowns"]["channel"] == {"hotline": 5}
    district = selectors.figures_for(r.a, *_period())["current"]
    assert district["requests"] == 4 and district["connected_within_limit_pct"] == 75.0


def test_it_rolls_up_the_region_to_the_sum_of_its_districts(figures_region):
    data = selectors.figures_for(figures_region.region, *_period())
    lines, total = data["lines"], data["total"]
    assert [line["name"] for line in lines] == ["Район А", "Район Б"]
    assert total["requests"] == sum(line["requests"] for line in lines) == 5
    assert total["overdue_now"] == sum(line["overdue_now"] for line in lines)
    assert total["people"] == 3


def test_it_gathers_rows_with_a_fixed_number_of_queries(figures_region, django_assert_max_num_queries):
    for _ in range(5):
        _request(figures_region.person_b, timezone.now() - timedelta(days=1), hours=1)
    with django_assert_max_num_queries(6):
        selectors.figures_for(figures_region.region, *_period())


def test_it_shows_figures_beside_the_previous_period_and_masks_small_counts(figures_region):
    r = figures_region
    start, finish = _period()
    page = r.client("analyst").get(
        reverse("stats:dashboard"), {"territory": r.region.pk, "date_from": start, "date_to": finish}
    )
    html = page.content.decode()
    assert page.status_code == 200
    assert "Связь установлена в срок, %" in html and "60,0" in html
    assert "Предыдущий период" in html
    # Район Б has one request from one person: shown as «< 3»
    assert "Район Б" in html and "&lt; 3" in html
    assert 'id="chart-territories-data"' in html and "chart.umd.min.js" in html
    # each chart has a text alternative with its numbers, small counts masked there too
    assert 'aria-label="Столбчатая диаграмма «Обращения по территориям»: Район А — 4, Район Б — &lt; 3.' in html


def test_it_never_fails_on_bad_period_or_territory(figures_region):
    client = figures_region.client("analyst")
    for params in (
        {"date_from": "вчера", "date_to": "2026-13-45"},
        {"date_from": "2026-05-10", "date_to": "2026-05-01"},
        {"territory": "abc"},
        {"territory": "999999"},
        {"date_from": "1900-01-01", "date_to": "2026-01-01"},
    ):
        page = client.get(reverse("stats:dashboard"), params)
        assert page.status_code == 200, params
    page = client.get(reverse("stats:dashboard"), {"date_from": "2026-05-10", "date_to": "2026-05-01"})
    assert "Дата «с» позже даты «по»." in page.content.decode()


def test_it_keeps_a_coordinator_inside_their_district(figures_region):
    r = figures_region
    page = r.client("coordinator").get(reverse("stats:dashboard"), {"territory": r.b.pk})
    html = page.content.decode()
    assert "Статистика для решений: Район А" in html  # B is out of scope: the default (their district) is shown
    assert f'<option value="{r.b.pk}"' not in html
    answer = r.api("coordinator").get("/api/v1/stats/summary", {"territory_id": r.b.pk})
    assert answer.status_code == 404


def test_it_exports_the_territory_table_with_the_roll_up(figures_region):
    r = figures_region
    response = fetched(r.client("analyst"), reverse("stats:export"), {"territory": r.region.pk})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Территория"
    assert rows[1][:3] == ("Район А", 4, "< 3")
    assert rows[2][:3] == ("Район Б", "< 3", "< 3")
    assert rows[-1][:3] == ("Итого", 5, 3)


def test_it_answers_the_summary_as_the_contract_says(figures_region):
    r = figures_region
    start, finish = _period()
    answer = r.api("analyst").get(
        "/api/v1/stats/summary", {"territory_id": r.a.pk, "date_from": start, "date_to": finish}
    )
    assert answer.status_code == 200
    body = answer.json()
    for key in ("requests", "connected_within_limit_pct", "median_hours_to_connect", "overdue_now", "satisfaction_avg"):
        assert key in body
    assert body["requests"] == 4
    assert body["connected_within_limit_pct"] == 75.0
    assert body["median_hours_to_connect"] == 10.0
    assert body["overdue_now"] == 1
    assert body["territory"] == {"id": r.a.pk, "name": "Район А"}
    assert body["previous"]["requests"] == 1
    table = r.api("analyst").get("/api/v1/stats/territories", {"territory_id": r.region.pk}).json()
    assert [line["requests"] for line in table["lines"]] == [4, "< 3"]
    assert table["total"]["requests"] == 5


def test_it_refuses_bad_parameters_in_russian(figures_region):
    client = figures_region.api("analyst")
    answer = client.get("/api/v1/stats/summary", {"date_from": "вчера"})
    assert answer.status_code == 422
    assert answer.json()["errors"]["date_from"] == ["Ожидается дата в формате ГГГГ-ММ-ДД."]
    answer = client.get("/api/v1/stats/summary", {"date_from": "2026-05-10", "date_to": "2026-05-01"})
    assert answer.status_code == 422
    assert answer.json()["errors"]["date_from"] == ["Дата «с» позже даты «по»."]
    answer = client.get("/api/v1/stats/summary", {"territory_id": "abc"})
    assert answer.status_code == 422


def _personal_strings():
    strings = set()
    for model, fields in (
        (Beneficiary, ("full_name", "phone", "phone2", "address")),
        (Volunteer, ("full_name", "phone")),
        (CommunityLeader, ("full_name",)),
        (HelpRequest, ("reporter_name", "reporter_phone", "description")),
        (Household, ("name", "address", "contact_name", "contact_phone")),
    ):
        for values in model.objects.values_list(*fields):
            strings.update(v for v in values if v and len(v) > 3)
    return strings


def test_it_shows_the_analyst_no_names_or_phones(figures_region):
    r = figures_region
    HelpRequest.objects.filter(pk=HelpRequest.objects.first().pk).update(
        reporter_name="Соседова Светлана", reporter_phone="+79105550000", description="Живёт у колодца"
    )
    personal = _personal_strings()
    assert "Иванова Анна Петровна" in personal and "+79101112233" in personal
    client, api = r.client("analyst"), r.api("analyst")
    texts = []
    # the whole walk: every page, export and API answer of the statistics, for every level of the tree
    for territory in (r.region, r.a, r.a1, r.b):
        texts.append(client.get(reverse("stats:dashboard"), {"territory": territory.pk}).content.decode())
        book = _book(client, "export", {"territory": territory.pk})
        texts.append(" ".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row))
        texts.append(api.get("/api/v1/stats/summary", {"territory_id": territory.pk}).content.decode())
        texts.append(api.get("/api/v1/stats/territories", {"territory_id": territory.pk}).content.decode())
        texts.append(client.get(reverse("stats:gaps"), {"territory": territory.pk}).content.decode())
        texts.append(client.get(reverse("stats:gaps_map"), {"territory": territory.pk}).content.decode())
        book = _book(client, "gaps_export", {"territory": territory.pk})
        texts.append(" ".join(str(v) for row in book.active.iter_rows(values_only=True) for v in row))
        texts.append(api.get("/api/v1/stats/gaps", {"territory_id": territory.pk}).content.decode())
        texts.append(api.get("/api/v1/stats/programmes", {"territory_id": territory.pk}).content.decode())
        book = _book(client, "tables_export", {"territory": territory.pk})
        texts.append(" ".join(str(v) for sheet in book for row in sheet.iter_rows(values_only=True) for v in row))
        pdf = PdfReader(BytesIO(fetched(client, reverse("stats:report_pdf"), {"territory": territory.pk}).content))
        texts.append(" ".join(page.extract_text() for page in pdf.pages))
    for text in texts:
        leaked = [s for s in personal if s in text]
        assert not leaked, leaked


def test_it_lists_statistics_in_the_menu_of_analysts_and_coordinators(region):
    for role in ("analyst", "coordinator"):
        assert reverse("stats:dashboard") in region.client(role).get(reverse("staff_home")).content.decode()
    assert reverse("stats:dashboard") not in region.client("operator").get(reverse("staff_home")).content.decode()


def test_it_hides_the_change_when_it_would_reveal_a_small_count(figures_region):
    r = figures_region
    html = r.client("analyst").get(reverse("stats:dashboard"), {"territory": r.a.pk}).content.decode()
    row = html.split('data-figure="requests"')[1].split("</tr>")[0]
    # 4 now, 1 before («< 3»): «+3» would give the hidden value away
    assert "<td>4</td><td>&lt; 3</td><td>—</td>" in row


def test_it_sorts_the_territory_table_by_a_column_without_scripts(figures_region):
    r = figures_region
    client = r.client("analyst")
    html = client.get(reverse("stats:dashboard"), {"territory": r.region.pk, "sort": "-requests"}).content.decode()
    table = html.split('class="stats-territories"')[1]
    assert table.index("Район А") < table.index("Район Б")
    assert 'aria-sort="descending"' in table and "sort=requests#territories" in table  # the next click reverses
    html = client.get(reverse("stats:dashboard"), {"territory": r.region.pk, "sort": "requests"}).content.decode()
    table = html.split('class="stats-territories"')[1]
    assert table.index("Район Б") < table.index("Район А")
    assert 'aria-sort="ascending"' in table
    assert client.get(reverse("stats:dashboard"), {"territory": r.region.pk, "sort": "hack"}).status_code == 200
    book = _book(client, "export", {"territory": r.region.pk, "sort": "requests"})
    assert [row[0] for row in book.active.iter_rows(values_only=True)] == ["Территория", "Район Б", "Район А", "Итого"]


def test_it_exports_every_table_of_the_dashboard(figures_region):
    r = figures_region
    client = r.client("analyst")
    book = _book(client, "tables_export", {"territory": r.region.pk})
    assert book.sheetnames[:3] == ["Показатели", "Территории", "Что нужно"]
    assert "Волонтёры" in book.sheetnames and "Помогающие организации" in book.sheetnames
    figures_sheet = list(book["Показатели"].iter_rows(values_only=True))
    assert figures_sheet[1][:3] == ("Обращений поступило", 5, "< 3")
    assert list(book["Территории"].iter_rows(values_only=True))[-1][:3] == ("Итого", 5, 3)
    one = load_workbook(
        BytesIO(
            fetched(client, reverse("stats:tables_export"), {"territory": r.region.pk, "table": "by_channel"}).content
        )
    )
    assert one.sheetnames == ["Канал"]
    assert list(one.active.iter_rows(values_only=True))[1][:2] == ("Горячая линия", 5)


def test_its_exports_keep_the_owners_scope_in_the_worker(figures_region):
    r = figures_region
    client = r.client("coordinator")  # district A: asking for B (out of scope) gives A, as the page does
    rows = list(_book(client, "export", {"territory": r.b.pk}).active.iter_rows(values_only=True))
    names = [row[0] for row in rows[1:]]
    assert "Район Б" not in names and "Село Б1" not in names and names[-1] == "Итого"
    assert rows[-1][1] == 4  # A's four requests, none of B's
    gaps = list(_book(client, "gaps_export", {"territory": r.b.pk}).active.iter_rows(values_only=True))
    assert all(not str(row[0]).startswith(("Район Б", "Село Б")) for row in gaps[1:])
    book = _book(client, "tables_export", {"territory": r.b.pk})
    assert list(book["Территории"].iter_rows(values_only=True))[-1][:2] == ("Итого", 4)


def test_its_exports_are_titled_with_the_territory_and_period_in_my_exports(figures_region):
    r = figures_region
    client = r.client("analyst")
    for territory in (r.region, r.a):
        client.get(reverse("stats:tables_export"), {"territory": territory.pk, "date_from": "2026-11-01"})
    page = client.get(reverse("exports:list")).content.decode()
    assert f"Статистика: таблицы панели: {r.region.name}, 01.11.2026–" in page
    assert f"Статистика: таблицы панели: {r.a.name}, 01.11.2026–" in page
