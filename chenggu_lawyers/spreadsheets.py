"""Spreadsheet helpers: streamed .xlsx exports, import templates with dropdowns, and reading uploads.

Exports and templates are written with openpyxl; uploads (.xlsx, .xls, .ods, as Excel and WPS save them)
are read with python-calamine, which reads all three formats through one API.
"""

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from django.http import FileResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from .punctuation import join_list

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# What a cell may not begin with unless it is written as plain text (OWASP "CSV injection").
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
SPREADSHEET_SUFFIXES = (".xlsx", ".xls", ".ods")


class SpreadsheetError(Exception):
    """A file that cannot be read as the expected sheet; the message is for the user."""


def _text_cell(sheet, value):
    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        # Stored as a string, a leading '=' is shown, never evaluated.
        cell.data_type = "s"
    return cell


def _cell_value(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if value is None or isinstance(value, (int, float, date, bool)):
        return value
    return str(value)


def xlsx_response(
    *,
    filename: str,
    sheet_title: str,
    headers: Sequence[str],
    rows: Iterable[Sequence],
    header_block: Sequence[tuple[str, str]] = (),
) -> FileResponse:
    """An .xlsx download: a header block (title, time, filters, definitions), the column headers, the rows.

    The workbook is written row by row (openpyxl's write-only mode) into a temporary file that spills to
    disk, so memory stays flat however many rows there are.
    """
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=sheet_title[:31])
    bold = Font(bold=True)
    for label, value in header_block:
        label_cell = _text_cell(sheet, str(label))
        label_cell.font = bold
        sheet.append([label_cell, _text_cell(sheet, str(value))])
    if header_block:
        sheet.append([])
    header_cells = []
    for header in headers:
        cell = _text_cell(sheet, str(header))
        cell.font = bold
        header_cells.append(cell)
    sheet.append(header_cells)
    for row in rows:
        sheet.append([_text_cell(sheet, _cell_value(value)) for value in row])
    spool = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115 (closed by FileResponse)
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


@dataclass
class TemplateColumn:
    label: str
    help: str = ""
    required: bool = False
    options: Sequence[str] = field(default_factory=tuple)
    width: int = 18
    as_text: bool = False


