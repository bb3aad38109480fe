"""Letters from templates: fields substituted, declined greeting and address, one DOCX and one PDF each.

The template's body is plain text with fields in braces ({регион}); paragraphs are separated by a blank
line. Substitution is plain string replacement (no template language reaches the staff's text).
"""

import re
import zipfile
from functools import lru_cache
from io import BytesIO

from outreach.declension import declension
from outreach.seed import LETTER_FIELDS

FIELD = re.compile(r"\{([^{}\s]+)\}")
SENTENCE = re.compile(r"(?<=[.!?])\s+")
# Fields whose sentence is left out when empty; the others must be filled in the template (see `missing`).
OPTIONAL = {"контакты", "абзац", "руководитель", "должность", "организация"}
TEMPLATE_FIELDS = {"регион": "region", "ресурсный_центр": "centre_name"}


def missing(template):
    """Template-level fields the body uses but the template leaves empty (a merge is refused then)."""
    used = set(FIELD.findall(template.body or ""))
    return [name for name, attr in TEMPLATE_FIELDS.items() if name in used and not getattr(template, attr).strip()]


MAX_MERGE = 100  # recipients in one mail merge
MAX_ZIP_BYTES = 50 * 1024 * 1024
MAX_PARAGRAPH = 3000


def unknown_fields(text):
    return sorted({name for name in FIELD.findall(text or "") if name not in LETTER_FIELDS})


def _substitute(text, values):
    return FIELD.sub(lambda m: values.get(m.group(1), m.group(0)), text)


def compose(template, contact, *, date, number, paragraph=""):
    """Plain data for one letter (the same for the DOCX and the PDF)."""
    declined = declension(
        last_name=contact.last_name,
        first_name=contact.first_name,
        middle_name=contact.middle_name,
        gender=contact.gender,
        position=contact.position,
        position_dative_text=contact.position_dative,
        org=contact.org_label if contact.kind != contact.Kind.MEDIA else contact.outlet,
    )
    values = {
        "имя_отчество": " ".join(p for p in (contact.first_name, contact.middle_name) if p),
        "должность": contact.position,
        "организация": contact.org_label,
        "регион": template.region,
        "ресурсный_центр": template.centre_name,
        "руководитель": template.head_name,
        "контакты": template.centre_contacts,
        "дата": date.strftime("%d.%m.%Y"),
        "номер": number,
        "абзац": (paragraph or "").strip(),
    }
    paragraphs = []
    for raw in re.split(r"\n\s*\n", template.body):
        # A sentence whose field is empty (e.g. no contacts in the template yet) is left out, not half-printed.
        sentences = [
            x
            for x in SENTENCE.split(raw.strip())
            if not any(f in OPTIONAL and not values.get(f) for f in FIELD.findall(x))
        ]
        text = " ".join(_substitute(" ".join(sentences), values).split())
        if text:
            paragraphs.append(text)
    return {
        "subject": template.subject,
        "number": number,
        "date": values["дата"],
        "address": declined.address.split("\n"),
        "greeting": declined.greeting,
        "paragraphs": paragraphs,
        "centre_name": template.centre_name,
        "head_position": template.head_position,
        "head_name": template.head_name,
        "contacts": template.centre_contacts,
        "flags": declined.flags,
        "recipient": contact.full_name,
    }


@lru_cache(maxsize=1)
def _docx_template():
    """The letter layout as a docxtpl template, built once with python-docx (no binary in the repository)."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Cm, Pt

    doc = Document()
    section = doc.sections[0]
    section.left_margin, section.right_margin = Cm(2.5), Cm(1.5)
    style = doc.styles["Normal"]
    style.font.name = "Times New Roman"
    style.font.size = Pt(13)
    doc.add_paragraph("{{ centre_name }}").runs[0].bold = True
    doc.add_paragraph("Исх. № {{ number }} от {{ date }}")
    doc.add_paragraph("{%p for line in address %}")
    line = doc.add_paragraph("{{ line }}")
    line.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("{{ subject }}").runs[0].italic = True
    greeting = doc.add_paragraph("{{ greeting }}")
    greeting.alignment = WD_ALIGN_PARAGRAPH.CENTER
    greeting.runs[0].bold = True
    doc.add_paragraph("{%p for text in paragraphs %}")
    body = doc.add_paragraph("{{ text }}")
    body.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    body.paragraph_format.first_line_indent = Cm(1.25)
    doc.add_paragraph("{%p endfor %}")
    doc.add_paragraph("")
    doc.add_paragraph("{{ head_position }}\t\t\t{{ head_name }}")
    buffer = BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def render_docx(context):
    from core.documents import render_docx as fill

    return fill(BytesIO(_docx_template()), context)


def render_pdf(context):
    from core.documents import render_pdf as html_to_pdf

    return html_to_pdf("outreach/letter_print.html", context)


def zip_letters(letters):
    """One zip with the DOCX and PDF of each letter; refuses to grow past MAX_ZIP_BYTES."""
    buffer = BytesIO()
    total = 0
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for letter in letters:
            for ext, data in (("docx", bytes(letter.docx)), ("pdf", bytes(letter.pdf))):
                total += len(data)
                if total > MAX_ZIP_BYTES:
                    raise ValueError("Архив больше 50 МБ — скачайте письма по отдельности.")
                archive.writestr(f"{letter.file_stem}.{ext}", data)
    return buffer.getvalue()
