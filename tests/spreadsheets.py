"""Build spreadsheet files in tests as Excel, WPS or LibreOffice users would save them."""

from io import BytesIO

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook


def xlsx_from_template(template_bytes: bytes, rows: list[list]) -> bytes:
    """Fill the downloaded template's first sheet below its header row, as a user would."""
    workbook = load_workbook(BytesIO(template_bytes))
    sheet = workbook.worksheets[0]
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx(rows: list[list], sheet_title="Sheet1") -> bytes:
    workbook = Workbook()
    workbook.active.title = sheet_title
    for row in rows:
        workbook.active.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xls(rows: list[list], sheet_title="Sheet1") -> bytes:
    import xlwt

    workbook = xlwt.Workbook(encoding="utf-8")
    sheet = workbook.add_sheet(sheet_title)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def ods(rows: list[list], sheet_title="Sheet1") -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    table = Table(name=sheet_title)
    for row in rows:
        table_row = TableRow()
        for value in row:
            cell = TableCell(valuetype="string")
            cell.addElement(P(text="" if value is None else str(value)))
            table_row.addElement(cell)
        table.addElement(table_row)
    document.spreadsheet.addElement(table)
    buffer = BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def upload(content: bytes, name="units.xlsx") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)
