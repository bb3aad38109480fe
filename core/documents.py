"""Documents for people outside the platform: PDF through WeasyPrint, DOCX through docxtpl.

Every generated protocol, canvas, letter, act and report goes through here, so fonts, page size
and the download answer are the same everywhere.
"""

from io import BytesIO

from django.http import HttpResponse
from django.template.loader import render_to_string

PDF = "application/pdf"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"


def pdf_from_html(html, base_url=None):
    from weasyprint import HTML  # heavy import: only when a PDF is asked for

    return HTML(string=html, base_url=base_url).write_pdf()


def render_pdf(template_name, context, request=None):
    """A Django template (extend `documents/base_print.html`) rendered to PDF bytes."""
    return pdf_from_html(render_to_string(template_name, context, request=request))


def render_docx(template, context):
    """A docxtpl template (a path or a file-like .docx with Jinja tags) filled with context.

    Jinja runs sandboxed: templates may be uploaded by staff (e.g. the expert-session protocol), and a
    template must not reach Python internals through attributes like `__class__`."""
    from docxtpl import DocxTemplate
    from jinja2.sandbox import SandboxedEnvironment

    document = DocxTemplate(template)
    document.render(context, jinja_env=SandboxedEnvironment(), autoescape=True)
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def download(content, filename, content_type):
    """An attachment answer; the file name may be Cyrillic."""
    from urllib.parse import quote

    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "no-store"
    return response
