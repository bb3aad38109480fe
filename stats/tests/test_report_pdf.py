"""The printable PDF report for a ministry meeting: cover, figures, bars, programmes, gaps; aggregates only."""

from io import BytesIO

from django.urls import reverse
from pypdf import PdfReader

from stats import report


def _text(response):
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)


def test_it_prints_the_dashboard_as_a_pdf_report(region):
    response = region.client("analyst").get(reverse("stats:report_pdf"), {"territory": region.a.pk})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
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
