"""Limits checked before a file is parsed: nothing parses user input unbounded in a request or a job."""

import zipfile
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
