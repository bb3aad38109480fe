"""Reading XLSX and CSV uploads into rows of {header: text}, and writing templates."""

import csv
import io

from openpyxl import Workbook, load_workbook

from core.uploads import TooLarge, check_rows, check_zip

MAX_COLUMNS = 60


class TableError(Exception):
    pass


def read_table(name, data):
    """Returns (headers, rows); each row is (row_number, {header: str}) with 1-based sheet row numbers."""
    try:
        return _read_table(name, data)
    except TooLarge as exc:
        raise TableError(str(exc)) from exc


def _bounded(rows):
    """At most IMPORT_MAX_ROWS rows (plus the header) and MAX_COLUMNS columns are ever held."""
    values = []
    for row in rows:
        values.append(row[:MAX_COLUMNS])
        check_rows(len(values) - 1)
    return values


def _read_table(name, data):
    lower = name.lower()
    if lower.endswith(".xlsx"):
        check_zip(data, "Файл XLSX")
        try:
            sheet = load_workbook(io.BytesIO(data), read_only=True, data_only=True).active
            cells = sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)
            values = _bounded(["" if v is None else str(v).strip() for v in row] for row in cells)
        except TooLarge:
            raise
        except Exception as exc:
            raise TableError(
                "Файл не читается: это не книга XLSX или она повреждена. "
                "Сохраните его в Excel как «Книга Excel (.xlsx)»."
            ) from exc
    elif lower.endswith(".csv"):
        text = _decode(data)
        try:
            dialect = csv.Sniffer().sniff(text[:2048], delimiters=";,\t") if text.strip() else csv.excel
            values = _bounded([v.strip() for v in row] for row in csv.reader(io.StringIO(text), dialect))
        except csv.Error as exc:
            raise TableError(
                "Файл не читается: не удалось определить разделитель столбцов (нужна точка с запятой, "
                "запятая или табуляция). Скачайте шаблон."
            ) from exc
    else:
        raise TableError("Поддерживаются файлы .xlsx и .csv.")
    if not values:
        raise TableError("Файл пуст.")
    headers = [h.rstrip("*").strip() for h in values[0]]
    rows = []
    for number, row in enumerate(values[1:], start=2):
        if not any(row):
            continue
        rows.append((number, {h: (row[i] if i < len(row) else "") for i, h in enumerate(headers) if h}))
    return headers, rows


def _decode(data):
    for encoding in ("utf-8-sig", "cp1251"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise TableError("Файл не читается: не удалось определить кодировку CSV. Сохраните файл в UTF-8.")


def template_xlsx(columns, example):
    book = Workbook()
    sheet = book.active
    sheet.title = "Данные"
    sheet.append([f"{name}*" if required else name for name, required, _ in columns])
    sheet.append(example)
    hints = book.create_sheet("Подсказки")
    hints.append(["Столбец", "Обязательный", "Что писать"])
    for name, required, hint in columns:
        hints.append([name, "да" if required else "нет", hint])
    for ws in (sheet, hints):
        for column in ws.columns:
            ws.column_dimensions[column[0].column_letter].width = 24
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
