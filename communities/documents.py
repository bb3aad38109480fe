"""The canvas workbook as a printable PDF and an editable DOCX (through core.documents)."""

from io import BytesIO

from django.utils import timezone

from communities import canvas
from core.documents import DOCX, PDF, download, render_docx, render_pdf


def _context(community, version):
    sections = canvas.as_sections(version.kind, version.answers, version.values, version.metrics)
    for row in sections:
        row["lines"] = row["answer"].splitlines() or ["—"]
    return {
        "title": f"Рабочая тетрадь по канве: {version.get_kind_display()}",
        "community": community.name,
        "form": community.get_form_display(),
        "territory": community.territory.name,
        "version": version.number,
        "saved": timezone.localtime(version.created_at).strftime("%d.%m.%Y %H:%M"),
        "author": str(version.created_by or "—"),
        "sections": sections,
    }


def _filename(community, version, ext):
    return f"Канва {community.name} v{version.number}.{ext}"


def canvas_pdf_bytes(community, version):
    return render_pdf("communities/canvas_print.html", _context(community, version))


def canvas_pdf(community, version):
    return download(canvas_pdf_bytes(community, version), _filename(community, version, "pdf"), PDF)


def _docx_template():
    """The DOCX template is built in code (docxtpl tags in python-docx paragraphs): nothing binary in git."""
    from docx import Document

    doc = Document()
    doc.add_heading("{{ title }}", level=1)
    doc.add_paragraph("Сообщество: {{ community }} ({{ form }}), {{ territory }}")
    doc.add_paragraph("Версия {{ version }} от {{ saved }}, автор: {{ author }}")
    doc.add_paragraph("{%p for s in sections %}")
    doc.add_heading("{{ s.label }}", level=2)
    question = doc.add_paragraph()
    question.add_run("{{ s.question }}").italic = True
    doc.add_paragraph("{%p for line in s.lines %}")
    doc.add_paragraph("{{ line }}")
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{%p endfor %}")
    buffer = BytesIO()
    doc.save(buffer)
    buffer.seek(0)
    return buffer


def canvas_docx_bytes(community, version):
    return render_docx(_docx_template(), _context(community, version))


def canvas_docx(community, version):
    return download(canvas_docx_bytes(community, version), _filename(community, version, "docx"), DOCX)
