"""#9: every export says its territory and period in a first row, reads dates as дд.мм.гггг and phones
in one format («+7 910 111-22-33»)."""

import io
from datetime import date, datetime

from django.urls import reverse
from openpyxl import load_workbook

from core.xlsx import export_about, xlsx_response
from exports.testing import fetched


def _sheet(response):
    assert response.status_code == 200, response.status_code
    return load_workbook(io.BytesIO(response.content)).active


def test_it_writes_the_about_row_above_the_headers_and_dates_as_dd_mm_yyyy():
    about = "Территория: Район А · Период: с 01.01.2026 по 31.01.2026"
    sheet = _sheet(
        xlsx_response("x", ["Когда", "День"], [(datetime(2026, 1, 5, 9, 30), date(2026, 1, 6))], about=about)
    )
    assert sheet["A1"].value == about
    assert [c.value for c in sheet[2]] == ["Когда", "День"]
    assert sheet["A3"].number_format == "DD.MM.YYYY HH:MM" and sheet["B3"].number_format == "DD.MM.YYYY"
    assert sheet.freeze_panes == "A3"


def test_it_describes_the_period_and_territory_in_words(region):
    user = region.users["coordinator"]
    assert export_about(user).startswith(f"Территория: {user.territory.name} · Период: за всё время · Выгружено ")
    line = export_about(user, territory=region.a1, start=date(2026, 1, 1), finish=date(2026, 3, 31))
    assert line.startswith("Территория: Посёлок А1 · Период: с 01.01.2026 по 31.03.2026")
    assert "Период: с 01.02.2026 ·" in export_about(user, start=date(2026, 2, 1))


def test_the_requests_export_states_territory_and_reads_dates_the_russian_way(region):
    sheet = _sheet(fetched(region.client("coordinator"), reverse("helprequests:export")))
    assert sheet["A1"].value.startswith("Территория: ") and "Период: за всё время" in sheet["A1"].value
    assert sheet["A2"].value == "Номер"
    assert sheet["B3"].number_format == "DD.MM.YYYY HH:MM"


def test_the_kpi_export_states_the_chosen_period_and_territory(region):
    query = {"format": "xlsx", "territory": region.a1.pk, "date_from": "2026-01-01", "date_to": "2026-01-31"}
    sheet = _sheet(fetched(region.client("coordinator"), reverse("phone:kpi"), query))
    assert sheet["A1"].value.startswith("Территория: Посёлок А1 · Период: с 01.01.2026 по 31.01.2026")


def test_the_journal_export_states_its_period(region):
    query = {"date_from": "2026-01-01", "date_to": "2026-12-31"}
    sheet = _sheet(fetched(region.client("coordinator"), reverse("audit:export"), query))
    assert "Период: с 01.01.2026 по 31.12.2026" in sheet["A1"].value
    assert sheet["A2"].value == "Когда"


def test_exports_write_phones_in_one_format(region):
    people = _sheet(fetched(region.client("coordinator"), reverse("people:export")))
    organizations = _sheet(fetched(region.client("coordinator"), reverse("directory:export")))
    phones = [c.value for row in people.iter_rows(min_row=3) for c in row if c.value and str(c.value).startswith("+7")]
    phones += [
        c.value for row in organizations.iter_rows(min_row=3) for c in row if c.value and str(c.value).startswith("+7")
    ]
    assert "+7 910 111-22-33" in phones and "+7 491 255-01-01" in phones
    assert all(p.startswith("+7 ") for p in phones), phones


def test_the_programmes_exports_state_territory_and_period_too(region):
    client = region.client("coordinator")
    visits = _sheet(
        fetched(
            client,
            reverse("centres:visit_export", args=[region.centre_a.pk]),
            {"date_from": "2026-01-01", "date_to": "2026-12-31"},
        )
    )
    assert visits["A1"].value.startswith("Центр А1 · Территория: Посёлок А1 · Период: с 01.01.2026 по 31.12.2026")
    assert visits["A2"].value == "Дата"
    for name in ("ties:export", "practices:export"):
        sheet = _sheet(fetched(client, reverse(name)))
        assert sheet["A1"].value.startswith("Территория: Район А · Период: за всё время"), name
