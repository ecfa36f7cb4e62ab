"""Reading the CSV and XLSX exports back in tests."""

import csv
import io


def csv_rows(response) -> list[list[str]]:
    """The rows of a CSV export (UTF-8 with a byte order mark, semicolons)."""
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def xlsx_rows(response, sheet=None, *, as_text=True) -> list[list]:
    """The rows of an XLSX export's first (or named) sheet, empty cells as "". Counts are numbers
    in the file; ``as_text`` gives them as the CSV's text, to compare both with one list."""
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(response.content))
    worksheet = workbook[sheet] if sheet else workbook.worksheets[0]
    return [
        [
            "" if cell is None else (str(cell) if as_text and isinstance(cell, int) else cell)
            for cell in row
        ]
        for row in worksheet.values
    ]