def template_response(
    *, filename: str, sheet_title: str, columns: Sequence[TemplateColumn], instructions: Sequence[str] = ()
) -> FileResponse:
    """An empty import template: the data sheet with dropdowns, a hidden options sheet, an instructions sheet."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = sheet_title[:31]
    options_sheet = workbook.create_sheet(_("Options")[:31])
    guide = workbook.create_sheet(_("Instructions")[:31])
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        cell = sheet.cell(row=1, column=index, value=column.label)
        cell.font = Font(bold=True)
        cell.alignment = Alignment(horizontal="center")
        if column.required:
            cell.fill = required_fill
        sheet.column_dimensions[letter].width = column.width
        if column.as_text:
            sheet.column_dimensions[letter].number_format = "@"
        if column.options:
            for row, option in enumerate(column.options, start=1):
                options_sheet.cell(row=row, column=index, value=option)
            source = f"'{options_sheet.title}'!${letter}$1:${letter}${len(column.options)}"
            validation = DataValidation(
                type="list",
                formula1=source,
                allow_blank=not column.required,
                showErrorMessage=True,
                errorTitle=_("Invalid value"),
                error=_("Please choose a value from the list."),
            )
            validation.add(f"{letter}2:{letter}5000")
            sheet.add_data_validation(validation)
    sheet.freeze_panes = "A2"
    options_sheet.sheet_state = "hidden"
    guide.column_dimensions["A"].width = 24
    guide.column_dimensions["B"].width = 12
    guide.column_dimensions["C"].width = 80
    for line_number, line in enumerate(instructions, start=1):
        guide.cell(row=line_number, column=1, value=line)
    start = len(instructions) + 2
    for offset, header in enumerate((_("Column"), _("Required"), _("How to fill it in"))):
        guide.cell(row=start, column=offset + 1, value=header).font = Font(bold=True)
    for row, column in enumerate(columns, start=start + 1):
        guide.cell(row=row, column=1, value=column.label)
        guide.cell(row=row, column=2, value=_("yes") if column.required else _("no"))
        help_text = column.help
        if column.options:
            help_text = (help_text + " " if help_text else "") + _("One of: %(options)s") % {
                "options": " / ".join(column.options)
            }
        guide.cell(row=row, column=3, value=help_text)
    spool = tempfile.SpooledTemporaryFile(max_size=1024 * 1024)  # noqa: SIM115 (closed by FileResponse)
    workbook.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)


def check_spreadsheet_file(name: str, head: bytes) -> None:
    """Reject a file whose name or first bytes are not those of a spreadsheet, before any parser sees it."""
    lower = name.lower()
    if not lower.endswith(SPREADSHEET_SUFFIXES):
        raise SpreadsheetError(_("Please upload an .xlsx, .xls or .ods file."))
    if lower.endswith(".xls"):
        if not head.startswith(OLE2_MAGIC):
            raise SpreadsheetError(_("The file is not an Excel 97-2003 (.xls) workbook."))
    elif not head.startswith(ZIP_MAGIC):
        raise SpreadsheetError(_("The file is not an .xlsx or .ods workbook."))


@dataclass
class SheetRows:
    sheet_name: str
    headers: list[str]
    rows: list[tuple[int, list]]  # (row number as the user sees it, cell values)


def _clean_header(value) -> str:
    return "".join(str(value or "").split()).rstrip("*")


def read_sheet(path, *, preferred_sheet: str, required_headers: Sequence[str]) -> SheetRows:
    """The data rows of the sheet that carries `required_headers` in its first row.

    The sheet named `preferred_sheet` is tried first, then every other sheet, so a renamed sheet still
    imports; a file without such a sheet gets one message that names what is missing.
    """
    from python_calamine import CalamineError, load_workbook

    try:
        workbook = load_workbook(str(path))
    except (CalamineError, ValueError, OSError) as error:
        raise SpreadsheetError(
            _("The file could not be read as a spreadsheet (%(error)s).") % {"error": error}
        ) from error
    names = list(workbook.sheet_names)
    ordered = sorted(names, key=lambda name: name != preferred_sheet)
    required = {_clean_header(header): str(header) for header in required_headers}
    best_missing: list[str] | None = None
    for name in ordered:
        try:
            values = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
        except CalamineError as error:
            raise SpreadsheetError(
                _("The file could not be read as a spreadsheet (%(error)s).") % {"error": error}
            ) from error
        if not values:
            continue
        headers = [_clean_header(value) for value in values[0]]
        missing = [label for header, label in required.items() if header not in headers]
        if not missing:
            rows = [
                (number, list(row))
                for number, row in enumerate(values[1:], start=2)
                if any(cell not in (None, "") for cell in row)
            ]
            return SheetRows(sheet_name=name, headers=headers, rows=rows)
        if name == preferred_sheet or best_missing is None or len(missing) < len(best_missing):
            best_missing = missing
    if best_missing is None:
        raise SpreadsheetError(_("The file has no data. Please use the template."))
    raise SpreadsheetError(
        _("No sheet of the file has the template's columns; missing: %(missing)s. Sheets found: %(sheets)s.")
        % {"missing": join_list(best_missing), "sheets": join_list(names)}
    )


# --- workbooks of several sheets (the history import) -------------------------------------------------


def read_workbook(path) -> list[SheetRows]:
    """Every sheet of the file in order, each with its cleaned first row as headers and its non-empty data
    rows (numbered as the user sees them). A sheet without any cell has no headers and no rows."""
    from python_calamine import CalamineError, load_workbook

    try:
        workbook = load_workbook(str(path))
        sheets = []
        for name in workbook.sheet_names:
            values = workbook.get_sheet_by_name(name).to_python(skip_empty_area=False)
            headers = [_clean_header(value) for value in values[0]] if values else []
            rows = [
                (number, list(row))
                for number, row in enumerate(values[1:], start=2)
                if any(cell not in (None, "") for cell in row)
            ]
            sheets.append(SheetRows(sheet_name=name, headers=headers, rows=rows))
    except (CalamineError, ValueError, OSError) as error:
        raise SpreadsheetError(
            _("The file could not be read as a spreadsheet (%(error)s).") % {"error": error}
        ) from error
    return sheets


@dataclass
class WorkbookSheet:
    """One data sheet of a workbook written by `write_workbook`: its columns and, for a filled workbook, rows."""

    title: str
    columns: Sequence[TemplateColumn]
    rows: Iterable[Sequence] = ()


# Excel refuses an in-cell dropdown list longer than this (the list is written into the validation itself).
INLINE_LIST_LIMIT = 255


def write_workbook(
    target, *, sheets: Sequence[WorkbookSheet], instructions_title: str, instructions: Sequence[str] = ()
) -> None:
    """A workbook whose first sheet gives the instructions (the lines, then every sheet's columns: required
    or not, how to fill them in) and one sheet per entry of `sheets`: headers in bold, required ones in
    yellow, dropdowns for columns with options, text-formatted columns for long digit strings (ID numbers),
    then the rows, if any. Written to `target`, a path or a binary file."""
    workbook = Workbook()
    guide = workbook.active
    guide.title = instructions_title[:31]
    bold = Font(bold=True)
    required_fill = PatternFill("solid", fgColor="FFF2CC")
    guide.column_dimensions["A"].width = 16
    guide.column_dimensions["B"].width = 24
    guide.column_dimensions["C"].width = 10
    guide.column_dimensions["D"].width = 80
    line_number = 0
    for line_number, line in enumerate(instructions, start=1):
        guide.cell(row=line_number, column=1, value=str(line)).font = bold if line_number == 1 else Font()
    start = line_number + 2
    for offset, header in enumerate(
        (pgettext("spreadsheet", "Sheet"), _("Column"), _("Required"), _("How to fill it in")), start=1
    ):
        guide.cell(row=start, column=offset, value=header).font = bold
    row_number = start
    for sheet_spec in sheets:
        for column in sheet_spec.columns:
            row_number += 1
            guide.cell(row=row_number, column=1, value=sheet_spec.title[:31])
            guide.cell(row=row_number, column=2, value=column.label)
            guide.cell(row=row_number, column=3, value=_("yes") if column.required else _("no"))
            help_text = column.help
            if column.options:
                help_text = (help_text + " " if help_text else "") + _("One of: %(options)s") % {
                    "options": " / ".join(column.options)
                }
            guide.cell(row=row_number, column=4, value=help_text).alignment = Alignment(wrap_text=True)
    for sheet_spec in sheets:
        sheet = workbook.create_sheet(sheet_spec.title[:31])
        text_columns = set()
        for index, column in enumerate(sheet_spec.columns, start=1):
            letter = get_column_letter(index)
            cell = sheet.cell(row=1, column=index, value=column.label)
            cell.font = bold
            cell.alignment = Alignment(horizontal="center")
            if column.required:
                cell.fill = required_fill
            sheet.column_dimensions[letter].width = column.width
            if column.as_text:
                sheet.column_dimensions[letter].number_format = "@"
                text_columns.add(index)
            inline = ",".join(column.options)
            if column.options and len(inline) + 2 <= INLINE_LIST_LIMIT and not any("," in o for o in column.options):
                validation = DataValidation(
                    type="list",
                    formula1=f'"{inline}"',
                    allow_blank=not column.required,
                    showErrorMessage=True,
                    errorTitle=_("Invalid value"),
                    error=_("Please choose a value from the list."),
                )
                validation.add(f"{letter}2:{letter}5000")
                sheet.add_data_validation(validation)
        for row_index, values in enumerate(sheet_spec.rows, start=2):
            for index, value in enumerate(values, start=1):
                if value is None or value == "":
                    continue
                cell = sheet.cell(row=row_index, column=index, value=_cell_value(value))
                if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
                    cell.data_type = "s"  # shown, never evaluated
                if index in text_columns:
                    cell.number_format = "@"
        sheet.freeze_panes = "A2"
    workbook.save(target)


def workbook_response(*, filename: str, **workbook) -> FileResponse:
    """`write_workbook` as a download."""
    spool = tempfile.SpooledTemporaryFile(max_size=4 * 1024 * 1024)  # noqa: SIM115 (closed by FileResponse)
    write_workbook(spool, **workbook)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE)
