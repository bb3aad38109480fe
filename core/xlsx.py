import re
from io import BytesIO

from django.http import HttpResponse
from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Font


def xlsx_response(filename, headers, rows, title="Лист1"):
    """A downloadable XLSX with a bold header row; rows are iterables of plain values."""
    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(headers)
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    count = 0
    for row in rows:
        sheet.append([_plain(v) for v in row])
        for cell in sheet[sheet.max_row]:
            if cell.data_type == "f":  # text typed by a user that starts with «=» stays text, never a formula
                cell.data_type = "s"
        count += 1
    for column, header in zip(sheet.columns, headers, strict=False):
        sheet.column_dimensions[column[0].column_letter].width = max(12, min(50, len(str(header)) + 4))
    sheet.freeze_panes = "A2"
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
