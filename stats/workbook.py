"""Every table of the dashboard as a sheet of one XLSX workbook (cells as values, never formulas)."""

from openpyxl import Workbook
from openpyxl.styles import Font

from stats import report

DASH = "—"


def _cell(value):
    if value is None:
        return DASH
    if value is True:
        return "да"
    if value is False:
        return "нет"
    return value


def territory_rows(data):
    keys = [key for key, _ in report.COLUMNS]
    return [[_cell(line[k]) for k in keys] for line in [*data["lines"], data["total"]]]


def sheets(data):
    """[(key, title, headers, rows)] for every table the dashboard shows."""
    if data is None:
        return [("figures", "Показатели", ["Показатель", "Сейчас", "Было", "Изменение"], [])]
    span = f"{data['date_from']:%d.%m.%Y}–{data['date_to']:%d.%m.%Y}"
    before = f"{data['data']['previous_from']:%d.%m.%Y}–{data['data']['previous_to']:%d.%m.%Y}"
    compare = ["Показатель", span, before, "Изменение"]
    result = [
        (
            "figures",
            "Показатели",
            compare,
            [[r["label"], *map(_cell, (r["current"], r["previous"], r["change"]))] for r in data["rows"]],
        ),
        ("territories", "Территории", report.TABLE_HEADERS, territory_rows(data)),
    ]
    for table in data["breakdowns"]:
        rows = [[r["name"], r["current"], r["previous"]] for r in table["rows"]]
        result.append((f"by_{table['key']}", table["label"], ["Значение", span, before], rows))
    for section in data["programmes"]:
        rows = [[r["label"], *map(_cell, (r["current"], r["previous"], r["change"]))] for r in section["rows"]]
        for group in section["groups"]:
            rows += [
                [f"{group['label']}: {r['label']}", r["current"], r["previous"], _cell(r["change"])]
                for r in group["rows"]
            ]
        result.append((f"programme_{section['key']}", section["title"], compare, rows))
    return result


def write(target, data, only=""):
    """Every table (or the one keyed `only`) as sheets of one workbook saved to `target`; returns the row count."""
    book = Workbook()
    book.remove(book.active)
    count = 0
    chosen = [s for s in sheets(data) if not only or s[0] == only] or sheets(data)[:1]
    used = set()
    for _key, title, headers, rows in chosen:
        name = _sheet_name(title, used)
        sheet = book.create_sheet(name)
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(list(row))
            for cell in sheet[sheet.max_row]:
                if cell.data_type == "f":  # text starting with «=» stays text
                    cell.data_type = "s"
            count += 1
        sheet.column_dimensions["A"].width = 48
        sheet.freeze_panes = "A2"
    book.save(target)
    return count


def filename(only=""):
    return f"statistika-{only or 'vse-tablicy'}"


def _sheet_name(title, used):
    """Excel sheet names: at most 31 characters, none of []:*?/\\ and unique in the book."""
    name = "".join(" " if ch in "[]:*?/\\" else ch for ch in title)[:31].strip()
    base, n = name, 2
    while name in used:
        suffix = f" {n}"
        name = base[: 31 - len(suffix)] + suffix
        n += 1
    used.add(name)
    return name
