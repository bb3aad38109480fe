"""The printable PDF report for a ministry meeting: cover, figures, bars, programmes, gaps; aggregates only."""

from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from audit.models import AuditEntry
from exports.models import Export
from exports.testing import fetched
from stats import report


def _text(response):
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def test_it_prints_the_dashboard_as_a_pdf_report(region):
    response = fetched(region.client("analyst"), reverse("stats:report_pdf"), {"territory": region.a.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "%D0%A0%D0%B0%D0%B9%D0%BE%D0%BD" in response["Content-Disposition"]  # «Статистика Район А …pdf»
    text = _text(response)
    for part in (
        "Статистика для решений",
        "Материалы к совещанию",
        "Район А",
        "Основные показатели",
        "По территориям",
        "Обращения по территориям",
        "Программы",
        "Телефонная служба",
        "Узкие места",
        "нет данных",
    ):
        assert part in text, part
    for personal in ("Иванова", "+79101112233", "Волонтёрова"):
        assert personal not in text


def test_the_worker_builds_it_titled_and_audited_like_the_request_did(region):
    fetched(region.client("analyst"), reverse("stats:report_pdf"), {"territory": region.a.pk})
    export = Export.objects.get()
    assert export.title.startswith("Статистика: отчёт PDF: Район А, ") and export.file_name.endswith(".pdf")
    entry = AuditEntry.objects.get(action="export", object_type="exports.export")
    assert entry.user == region.users["analyst"] and entry.details["what"] == export.title


def test_a_territory_out_of_scope_falls_back_to_the_owners_own_as_the_page_does(region):
    text = _text(fetched(region.client(region.coordinator_b), reverse("stats:report_pdf"), {"territory": region.a.pk}))
    assert "Район Б" in text and "Район А" not in text


def test_it_links_the_pdf_from_the_dashboard(region):
    html = region.client("analyst").get(reverse("stats:dashboard"), {"territory": region.a.pk}).content.decode()
    assert f"{reverse('stats:report_pdf')}?territory={region.a.pk}" in html


def test_it_draws_bars_in_proportion_and_masks_small_counts():
    chart = report.chart("x", "Тест", [("А", 10), ("Б", 2), ("В", 5), ("Г", 0)])
    bars = report.bars(chart)["bars"]
    assert [(b["label"], b["value"], b["width"]) for b in bars] == [
        ("А", 10, 100),
        ("Б", "< 3", 0),
        ("В", 5, 50),
        ("Г", 0, 0),
    ]
    assert chart["alt"].startswith("Столбчатая диаграмма «Тест»: А — 10, Б — < 3, В — 5, Г — 0.")
