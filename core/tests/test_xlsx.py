import io

from openpyxl import load_workbook

from core.xlsx import xlsx_response


def test_it_writes_user_text_starting_with_equals_as_text():
    response = xlsx_response("x", ["Тема"], [['=HYPERLINK("http://evil","click")']])
    cell = load_workbook(io.BytesIO(response.content)).active["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://evil","click")'


def test_it_keeps_formulas_out_of_csv_cells_but_leaves_phones_and_numbers():
    from core.xlsx import csv_cell

    assert csv_cell('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("+cmd|' /C calc'!A0") == "'+cmd|' /C calc'!A0"
    assert csv_cell("-2+3+cmd") == "'-2+3+cmd"
    assert csv_cell("\t=1") == "'\t=1"
    assert csv_cell("+7 (910) 207-86-93") == "+7 (910) 207-86-93"
    assert csv_cell("-5") == "-5" and csv_cell("Дом культуры") == "Дом культуры" and csv_cell(7) == 7
