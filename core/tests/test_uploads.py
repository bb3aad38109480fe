"""Uploaded documents are checked by content: a DOCX is a Word document, a PDF carries no scripts (#11)."""

import io
import zipfile
import zlib

import pytest

from core.uploads import TooLarge, check_docx, check_pdf


def _zip(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_it_accepts_a_word_document_and_refuses_any_other_zip():
    check_docx(_zip({"[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}))
    with pytest.raises(TooLarge, match="Это не документ Word"):
        check_docx(_zip({"payload.exe": b"MZ"}))
    with pytest.raises(TooLarge, match="Это не документ Word"):
        check_docx(b"not a zip at all")


def test_it_refuses_a_docx_bomb():
    bomb = _zip({"[Content_Types].xml": "<Types/>", "word/document.xml": b" " * (30 * 1024 * 1024)})
    with pytest.raises(TooLarge, match="zip-бомба"):
        check_docx(bomb)


PLAIN = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"


def test_it_accepts_a_plain_pdf(settings):
    check_pdf(PLAIN)


@pytest.mark.parametrize(
    "body",
    [
        b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj",
        b"1 0 obj << /AA << /O << /S /Launch /F (cmd.exe) >> >> >> endobj",
        b"1 0 obj << /Names << /EmbeddedFiles 2 0 R >> >> endobj",
    ],
)
def test_it_refuses_a_pdf_with_scripts_launch_actions_or_attachments(body):
    with pytest.raises(TooLarge, match="сценарии или вложения"):
        check_pdf(b"%PDF-1.7\n" + body + b"\n%%EOF")


def test_it_finds_a_script_hidden_in_a_compressed_object_stream():
    hidden = zlib.compress(b"<< /S /JavaScript /JS (this.exportDataObject()) >>")
    pdf = (
        b"%PDF-1.7\n5 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\n" + hidden + b"\nendstream\nendobj\n%%EOF"
    )
    with pytest.raises(TooLarge, match="сценарии"):
        check_pdf(pdf)


def test_it_refuses_a_file_that_is_not_a_pdf():
    with pytest.raises(TooLarge, match="Это не PDF"):
        check_pdf(b"MZ\x90\x00")
