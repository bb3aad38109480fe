import io

from openpyxl import load_workbook

from core.xlsx import xlsx_response


def test_it_writes_user_text_starting_with_equals_as_text():
    response = xlsx_response("x", ["Тема"], [['=HYPERLINK("http://evil","click")']])
    cell = load_workbook(io.BytesIO(response.content)).active["A2"]
    assert cell.data_type == "s" and cell.value == '=HYPERLINK("http://evil","click")'
