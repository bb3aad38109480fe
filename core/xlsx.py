import re
from datetime import date, datetime
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font

DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
PERCENT_FORMAT = "0.0%"


class Percent(float):
    """A share written as a number with a percent format: Percent(0.8) reads «80,0%» in the spreadsheet."""


def export_about(user, *, territory=None, start=None, finish=None):
    """The line above an export's columns: which territory, which period, when it was taken (#9)."""
    place = territory or getattr(user, "territory", None)
    where = place.name if place is not None else "все территории"
    parts = [f"с {start:%d.%m.%Y}" if start else "", f"по {finish:%d.%m.%Y}" if finish else ""]
    when = " ".join(p for p in parts if p) or "за всё время"
    taken = timezone.localtime().strftime("%d.%m.%Y %H:%M")
    return f"Территория: {where} · Период: {when} · Выгружено {taken}"


def xlsx_response(filename, headers, rows, title="Лист1", *, about=None):
    """A downloadable XLSX with a bold header row; rows are iterables of plain values.

    `about` (see `export_about`) goes in a first row above the column headers. Dates read дд.мм.гггг."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    if about:
        sheet.append([about])
        sheet["A1"].font = Font(italic=True)
    sheet.append(headers)
    header_row = sheet.max_row
    for cell in sheet[header_row]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows:
        sheet.append([_plain(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text typed by a user that starts with «=» stays text, never a formula
                cell.data_type = "s"
            elif isinstance(cell.value, datetime):
                cell.number_format = DATETIME_FORMAT
            elif isinstance(cell.value, date):
                cell.number_format = DATE_FORMAT
        count += 1
    for column, header in zip(sheet.columns, headers, strict=False):
        sheet.column_dimensions[column[0].column_letter].width = max(12, min(50, len(str(header)) + 4))
    sheet.freeze_panes = f"A{header_row + 1}"
    buffer = BytesIO()
    book.save(buffer)
    stamp = timezone.localtime().strftime("%Y-%m-%d")
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.xlsx"'
    response.row_count = count
    return response


def _plain(value):
    if hasattr(value, "tzinfo") and getattr(value, "tzinfo", None) is not None:
        return timezone.localtime(value).replace(tzinfo=None)
    return value


_NUMBER_OR_PHONE = re.compile(r"[+-][\d\s().-]*")


def csv_cell(value):
    """A CSV cell a spreadsheet will not run: text starting with = + - @, tab or CR gets a leading «'».

    Signed numbers and phones («+7 910 …», «-5») stay as they are: they are data, not formulas."""
    if not isinstance(value, str) or not value or value[0] not in "=+-@\t\r":
        return value
    if value[0] in "+-" and _NUMBER_OR_PHONE.fullmatch(value):
        return value
    return "'" + value


def write_xlsx(target, headers, rows, title="Лист1", *, about=None, progress=None, every=1000):
    """Stream rows into an XLSX file at `target` (a path or a binary file) in openpyxl's write-only mode:
    memory stays flat whatever the number of rows. The same cells as `xlsx_response` (text never becomes a
    formula, dates read дд.мм.гггг); `progress(count)` is called every `every` rows. Returns the row count."""
    from openpyxl.cell import WriteOnlyCell

    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    for index, header in enumerate(headers):
        letter = _column_letter(index + 1)
        sheet.column_dimensions[letter].width = max(12, min(50, len(str(header)) + 4))
    sheet.freeze_panes = f"A{3 if about else 2}"
    if about:
        cell = WriteOnlyCell(sheet, value=about)
        cell.font = Font(italic=True)
        sheet.append([cell])
    bold = Font(bold=True)
    sheet.append([_styled(WriteOnlyCell(sheet, value=str(h)), font=bold) for h in headers])
    count = 0
    for row in rows:
        cells = []
        for value in row:  # plain values go in as they are; a cell object only where one is needed
            value = _plain(value)
            if isinstance(value, str):
                if value.startswith("="):  # text typed by a user that starts with «=» stays text, never a formula
                    value = WriteOnlyCell(sheet, value=value)
                    value.data_type = "s"
            elif isinstance(value, Percent):
                value = WriteOnlyCell(sheet, value=float(value))
                value.number_format = PERCENT_FORMAT
            elif isinstance(value, date):
                cell = WriteOnlyCell(sheet, value=value)
                cell.number_format = DATETIME_FORMAT if isinstance(value, datetime) else DATE_FORMAT
                value = cell
            cells.append(value)
        sheet.append(cells)
        count += 1
        if progress is not None and count % every == 0:
            progress(count)
    book.save(target)
    return count


def _styled(cell, *, font):
    cell.font = font
    return cell


def _column_letter(number):
    from openpyxl.utils import get_column_letter

    return get_column_letter(number)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
