"""The report's tables as files: CSV (one table) and Excel .xlsx (one sheet per table)."""

import csv
import datetime as dt
import io
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from reports.tables import Table, cell_text

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _attachment(response: HttpResponse, filename: str) -> HttpResponse:
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def csv_response(table: Table, filename: str) -> HttpResponse:
    """One table as CSV in UTF-8 with a byte-order mark, so Excel reads Vietnamese right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(table.headers)
    for row in table.rows:
        writer.writerow([cell_text(value) for value in row])
    content = "\ufeff" + buffer.getvalue()
    return _attachment(
        HttpResponse(content.encode("utf-8"), content_type="text/csv; charset=utf-8"), filename
    )


def _sheet_title(title: str, taken: set[str]) -> str:
    # Excel allows 31 characters and none of []:*?/\ in a sheet's name.
    name = "".join(" " if char in "[]:*?/\\" else char for char in title)[:31].strip()
    candidate, number = name, 2
    while candidate in taken:
        candidate = f"{name[:28]} {number}"
        number += 1
    taken.add(candidate)
    return candidate


def _cell(value):
    if isinstance(value, Decimal):
        return float(value)
    return value


def xlsx_response(tables: list[Table], filename: str) -> HttpResponse:
    """Every table as one sheet of an Excel workbook; numbers as numbers, dates dd/mm/yyyy."""
    book = Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for table in tables:
        sheet = book.create_sheet(_sheet_title(table.title, taken))
        sheet.append(table.headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(value) for value in row])
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                if isinstance(cell.value, dt.date):
                    cell.number_format = "DD/MM/YYYY"
        for column in sheet.columns:
            width = max(len(cell_text(cell.value)) for cell in column)
            sheet.column_dimensions[column[0].column_letter].width = min(max(width + 2, 10), 60)
    output = io.BytesIO()
    book.save(output)
    return _attachment(HttpResponse(output.getvalue(), content_type=XLSX), filename)
