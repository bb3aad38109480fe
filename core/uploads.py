"""Limits checked before a file is parsed: nothing parses user input unbounded in a request or a job."""

import re
import zipfile
import zlib
from io import BytesIO

from django.conf import settings


class TooLarge(Exception):
    pass


def _mb(n):
    return f"{n // (1024 * 1024)} МБ"


def check_zip(data, what="Архив"):
    """Refuses a zip (XLSX, DOCX, HSDS package) whose members unpack beyond IMPORT_MAX_UNPACKED_BYTES or
    compress suspiciously well — a zip bomb — reading only the archive's directory."""
    try:
        members = zipfile.ZipFile(BytesIO(data)).infolist()
    except zipfile.BadZipFile:
        return  # the parser says «не читается» in its own words
    limit = settings.IMPORT_MAX_UNPACKED_BYTES
    unpacked = sum(m.file_size for m in members)
    if len(members) > 1000 or unpacked > limit:
        raise TooLarge(f"{what} распаковывается больше чем в {_mb(limit)}: разделите файл на части.")
    for m in members:
        if m.file_size > 1024 * 1024 and m.compress_size and m.file_size / m.compress_size > 200:
            raise TooLarge(f"{what} подозрительно сильно сжат (zip-бомба?): файл не принят.")


def check_rows(count):
    if count > settings.IMPORT_MAX_ROWS:
        raise TooLarge(f"В файле больше {settings.IMPORT_MAX_ROWS:,} строк: разделите его на части.".replace(",", " "))


DANGEROUS_PDF = (b"/JavaScript", b"/JS", b"/Launch", b"/EmbeddedFile", b"/EmbeddedFiles", b"/RichMedia", b"/XFA")
_STREAM = re.compile(rb"stream\r?\n(.*?)\r?\nendstream", re.S)


def check_docx(data):
    """A Word document, not any zip: the parts of a .docx and no bomb."""
    try:
        names = set(zipfile.ZipFile(BytesIO(data)).namelist())
    except zipfile.BadZipFile:
        raise TooLarge("Это не документ Word (.docx).") from None
    if not {"[Content_Types].xml", "word/document.xml"} <= names:
        raise TooLarge("Это не документ Word (.docx).")
    check_zip(data, "Документ")


def check_pdf(data):
    """A PDF without scripts, launch actions or embedded files (looked for in compressed streams too)."""
    if not data.startswith(b"%PDF"):
        raise TooLarge("Это не PDF.")
    budget = settings.IMPORT_MAX_UNPACKED_BYTES
    chunks = [data]
    for match in _STREAM.finditer(data):
        try:
            inflated = zlib.decompressobj().decompress(match.group(1), budget)
        except zlib.error:
            continue
        budget -= len(inflated)
        chunks.append(inflated)
        if budget <= 0:
            raise TooLarge("PDF распаковывается слишком сильно: файл не принят.")
    for chunk in chunks:
        for marker in DANGEROUS_PDF:
            # «/JS» must end the name: «/JSomething» is another key.
            if re.search(re.escape(marker) + rb"(?![A-Za-z0-9])", chunk):
                raise TooLarge(
                    "PDF содержит сценарии или вложения (JavaScript, запуск программ): сохраните его заново "
                    "как обычный PDF (например, «Печать → Сохранить как PDF»)."
                )
