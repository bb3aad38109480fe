import io

import pypdf
from django.template import engines

from core.documents import pdf_from_html, render_docx


def test_it_renders_cyrillic_pdf():
    pdf = pdf_from_html("<h1>Протокол экспертной сессии</h1><p>Ёлкино</p>")
    text = pypdf.PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    assert "Протокол экспертной сессии" in text and "Ёлкино" in text


def test_it_fills_a_docx_template(tmp_path):
    from docx import Document

    template = Document()
    template.add_paragraph("Уважаемый {{ name }}!")
    path = tmp_path / "t.docx"
    template.save(path)
    filled = Document(io.BytesIO(render_docx(path, {"name": "Иван Петрович <b>"})))
    assert filled.paragraphs[0].text == "Уважаемый Иван Петрович <b>!"


def test_it_finds_the_print_base_template():
    assert engines["django"].engine.get_template("documents/base_print.html")
