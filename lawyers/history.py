"""The justice bureau's history import: a county's existing records, with their past dates, from one workbook.

A county does not start on the day the portal is installed (DOMAIN.md, clarifications: "a county starts with
history"). The workbook has a sheet per kind of fact, named in Chinese or English:

    说明 Instructions     ignored on import (the template's first sheet)
    人员 People           keyed by the ID number
    任职 Postings         keyed by (ID number, from)
    法律工作 Legal work    keyed by (ID number, from)
    执业证 Certificates    keyed by the certificate number; a cancellation (注销) or revocation (吊销) is written
                          on the certificate's own row (end date, kind, reason or note), not on a sheet of its own
    暂停执业 Suspensions   keyed by (certificate number, from)
    律协会员 Memberships   keyed by the membership number

`HistoryImporter.preview` reads every sheet, looks up everything the workbook names in a fixed number of
queries, and checks every row: cells (dates, choices, numbers), then the facts of each person as the
database and the workbook give them together, with the same pure rules as hand entry (lawyers.consistency).
Every message names its sheet, row and column. `commit` does it all again inside one transaction and writes
every row in bulk, or nothing. Rows are matched by their natural keys, so the same workbook imported twice
changes nothing the second time; a row whose stored fact differs updates it. Nothing is deleted. Two
exceptions to matching by key, both in docs/history.md: a registered certificate is never rewritten (its row
restates it and may only add the ending it lacked; anything else is corrected with 更正 on its page), and a
posting registered by the unit "since before the records" is given its start by a dated row in that unit.

What history does not get: the checks of new events that speak of today (eligible today, an application
before the certificate, a live certificate before a membership). A date after today is still an error.
"""

import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import CheckConstraint, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext, pgettext_lazy

from accounts.choices import Role
from chenggu_lawyers.audit import record
from chenggu_lawyers.constraints import holds
from chenggu_lawyers.imports import ImportRejected, display_cell, in_each_language
from chenggu_lawyers.in_force import CERTIFICATE, POSTING, QUALIFICATION, UNIT, HalfOpen
from chenggu_lawyers.models import AuditAction, AuditEvent
from chenggu_lawyers.spreadsheets import (
    SpreadsheetError,
    TemplateColumn,
    WorkbookSheet,
    read_workbook,
    workbook_response,
    write_workbook,
)
from units.models import Unit

from . import consistency
from .choices import LEAVING_REASONS, AnnualGrade, CancellationReason, CertificateStatus, QualificationClass, Sex
from .models import Certificate, LegalWorkPeriod, Membership, Person, Posting, Suspension
from .validators import check_practice_number

NEW, CHANGED, UNCHANGED = "new", "changed", "unchanged"
DEFAULT_ISSUER = Certificate._meta.get_field("issuer").default
BATCH = 1000


# --- the workbook's shape ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Column:
    """One column of a sheet: how a cell becomes a value, and what the template says about it."""

    field: str
    label: object
    kind: str = "text"  # text, id, date, count, year, choice
    required: bool = False
    choices: type | None = None
    allowed: tuple = ()  # the choice values this column takes (all when empty)
    help: object = ""
    max_length: int | None = None

    @property
    def as_text(self) -> bool:
        return self.kind == "id"

    def choice_items(self):
        return [(value, label) for value, label in self.choices.choices if not self.allowed or value in self.allowed]

    def options(self) -> list[str]:
        return [str(label) for _value, label in self.choice_items()] if self.choices is not None else []


@dataclass(frozen=True)
class SheetSpec:
    key: str
    title: object
    columns: tuple

    def column(self, name: str) -> Column:
        return next(column for column in self.columns if column.field == name)


def _length(model, name):
    return model._meta.get_field(name).max_length


ID = "id_number"
DATE_HELP = pgettext_lazy("history import", "A date such as 2019-03-01.")
FROM_HELP = pgettext_lazy("history import", "A date such as 2019-03-01; empty: since before the records.")
UNTIL_HELP = pgettext_lazy("history import", "A date such as 2019-03-01; empty: still.")
ID_HELP = pgettext_lazy("history import", "18 characters, typed as text; the last may be X.")

PEOPLE = SheetSpec(
    "people",
    pgettext_lazy("history import", "People"),
    (
        Column(ID, pgettext_lazy("history import", "ID number"), "id", required=True, help=ID_HELP),
        Column(
            "name",
            pgettext_lazy("history import", "Full name"),
            required=True,
            max_length=_length(Person, "name"),
        ),
        Column(
            "sex",
            pgettext_lazy("history import", "Sex"),
            "choice",
            choices=Sex,
            help=pgettext_lazy("history import", "Read from the ID number when empty."),
        ),
        Column("post", pgettext_lazy("history import", "Post"), max_length=_length(Person, "post")),
        Column(
            "legal_work_years",
            pgettext_lazy("history import", "Years of legal work"),
            "count",
            help=pgettext_lazy("history import", "Whole years; empty counts as 0."),
        ),
        Column(
            "judicial_years",
            pgettext_lazy("history import", "Years as judge, prosecutor or lawyer"),
            "count",
            help=pgettext_lazy("history import", "Whole years; empty counts as 0."),
        ),
        Column(
            "last_annual_grade",
            pgettext_lazy("history import", "Last annual grade"),
            "choice",
            choices=AnnualGrade,
        ),
        Column(
            "legal_qualification_class",
            pgettext_lazy("history import", "Legal qualification class"),
            "choice",
            choices=QualificationClass,
            help=pgettext_lazy("history import", "With a class, the certificate number is required."),
        ),
        Column(
            "legal_qualification_number",
            pgettext_lazy("history import", "Legal qualification number"),
            max_length=_length(Person, "legal_qualification_number"),
        ),
        Column(
            "legal_qualification_year",
            pgettext_lazy("history import", "Legal qualification year"),
            "year",
            help=pgettext_lazy("history import", "A year such as 2017."),
        ),
        Column(
            "lawyer_qualification_number",
            pgettext_lazy("history import", "Lawyer qualification number"),
            max_length=_length(Person, "lawyer_qualification_number"),
        ),
        Column(
            "lawyer_qualification_year",
            pgettext_lazy("history import", "Lawyer qualification year"),
            "year",
            help=pgettext_lazy("history import", "A year such as 2017."),
        ),
        Column(
            "qualified_on",
            pgettext_lazy("history import", "Qualified on"),
            "date",
            help=pgettext_lazy(
                "history import",
                "The day the first qualification was obtained; empty: 31 December of the earliest year above.",
            ),
        ),
    ),
)
POSTINGS = SheetSpec(
    "postings",
    pgettext_lazy("history import", "Postings"),
    (
        Column(ID, pgettext_lazy("history import", "ID number"), "id", required=True, help=ID_HELP),
        Column(
            "unit",
            pgettext_lazy("history import", "Unit"),
            required=True,
            help=pgettext_lazy("history import", "The unit's name as in the unit registry."),
        ),
        Column("started_on", pgettext_lazy("history import", "From"), "date", help=FROM_HELP),
        Column("ended_on", pgettext_lazy("history import", "Until"), "date", help=UNTIL_HELP),
    ),
)
LEGAL_WORK = SheetSpec(
    "legal_work",
    pgettext_lazy("history import", "Legal work"),
    (
        Column(ID, pgettext_lazy("history import", "ID number"), "id", required=True, help=ID_HELP),
        Column("started_on", pgettext_lazy("history import", "From"), "date", help=FROM_HELP),
        Column("ended_on", pgettext_lazy("history import", "Until"), "date", help=UNTIL_HELP),
    ),
)
CERTIFICATES = SheetSpec(
    "certificates",
    pgettext_lazy("history import", "Certificates"),
    (
        Column(
            "number",
            pgettext_lazy("history import", "Certificate number"),
            "id",
            required=True,
            help=pgettext_lazy("history import", "The 17-digit practice certificate number, typed as text."),
        ),
        Column(ID, pgettext_lazy("history import", "Holder's ID number"), "id", required=True, help=ID_HELP),
        Column("issued_on", pgettext_lazy("history import", "Issued on"), "date", required=True, help=DATE_HELP),
        Column(
            "issuer",
            pgettext_lazy("history import", "Issuer"),
            max_length=_length(Certificate, "issuer"),
            help=pgettext_lazy("history import", "Empty: 陕西省司法厅."),
        ),
        Column(
            "ended_on",
            pgettext_lazy("history import", "Ended on"),
            "date",
            help=pgettext_lazy("history import", "The day of the cancellation or revocation; empty: not ended."),
        ),
        Column(
            "end_kind",
            pgettext_lazy("history import", "Ending"),
            "choice",
            choices=CertificateStatus,
            allowed=(CertificateStatus.CANCELLED, CertificateStatus.REVOKED),
            help=pgettext_lazy("history import", "注销 (cancelled) or 吊销 (revoked), with the date."),
        ),
        Column(
            "cancellation_reason",
            pgettext_lazy("history import", "Cancellation reason"),
            "choice",
            choices=CancellationReason,
            help=pgettext_lazy("history import", "Required for a cancellation."),
        ),
        Column(
            "end_note",
            pgettext_lazy("history import", "Note on the ending"),
            help=pgettext_lazy("history import", "Required for a revocation: the misconduct."),
        ),
    ),
)
SUSPENSIONS = SheetSpec(
    "suspensions",
    pgettext_lazy("history import", "Suspensions"),
    (
        Column(
            "certificate",
            pgettext_lazy("history import", "Certificate number"),
            "id",
            required=True,
            help=pgettext_lazy("history import", "A certificate of the 执业证 sheet or already registered."),
        ),
        Column("started_on", pgettext_lazy("history import", "Suspended from"), "date", required=True, help=DATE_HELP),
        Column(
            "ended_on",
            pgettext_lazy("history import", "Reinstated on"),
            "date",
            help=pgettext_lazy("history import", "A date such as 2019-03-01; empty: still suspended."),
        ),
        Column("reason", pgettext_lazy("history import", "Reason"), required=True),
    ),
)
MEMBERSHIPS = SheetSpec(
    "memberships",
    pgettext_lazy("history import", "Bar memberships"),
    (
        Column(ID, pgettext_lazy("history import", "ID number"), "id", required=True, help=ID_HELP),
        Column(
            "number",
            pgettext_lazy("history import", "Membership number"),
            "id",
            required=True,
            max_length=_length(Membership, "number"),
        ),
        Column("joined_on", pgettext_lazy("history import", "Member since"), "date", required=True, help=DATE_HELP),
    ),
)
SHEETS = (PEOPLE, POSTINGS, LEGAL_WORK, CERTIFICATES, SUSPENSIONS, MEMBERSHIPS)
INSTRUCTIONS_TITLE = pgettext_lazy("history import", "Instructions")
INSTRUCTIONS = (
    pgettext_lazy("history import", "Chenggu County public lawyers: history import workbook"),
    pgettext_lazy(
        "history import",
        "The justice bureau records the county's existing people, postings, periods of full-time legal work, "
        "certificates with their cancellations and revocations, suspensions and bar memberships, with their past "
        "dates: one sheet per kind of fact. This sheet is not imported.",
    ),
    pgettext_lazy(
        "history import",
        "Keep the template's sheet names (in Chinese or in English) and column headings; a yellow heading is a "
        "required column. Every sheet must be there, even one without rows.",
    ),
    pgettext_lazy(
        "history import",
        "Dates are written as 2019-03-01 (date cells are fine too). An empty start means since before the "
        "records; an empty end means still. No date may lie after today.",
    ),
    pgettext_lazy(
        "history import",
        "Type ID numbers and certificate numbers as text: Excel drops a trailing X and rounds long numbers.",
    ),
    pgettext_lazy(
        "history import",
        "People: one row per person. A person not registered yet needs at least one posting; a person's unit is "
        "the unit of their latest posting.",
    ),
    pgettext_lazy(
        "history import",
        "Postings: a person works in one unit at a time, within the unit's existence; a transfer ends one "
        "posting on the day the next begins. Units are found by name; an abolished unit keeps its name.",
    ),
    pgettext_lazy(
        "history import",
        "Certificates: one row per practice certificate with its whole life. A cancellation (注销) or a "
        "revocation (吊销) is written on the certificate's row: the date it ended, the kind of ending, and the "
        "reason of a cancellation or the misconduct of a revocation in the note. There is no separate sheet "
        "for them.",
    ),
    pgettext_lazy(
        "history import",
        "A certificate is issued on a day its holder was posted in a unit, one certificate at a time. When a "
        "certificate was cancelled because the holder retired or left the unit, their posting ends by that day.",
    ),
    pgettext_lazy(
        "history import",
        "Suspensions: within the certificate's term; an empty reinstatement date means the certificate is still "
        "suspended.",
    ),
    pgettext_lazy("history import", "Bar memberships: one per person."),
    pgettext_lazy(
        "history import",
        "Rows are matched by their keys (the ID number; ID number and start for postings and legal work; the "
        "certificate number; certificate number and start for suspensions; the membership number): a row "
        "already imported updates what is stored, so importing the same workbook again changes nothing. Nothing "
        "is deleted.",
    ),
    pgettext_lazy(
        "history import",
        "A certificate already registered is not changed by an import: its row repeats what is registered, and may "
        "add only its cancellation or revocation when none is registered yet. A mistake in a registered "
        "certificate is corrected on its page with 更正.",
    ),
    pgettext_lazy(
        "history import",
        "A person registered by their unit has a posting there since before the records: a row in that unit with "
        "its start date gives it that start, and their earlier postings can then be added.",
    ),
    pgettext_lazy(
        "history import",
        "Nothing is imported while any row of any sheet has an error; the preview lists every error with its "
        "sheet, row and column. Certificate numbers of the older numbering that fail a digit check are warnings.",
    ),
)


# --- cells ------------------------------------------------------------------------------------------------

DATE_PATTERN = re.compile(
    r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?"
)
COMPACT_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")


def _empty(raw) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def read_date(raw) -> date | None:
    """A date cell, or text such as 2019-03-01, 2019/3/1, 2019年3月1日 or 20190301; ValueError otherwise."""
    if _empty(raw):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    text = display_cell(raw)
    match = DATE_PATTERN.fullmatch(text) or COMPACT_DATE.fullmatch(text)
    if match:
        try:
            return date(*(int(part) for part in match.groups()))
        except ValueError:
            pass
    raise ValueError(pgettext("history import", "“%(value)s” is not a date; write it as 2019-03-01.") % {"value": text})


class _CellReader:
    """Reads the cells of one preview; the choice labels of both languages are looked up once."""

    def __init__(self, today: date):
        self.today = today
        self._choices = {}

    def choice_lookup(self, column: Column) -> dict[str, str]:
        if column.field not in self._choices:
            lookup = {}
            for value, label in column.choice_items():
                lookup[value.lower()] = value
                for text in in_each_language(label):
                    lookup[text.lower()] = value
            self._choices[column.field] = lookup
        return self._choices[column.field]

    def read(self, column: Column, raw):
        """The cell's value, or ValueError with the message for the user."""
        if _empty(raw):
            if column.required:
                raise ValueError(_("This column is required."))
            return {"count": 0, "year": None, "date": None}.get(column.kind, "")
        if column.kind == "date":
            day = read_date(raw)
            future = consistency.not_in_future(day, self.today)
            if future:
                raise ValueError(future[0])
            return day
        if column.kind == "id" and isinstance(raw, (int, float)) and not isinstance(raw, bool):
            # A number typed into a General cell: its digits read back; a lost X shows in the checks.
            text = str(int(raw))
        else:
            text = display_cell(raw)
        if column.kind == "id":
            text = "".join(text.split()).upper()
        if column.kind in ("count", "year"):
            if not re.fullmatch(r"\d+", text):
                raise ValueError(pgettext("history import", "“%(value)s” is not a whole number.") % {"value": text})
            number = int(text)
            if column.kind == "year" and not 1900 <= number <= self.today.year:
                raise ValueError(
                    pgettext("history import", "“%(value)s” is not a year such as 2017.") % {"value": text}
                )
            return number
        if column.kind == "choice":
            value = self.choice_lookup(column).get("".join(text.split()).lower())
            if value is None:
                raise ValueError(
                    _("“%(value)s” is not one of: %(options)s.")
                    % {"value": text, "options": " / ".join(column.options())}
                )
            return value
        if column.max_length and len(text) > column.max_length:
            raise ValueError(
                pgettext("history import", "At most %(limit)s characters (this has %(length)s).")
                % {"limit": column.max_length, "length": len(text)}
            )
        return text


# --- the preview ------------------------------------------------------------------------------------------


@dataclass
class Row:
    number: int
    values: dict
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    readable: bool = True  # every cell could be read
    action: str = ""  # NEW, CHANGED or UNCHANGED once checked without errors
    obj: object = None  # the stored object the row updates, or the new one it creates


@dataclass
class SheetResult:
    spec: SheetSpec
    name: str  # as the file names it (the template's title when the sheet is missing)
    present: bool = False
    positions: dict = field(default_factory=dict)  # field → column index
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # the sheet's own (its headers)
    raw_rows: list = field(default_factory=list, repr=False)

    @property
    def key(self) -> str:
        return self.spec.key

    @property
    def title(self) -> str:
        return str(self.spec.title)

    def message(self, row: int, column, text: str) -> str:
        label = column.label if isinstance(column, Column) else self.spec.column(column).label
        return pgettext("history import", "Sheet %(sheet)s, row %(row)s, column %(column)s: %(message)s") % {
            "sheet": self.name,
            "row": row,
            "column": label,
            "message": text,
        }

    def error(self, row: Row, column, text: str) -> None:
        row.errors.append(self.message(row.number, column, text))

    def warn(self, row: Row, column, text: str) -> None:
        row.warnings.append(self.message(row.number, column, text))

    @property
    def messages(self) -> list[str]:
        return [*self.errors, *(message for row in self.rows for message in row.errors)]

    @property
    def warnings(self) -> list[str]:
        return [message for row in self.rows for message in row.warnings]

    @property
    def error_count(self) -> int:
        return len(self.messages)

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action and not row.errors)

    @property
    def new_count(self) -> int:
        return self.count(NEW)

    @property
    def changed_count(self) -> int:
        return self.count(CHANGED)

    @property
    def unchanged_count(self) -> int:
        return self.count(UNCHANGED)

    def counts(self) -> dict:
        return {NEW: self.new_count, CHANGED: self.changed_count, UNCHANGED: self.unchanged_count}


@dataclass
class HistoryPreview:
    sheets: list[SheetResult] = field(default_factory=list)
    file_errors: list[str] = field(default_factory=list)
    plan: "Plan | None" = None

    @property
    def rows(self) -> list[Row]:
        return [row for sheet in self.sheets for row in sheet.rows]

    @property
    def error_count(self) -> int:
        return len(self.file_errors) + sum(sheet.error_count for sheet in self.sheets)

    @property
    def ok(self) -> bool:
        return self.error_count == 0 and bool(self.rows)

    @property
    def file_error(self) -> str:
        """The first workbook-level error (the generic import views read this name)."""
        return self.file_errors[0] if self.file_errors else ""

    def sheet(self, key: str) -> SheetResult:
        return next(sheet for sheet in self.sheets if sheet.key == key)

    def counts(self) -> dict:
        return {sheet.key: sheet.counts() for sheet in self.sheets}

    def total(self, action: str) -> int:
        return sum(sheet.count(action) for sheet in self.sheets)

    @property
    def new_total(self) -> int:
        return self.total(NEW)

    @property
    def changed_total(self) -> int:
        return self.total(CHANGED)

    @property
    def unchanged_total(self) -> int:
        return self.total(UNCHANGED)

    @property
    def messages(self) -> list[str]:
        return [*self.file_errors, *(message for sheet in self.sheets for message in sheet.messages)]


@dataclass
class Plan:
    """What a preview without errors would write: new objects and stored ones changed in place, by model,
    in the order their foreign keys need."""

    created: dict = field(default_factory=lambda: defaultdict(list))
    changed: dict = field(default_factory=lambda: defaultdict(list))  # model → [(object, changed fields)]


# Fields each sheet writes on a stored object (compared to tell a changed row from an unchanged one).
WRITTEN_FIELDS = {
    Person: [
        "unit",
        "name",
        "sex",
        "birth_date",
        "post",
        "legal_work_years",
        "judicial_years",
        "last_annual_grade",
        "legal_qualification_class",
        "legal_qualification_number",
        "legal_qualification_year",
        "lawyer_qualification_number",
        "lawyer_qualification_year",
        "qualified_on",
    ],
    Posting: ["unit", "started_on", "ended_on"],
    LegalWorkPeriod: ["ended_on"],
    Certificate: ["issued_on", "issuer", "status", "ended_on", "cancellation_reason", "end_note"],
    Suspension: ["ended_on", "reason"],
    Membership: ["joined_on"],
}
WRITE_ORDER = (Person, Posting, LegalWorkPeriod, Certificate, Suspension, Membership)
# Which column a Person field's message belongs to; the fields not on the sheet are not validated here.
PERSON_SHEET_FIELDS = [column.field for column in PEOPLE.columns]
QUALIFICATION_DATES = ("qualified_on", "legal_qualification_year", "lawyer_qualification_year")
PERSON_CONSTRAINT_COLUMNS = {
    "person_sex_valid": "sex",
    "person_grade_valid": "last_annual_grade",
    "person_qualification_class_valid": "legal_qualification_class",
    "person_qualification_has_number": "legal_qualification_number",
    "person_qualified_on_with_qualification": "qualified_on",
}


def _changed_fields(obj) -> dict:
    """{field: (before, after)} of the stored object's written fields, in the audit log's terms."""
    loaded = getattr(obj, "_loaded_values", None)
    if loaded is None:
        return {}
    attnames = {obj._meta.get_field(name).attname for name in WRITTEN_FIELDS[type(obj)]}
    before = obj.audit_snapshot_of({name: value for name, value in loaded.items() if name in attnames})
    after = obj.audit_snapshot_of({name: getattr(obj, name) for name in attnames})
    return {name: (before.get(name), after[name]) for name in after if before.get(name) != after[name]}


def _keep(facts: dict, fact) -> None:
    """A stored fact under its start (its natural key with its owner); a second one with the same start (the
    database allows two "since before the records") under a key no row can name, so it is still checked."""
    if fact.started_on in facts:
        facts[(fact.started_on, fact.pk)] = fact
    else:
        facts[fact.started_on] = fact


def _quoted(text) -> str:
    """A registered value in a message: in quotes, or "nothing" when empty."""
    return f"“{text}”" if text else pgettext("history import", "nothing")


def _latest(spans):
    """The latest of (span, payload) pairs: the one starting last (an empty start is the earliest)."""
    return max(spans, key=lambda item: (item[0][0] or date.min, item[0][1] or date.max), default=None)


class HistoryImporter:
    """Preview and commit one history workbook as a justice-bureau user."""

    def __init__(self, *, user):
        self.user = user

    # --- template ----------------------------------------------------------------------------------------
    def template_response(self):
        return workbook_response(filename="history-template.xlsx", **workbook_layout())

    # --- reading -----------------------------------------------------------------------------------------
    def preview(self, path: Path, *, lock: bool = False) -> HistoryPreview:
        """Read and check the workbook; `lock` (inside commit's transaction): lock the stored people and
        certificates it names while reading them, so that what is checked stays what is written."""
        self.today = timezone.localdate()
        reader = _CellReader(self.today)
        preview = HistoryPreview(sheets=[SheetResult(spec=spec, name=str(spec.title)) for spec in SHEETS])
        try:
            workbook = read_workbook(path)
        except SpreadsheetError as error:
            preview.file_errors.append(str(error))
            return preview
        self._match_sheets(workbook, preview)
        for sheet in preview.sheets:
            for number, cells in sheet.raw_rows:
                row = Row(number=number, values={})
                for name, position in sheet.positions.items():
                    column = sheet.spec.column(name)
                    raw = cells[position] if position < len(cells) else None
                    try:
                        row.values[name] = reader.read(column, raw)
                    except ValueError as error:
                        sheet.error(row, column, str(error))
                        row.readable = False
                if sheet.spec is not PEOPLE:
                    # An optional column left out of the sheet reads as empty cells. (On the people sheet it
                    # leaves what is stored of a registered person as it is.)
                    for column in sheet.spec.columns:
                        row.values.setdefault(column.field, reader.read(column, None) if not column.required else "")
                sheet.rows.append(row)
            sheet.raw_rows = []
        if not preview.file_errors and not preview.rows:
            preview.file_errors.append(pgettext("history import", "The workbook has no data rows."))
        if preview.file_errors or any(sheet.errors for sheet in preview.sheets):
            # Sheets or columns missing: the cells are checked, the facts wait until the workbook is whole.
            return preview
        _Check(self, preview, lock=lock).run()
        return preview

    def _match_sheets(self, workbook, preview: HistoryPreview) -> None:
        by_name = {}
        for sheet in preview.sheets:
            for text in in_each_language(sheet.spec.title):
                by_name[text] = sheet
        ignored = in_each_language(INSTRUCTIONS_TITLE)
        expected = " / ".join(str(spec.title) for spec in SHEETS)
        for found in workbook:
            compact = "".join(found.sheet_name.split())
            if compact in ignored:
                continue
            sheet = by_name.get(compact)
            if sheet is None:
                if found.rows or any(found.headers):
                    preview.file_errors.append(
                        pgettext(
                            "history import",
                            "The sheet “%(sheet)s” is not one of the template's sheets (%(sheets)s); rename it or "
                            "remove it.",
                        )
                        % {"sheet": found.sheet_name, "sheets": expected}
                    )
                continue
            if sheet.present:
                preview.file_errors.append(
                    pgettext(
                        "history import", "The workbook has two sheets for %(sheet)s: “%(first)s” and “%(second)s”."
                    )
                    % {"sheet": sheet.title, "first": sheet.name, "second": found.sheet_name}
                )
                continue
            sheet.present = True
            sheet.name = found.sheet_name
            self._match_headers(sheet, found.headers)
            sheet.raw_rows = found.rows
        for sheet in preview.sheets:
            if not sheet.present:
                preview.file_errors.append(
                    pgettext(
                        "history import",
                        "The workbook has no sheet “%(sheet)s” (%(english)s); keep every sheet of the template, "
                        "even without rows.",
                    )
                    % {"sheet": sheet.title, "english": " / ".join(sorted(in_each_language(sheet.spec.title)))}
                )

    def _match_headers(self, sheet: SheetResult, headers: list[str]) -> None:
        labels = {}
        for column in sheet.spec.columns:
            for text in in_each_language(column.label):
                labels[text] = column
        for index, header in enumerate(headers):
            if not header:
                continue
            column = labels.get(header)
            if column is None:
                sheet.errors.append(
                    sheet.message(
                        1,
                        Column("", header),
                        pgettext("history import", "Not a column of this sheet; the columns are: %(columns)s.")
                        % {"columns": " / ".join(str(column.label) for column in sheet.spec.columns)},
                    )
                )
            elif column.field in sheet.positions:
                sheet.errors.append(sheet.message(1, column, pgettext("history import", "The column appears twice.")))
            else:
                sheet.positions[column.field] = index
        for column in sheet.spec.columns:
            if column.required and column.field not in sheet.positions:
                sheet.errors.append(
                    sheet.message(1, column, pgettext("history import", "The sheet lacks this required column."))
                )

    # --- writing -----------------------------------------------------------------------------------------
    def commit(self, path: Path, *, filename: str = "", ip=None) -> HistoryPreview:
        """Write every row or none; raises ImportRejected with the preview when any row fails."""
        if self.user.role != Role.JUSTICE_BUREAU:
            raise PermissionDenied
        try:
            with transaction.atomic():
                # Checked again inside the transaction that writes, with the stored people and certificates the
                # workbook names locked as they are read (before any check): hand entry on them (a posting, a
                # certificate's ending, a correction, all of which lock the same rows) waits until this import
                # is written or refused, instead of slipping in between the check and the write.
                preview = self.preview(path, lock=True)
                if not preview.ok:
                    raise ImportRejected(preview)
                summary = record(
                    action=AuditAction.IMPORT,
                    actor=self.user,
                    ip=ip,
                    object_type="lawyers.history",
                    object_repr=filename[:200],
                    changes={"history": True, "sheets": preview.counts()},
                )
                self._write(preview.plan, summary)
        except (IntegrityError, ValidationError) as error:
            # Another user changed the same records while this import was writing; nothing was written.
            preview = HistoryPreview(
                file_errors=[
                    _("The data changed while importing; nothing was imported. Please try again. (%(error)s)")
                    % {"error": "; ".join(getattr(error, "messages", [str(error)]))}
                ]
            )
            self._record_refusal(filename, preview, ip)
            raise ImportRejected(preview) from error
        except ImportRejected as rejected:
            self._record_refusal(filename, rejected.preview, ip)
            raise
        return preview

    def _record_refusal(self, filename: str, preview: HistoryPreview, ip) -> None:
        """A refused import is logged too, outside the transaction that was rolled back."""
        record(
            action=AuditAction.IMPORT,
            actor=self.user,
            ip=ip,
            object_type="lawyers.history",
            object_repr=filename[:200],
            changes={
                "history": True,
                "errors": preview.error_count,
                "rows_refused": sum(1 for row in preview.rows if row.errors),
            },
            outcome="failure",
        )

    def _write(self, plan: Plan, summary: AuditEvent) -> None:
        now = timezone.now()
        events = []

        def event(obj, action, changes):
            return AuditEvent(
                actor=summary.actor,
                actor_name=summary.actor_name,
                ip_address=summary.ip_address,
                action=action,
                object_type=obj._meta.label_lower,
                object_id=str(obj.pk),
                object_repr=str(obj)[:200],
                changes={**changes, "history": True},
            )

        for model in WRITE_ORDER:
            changed = plan.changed.get(model, [])
            if changed:
                attnames = [model._meta.get_field(name).name for name in WRITTEN_FIELDS[model]]
                for obj, _diff in changed:
                    obj.updated_at = now
                # A fact that ends is written before one that opens, so that "one open at a time" holds
                # after every statement (a transfer, a certificate cancelled and another issued).
                closing = [obj for obj, _diff in changed if getattr(obj, "ended_on", None) is not None]
                opening = [obj for obj, _diff in changed if getattr(obj, "ended_on", None) is None]
                for group in (closing, opening):
                    if group:
                        model.objects.bulk_update(group, [*attnames, "updated_at"], batch_size=BATCH)
                for obj, diff in changed:
                    events.append(
                        event(
                            obj,
                            AuditAction.UPDATE,
                            {
                                "before": {name: before for name, (before, _after) in sorted(diff.items())},
                                "after": {name: after for name, (_before, after) in sorted(diff.items())},
                            },
                        )
                    )
            created = plan.created.get(model, [])
            if created:
                model.objects.bulk_create(created, batch_size=BATCH)
                events.extend(event(obj, AuditAction.CREATE, {"after": obj.audit_snapshot()}) for obj in created)
        AuditEvent.objects.bulk_create(events, batch_size=BATCH)


class _Check:
    """The checks of one preview across its sheets, with everything stored that the workbook names read in a
    fixed number of queries (one per kind of fact), whatever the number of rows."""

    def __init__(self, importer: HistoryImporter, preview: HistoryPreview, *, lock: bool = False):
        self.today = importer.today
        self.lock = lock
        self.preview = preview
        self.sheets = {sheet.key: sheet for sheet in preview.sheets}
        self.plan = Plan()

    def rows(self, key):
        """The sheet's rows whose cells could all be read, with the sheet."""
        sheet = self.sheets[key]
        return [(sheet, row) for row in sheet.rows if row.readable]

    def run(self) -> None:
        self._keys_once()
        self._load()
        self._people()
        self._postings()
        self._units_of_people()
        self._legal_work()
        self._certificates()
        self._registered_certificates()
        self._suspensions()
        self._certificate_statuses()
        self._memberships()
        self._settle()

    # --- keys and lookups --------------------------------------------------------------------------------
    KEYS = {
        "people": (ID,),
        "postings": (ID, "started_on"),
        "legal_work": (ID, "started_on"),
        "certificates": ("number",),
        "suspensions": ("certificate", "started_on"),
        "memberships": ("number",),
    }

    def _keys_once(self) -> None:
        """A key twice on one sheet: the later row is an error (and is left out of the checks)."""
        for key, fields in self.KEYS.items():
            sheet = self.sheets[key]
            seen = {}
            for row in sheet.rows:
                if not row.readable:
                    continue
                value = tuple(row.values.get(name) for name in fields)
                if value in seen:
                    sheet.error(
                        row,
                        fields[-1] if len(fields) > 1 else fields[0],
                        pgettext("history import", "The same key already appears in row %(row)s.")
                        % {"row": seen[value]},
                    )
                    row.readable = False
                else:
                    seen[value] = row.number

    def _load(self) -> None:
        ids = {
            row.values[ID]
            for key in ("people", "postings", "legal_work", "certificates", "memberships")
            for _sheet, row in self.rows(key)
        }
        numbers = {row.values["number"] for _sheet, row in self.rows("certificates")} | {
            row.values["certificate"] for _sheet, row in self.rows("suspensions")
        }
        unit_names = {row.values["unit"] for _sheet, row in self.rows("postings")}
        membership_numbers = {row.values["number"] for _sheet, row in self.rows("memberships")}
        # 1. people (found by the digests of their ID numbers)
        people = Person.objects.with_id_numbers(ids)
        if self.lock:
            people = self._locked(people)
        self.stored_people = {person.id_number: person for person in people}
        self.id_of_pk = {person.pk: number for number, person in self.stored_people.items()}
        pks = list(self.id_of_pk)
        # 2. units by name
        self.units_by_name = defaultdict(list)
        for unit in Unit.objects.filter(name__in=unit_names).order_by("pk"):
            self.units_by_name[unit.name].append(unit)
        # 3. postings, 4. legal work of those people
        self.stored_postings = defaultdict(dict)  # id → (from) → posting
        for posting in Posting.objects.filter(person_id__in=pks).select_related("unit").order_by("pk"):
            posting.person = self.stored_people[self.id_of_pk[posting.person_id]]
            _keep(self.stored_postings[self.id_of_pk[posting.person_id]], posting)
        self.stored_work = defaultdict(dict)
        for period in LegalWorkPeriod.objects.filter(person_id__in=pks).order_by("pk"):
            period.person = self.stored_people[self.id_of_pk[period.person_id]]
            _keep(self.stored_work[self.id_of_pk[period.person_id]], period)
        # 5. certificates named or held by those people, 6. their suspensions
        certificates = Certificate.objects.filter(Q(number__in=numbers) | Q(person_id__in=pks))
        if self.lock:
            certificates = self._locked(certificates)
        self.stored_certificates = {certificate.number: certificate for certificate in certificates}
        number_of_pk = {certificate.pk: number for number, certificate in self.stored_certificates.items()}
        self.stored_suspensions = defaultdict(dict)  # number → from → suspension
        for suspension in Suspension.objects.filter(
            Q(certificate__number__in=numbers) | Q(certificate__person_id__in=pks)
        ).order_by("pk"):
            suspension.certificate = self.stored_certificates[number_of_pk[suspension.certificate_id]]
            _keep(self.stored_suspensions[number_of_pk[suspension.certificate_id]], suspension)
        # 7. memberships
        self.stored_memberships = list(
            Membership.objects.filter(Q(number__in=membership_numbers) | Q(person_id__in=pks))
        )

    @staticmethod
    def _locked(queryset):
        """The rows locked until the commit's transaction ends (FOR UPDATE; SQLite, which locks the whole
        database for a writing transaction, ignores it). In primary-key order, people before certificates, so
        that two imports naming some of the same rows take them in the same order. Only the table's own rows
        (`of`): nothing on the nullable side of a join."""
        return queryset.select_for_update(of=("self",)).order_by("pk")

    # --- people ------------------------------------------------------------------------------------------
    def _people(self) -> None:
        # Named on a sheet, even on a row with errors: other sheets may refer to them without a second message.
        self.listed_ids = {row.values.get(ID) for row in self.sheets["people"].rows}
        self.listed_numbers = {row.values.get("number") for row in self.sheets["certificates"].rows}
        self.people = dict(self.stored_people)  # id → Person (stored, or new from the sheet)
        self.person_rows = {}  # id → (sheet, row)
        self.new_people = set()
        for sheet, row in self.rows("people"):
            number = row.values[ID]
            person = self.stored_people.get(number)
            if person is None:
                person = Person(id_number=number)
                self.new_people.add(number)
            for name in PERSON_SHEET_FIELDS:
                if name in row.values and name != ID:
                    setattr(person, name, row.values[name])
            undated = not any(row.values.get(name) for name in QUALIFICATION_DATES)
            if undated and person.pk is not None:
                # Neither a date nor a year: the day stored before stands (the model would take today).
                person.qualified_on = person._loaded_values.get("qualified_on")
            self.people[number] = person
            self.person_rows[number] = (sheet, row)
            row.obj = person
            self._validate_person(sheet, row, person)
            if undated and person.is_qualified and person.qualified_on == self.today:
                sheet.warn(
                    row,
                    "qualified_on",
                    pgettext(
                        "history import",
                        "Neither the date nor the year of the qualification is given: it is recorded as obtained "
                        "today, so the person counts as qualified from today only.",
                    ),
                )

    def _validate_person(self, sheet, row, person: Person) -> None:
        """Person.full_clean without its queries: the fields of the sheet, the model's clean (the ID number
        decides birth date and sex, the qualification its date) and the check constraints in Python.
        Duplicate ID numbers are decided by the one lookup of the whole workbook."""
        # Sex may be empty: clean() reads it from the ID number (and refuses one that disagrees).
        exclude = [f.name for f in Person._meta.fields if f.name not in PERSON_SHEET_FIELDS or f.name == "sex"]
        try:
            person.clean_fields(exclude=exclude)
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    sheet.error(row, name if name in PERSON_SHEET_FIELDS else ID, message)
            return
        person._duplicates_checked = True
        try:
            person.clean()
        except ValidationError as error:
            for name, messages in error.message_dict.items():
                for message in messages:
                    sheet.error(row, name if name in PERSON_SHEET_FIELDS else ID, message)
            return
        for constraint in Person._meta.constraints:
            if isinstance(constraint, CheckConstraint) and holds(constraint, person) is False:
                column = PERSON_CONSTRAINT_COLUMNS.get(constraint.name, ID)
                sheet.error(row, column, str(constraint.get_violation_error_message()))

    def _person(self, sheet, row, column=ID):
        """The person a row of another sheet names: stored or on the People sheet; an error otherwise."""
        person = self.people.get(row.values[ID])
        if person is None and row.values[ID] not in self.listed_ids:
            sheet.error(
                row,
                column,
                pgettext(
                    "history import",
                    "“%(id)s” is neither registered nor on the sheet %(people)s.",
                )
                % {"id": row.values[ID], "people": self.sheets["people"].name},
            )
        return person

    # --- postings ----------------------------------------------------------------------------------------
    def _unit(self, sheet, row):
        name, start, end = row.values["unit"], row.values["started_on"], row.values["ended_on"]
        candidates = self.units_by_name.get(name, [])
        if not candidates:
            sheet.error(row, "unit", pgettext("history import", "No unit is named “%(name)s”.") % {"name": name})
            return None
        if len(candidates) == 1:
            return candidates[0]
        day = start or (end - timedelta(days=1) if end else self.today)
        active = [unit for unit in candidates if UNIT.dates_hold(unit.established_on, unit.abolished_on, day)]
        if len(active) == 1:
            return active[0]
        sheet.error(
            row,
            "unit",
            pgettext("history import", "Several units are named “%(name)s” and not exactly one existed on %(day)s.")
            % {"name": name, "day": day},
        )
        return None

    def _combined(self, stored: dict, key_rows: list, make, matched: dict | None = None):
        """Per person (or certificate): the stored facts by their start, with those the workbook names
        replaced by its rows. `key_rows`: (owner key, start, sheet, row); `make(stored or None, row)` returns
        the object the row writes; `matched`: id(row) → (key, stored fact) for rows that update a stored fact
        other than the one their key names (a posting given its start). Returns owner → list of
        (span, row or None, object)."""
        combined = {owner: dict(facts) for owner, facts in stored.items()}
        matched = matched or {}
        for owner, start, _sheet, row in key_rows:
            facts = combined.setdefault(owner, {})
            existing = stored.get(owner, {}).get(start)
            if existing is None and id(row) in matched:
                key, existing = matched[id(row)]
                facts.pop(key, None)
            row.obj = make(existing, row)
            facts[start] = row
        result = defaultdict(list)
        for owner, facts in combined.items():
            for fact in facts.values():
                if isinstance(fact, Row):
                    result[owner].append(((fact.values["started_on"], fact.values["ended_on"]), fact, fact.obj))
                else:
                    result[owner].append(((fact.started_on, fact.ended_on), None, fact))
        return result

    @staticmethod
    def _ends_after_start(sheet, row, message) -> bool:
        start, end = row.values.get("started_on"), row.values.get("ended_on")
        if start is not None and end is not None and end <= start:
            sheet.error(row, "ended_on", message)
            return False
        return True

    def _postings(self) -> None:
        key_rows = []
        for sheet, row in self.rows("postings"):
            person = self._person(sheet, row)
            unit = self._unit(sheet, row)
            if not self._ends_after_start(sheet, row, _("A posting ends after it starts.")):
                continue
            if person is not None and unit is not None:
                row.unit = unit
                key_rows.append((row.values[ID], row.values["started_on"], sheet, row))

        def make(existing, row):
            posting = existing or Posting(person=self.people[row.values[ID]])
            posting.started_on = row.values["started_on"]  # a change only for a posting given its start
            posting.unit = row.unit
            posting.ended_on = row.values["ended_on"]
            return posting

        self.postings = self._combined(self.stored_postings, key_rows, make, self._starts_given(key_rows))
        self.ids_on_postings = {row.values.get(ID) for row in self.sheets["postings"].rows}
        for facts in self.postings.values():
            for span, row, posting in facts:
                if row is None:
                    continue
                sheet = self.sheets["postings"]
                others = [(other, other_row, obj) for other, other_row, obj in facts if other_row is not row]
                unit = posting.unit
                spans = [other for other, _row, _obj in others]
                for message in consistency.posting_errors(span, spans, (None, None), unit.name):
                    # The only message of this call is the overlap: say which row or record it is.
                    sheet.error(row, "started_on", message + self._clashing_posting(span, others))
                for message in consistency.posting_errors(span, [], (unit.established_on, None), unit.name):
                    sheet.error(row, "started_on", message)
                for message in consistency.posting_errors(span, [], (None, unit.abolished_on), unit.name):
                    sheet.error(row, "ended_on", message)

    def _starts_given(self, key_rows) -> dict:
        """A person registered by their unit has a posting there "since before the records" (no start). Matched
        by (ID number, start), no dated row could name it, and any dated posting before it would overlap it;
        so a dated row in the same unit that overlaps it gives it its start (and end) instead: the row updates
        that stored posting, counted as changed, and the earlier postings in other units fit before it.
        Only when the person has exactly one such posting in that unit and no row of theirs has an empty start
        (such a row names the posting by its key); of several dated rows in that unit, the latest.
        Returns id(row) → (key, stored posting) for `_combined`."""
        rows_of = defaultdict(list)
        for owner, _start, _sheet, row in key_rows:
            rows_of[owner].append(row)
        matched = {}
        for owner, rows in rows_of.items():
            stored = self.stored_postings.get(owner, {})
            if any(row.values["started_on"] is None for row in rows):
                continue
            undated = defaultdict(list)  # unit → [(key, posting)]
            for key, posting in stored.items():
                if posting.started_on is None:
                    undated[posting.unit_id].append((key, posting))
            for unit_id, found in undated.items():
                if len(found) != 1:
                    continue
                key, posting = found[0]
                candidates = [
                    row
                    for row in rows
                    if row.unit.pk == unit_id
                    and row.values["started_on"] not in stored  # a row naming a stored posting updates that one
                    and HalfOpen.dates_overlap(
                        (row.values["started_on"], row.values["ended_on"]), (None, posting.ended_on)
                    )
                ]
                if candidates:
                    latest = max(candidates, key=lambda row: row.values["started_on"])
                    matched[id(latest)] = (key, posting)
        return matched

    def _clashing_posting(self, span, others) -> str:
        """Where the posting that `span` overlaps comes from: its row on the sheet, or the register."""
        clash = next(((row, posting) for other, row, posting in others if HalfOpen.dates_overlap(span, other)), None)
        if clash is None:
            return ""
        row, posting = clash
        if row is not None:
            return pgettext("history import", " The other posting: row %(row)s, %(unit)s.") % {
                "row": row.number,
                "unit": posting.unit.name,
            }
        if posting.started_on is None:
            # Registered by the unit, "since before the records": a dated row in that unit gives it its start.
            return pgettext(
                "history import",
                " The other posting is registered: %(unit)s, since before the records; a row in %(unit)s with its "
                "start date gives it that start.",
            ) % {"unit": posting.unit.name}
        return pgettext("history import", " The other posting is registered: %(unit)s.") % {"unit": posting.unit.name}

    def _registered_certificates(self) -> None:
        """A registered certificate the workbook does not restate must still be issued on a day its holder was
        posted, as the workbook now gives their postings (told on the holder's first posting row)."""
        first_rows = {}
        for row in self.sheets["postings"].rows:
            first_rows.setdefault(row.values.get(ID), row)
        for number, certificate in self.stored_certificates.items():
            holder = self.id_of_pk.get(certificate.person_id)
            if number in self.listed_numbers or holder not in first_rows or holder in self.unsettled_postings:
                continue
            spans = [span for span, _row, _obj in self.postings.get(holder, [])]
            for message in consistency.certificate_errors((certificate.issued_on, certificate.ended_on), spans, []):
                self.sheets["postings"].error(
                    first_rows[holder],
                    "started_on",
                    pgettext("history import", "Registered certificate %(number)s: %(message)s")
                    % {"number": number, "message": message},
                )

    def _units_of_people(self) -> None:
        """A person's unit is the unit of their latest posting; a new person needs one."""
        for number, person in self.people.items():
            if number not in self.ids_on_postings and number not in self.new_people:
                continue  # the workbook leaves the person's postings as they are
            latest = _latest([(span, posting) for span, _row, posting in self.postings.get(number, [])])
            if latest is not None:
                person.unit = latest[1].unit
            elif number in self.new_people:
                sheet, row = self.person_rows[number]
                if number not in self.ids_on_postings:
                    sheet.error(
                        row,
                        ID,
                        pgettext(
                            "history import",
                            "A person not registered yet needs at least one posting on the sheet %(postings)s.",
                        )
                        % {"postings": self.sheets["postings"].name},
                    )

    # --- legal work --------------------------------------------------------------------------------------
    def _legal_work(self) -> None:
        key_rows = []
        for sheet, row in self.rows("legal_work"):
            person = self._person(sheet, row)
            if not self._ends_after_start(
                sheet, row, pgettext("history import", "A period of legal work ends after it starts.")
            ):
                continue
            if person is not None:
                key_rows.append((row.values[ID], row.values["started_on"], sheet, row))

        def make(existing, row):
            period = existing or LegalWorkPeriod(
                person=self.people[row.values[ID]], started_on=row.values["started_on"]
            )
            period.ended_on = row.values["ended_on"]
            return period

        periods = self._combined(self.stored_work, key_rows, make)
        sheet = self.sheets["legal_work"]
        for facts in periods.values():
            for span, row, _period in facts:
                if row is not None:
                    others = [other for other, other_row, _obj in facts if other_row is not row]
                    for message in consistency.legal_work_errors(span, others):
                        sheet.error(row, "started_on", message)

    # --- certificates ------------------------------------------------------------------------------------
    def _certificates(self) -> None:
        sheet = self.sheets["certificates"]
        self.certificates = dict(self.stored_certificates)  # number → Certificate (stored or new)
        self.certificate_rows = {}
        for _sheet, row in self.rows("certificates"):
            values = row.values
            number = values["number"]
            person = self._person(sheet, row)
            stored = self.stored_certificates.get(number)
            if stored is not None and (person is None or stored.person_id != person.pk):
                sheet.error(
                    row,
                    ID,
                    pgettext(
                        "history import",
                        "Certificate %(number)s is registered to another person; a mistyped number or holder is "
                        "corrected (更正) on the register, not by an import.",
                    )
                    % {"number": number},
                )
                continue
            self._practice_number(sheet, row, person)
            if not self._ending(sheet, row):
                continue
            if person is None:
                continue
            if stored is not None and not self._as_registered(sheet, row, stored):
                continue  # the registered certificate stands, and the other checks read it
            certificate = stored or Certificate(
                person=person,
                number=number,
                issued_on=values["issued_on"],
                issuer=values.get("issuer") or DEFAULT_ISSUER,
                status=CertificateStatus.ACTIVE,
            )
            if values.get("ended_on") is not None:
                # A new certificate's ending, or the one a registered certificate did not have yet.
                certificate.ended_on = values["ended_on"]
                certificate.status = values["end_kind"]
                certificate.cancellation_reason = values.get("cancellation_reason", "")
                certificate.end_note = values.get("end_note", "")
            row.obj = certificate
            self.certificates[number] = certificate
            self.certificate_rows[number] = row
        by_holder = self.certificates_by_holder = defaultdict(list)
        for certificate in self.certificates.values():
            if certificate.pk is None:
                by_holder[certificate.person.id_number].append(certificate)  # a new one: its holder is at hand
            elif certificate.person_id in self.id_of_pk:
                by_holder[self.id_of_pk[certificate.person_id]].append(certificate)
        # A holder whose posting rows have errors: their certificates are checked against their postings once
        # those are right (one mistake, one message).
        self.unsettled_postings = {row.values.get(ID) for row in self.sheets["postings"].rows if row.errors}
        for number, row in self.certificate_rows.items():
            certificate = self.certificates[number]
            holder = row.values[ID]
            span = (certificate.issued_on, certificate.ended_on)
            postings = [posting_span for posting_span, _row, _obj in self.postings.get(holder, [])]
            others = [(other.issued_on, other.ended_on) for other in by_holder[holder] if other is not certificate]
            if holder not in self.unsettled_postings:
                for message in consistency.certificate_errors(span, postings, []):
                    sheet.error(row, "issued_on", message)
            for message in consistency.certificate_errors(span, [(None, None)], others):
                sheet.error(row, "issued_on", message)
            self._left_with_cancellation(sheet, row, certificate, holder)
            person = self.people[holder]
            # Qualified by the issue day as everything else reads a qualification (in_force.QUALIFICATION: by
            # qualified_on, the day, not by the year). Only a warning here, unlike a certificate issued through
            # the portal (lawyers.services._issue_date_errors): the register records what happened. An older
            # record's qualification day is often known only by its year (then 31 December: Person
            # ._date_qualification), and older certificates were issued under earlier rules; refusing the row
            # would leave a county unable to load the certificates it actually has. The clerk sees the warning.
            if person.qualified_on is not None and not QUALIFICATION.holds(person, certificate.issued_on):
                sheet.warn(
                    row,
                    "issued_on",
                    pgettext("history import", "Issued before the holder qualified (%(day)s), as recorded.")
                    % {"day": person.qualified_on},
                )

    def _as_registered(self, sheet, row, stored: Certificate) -> bool:
        """A row naming a registered certificate restates it. The one thing it may add is an ending the register
        does not have yet: a cancellation or revocation that happened, a new fact. Any other difference (the
        issue date, the issuer, an ending that is registered otherwise, or none where one is registered) is an
        error on that cell: an import never rewrites a registered certificate, nor reopens an ended one. A
        mistake in the register is put right on the certificate's page with 更正
        (lawyers.services.certificate_correct), which keeps the correction as the certificate's history."""
        values = row.values
        errors = len(row.errors)

        def corrected_on_its_page(column, registered):
            sheet.error(
                row,
                column,
                pgettext(
                    "history import",
                    "The register has %(value)s for certificate %(number)s; an import does not change a registered "
                    "certificate. Write it as registered; if the register is wrong, correct it on the certificate's "
                    "page with 更正, which keeps the correction in its history.",
                )
                % {"value": registered, "number": stored.number},
            )

        def ended_otherwise(column, registered):
            # 更正 corrects a date or the issuer, not how a certificate ended.
            sheet.error(
                row,
                column,
                pgettext(
                    "history import",
                    "The register has %(value)s for certificate %(number)s; an import does not change how a "
                    "registered certificate ended. Write it as registered.",
                )
                % {"value": registered, "number": stored.number},
            )

        if values["issued_on"] != stored.issued_on:
            corrected_on_its_page("issued_on", stored.issued_on.isoformat())
        if (values.get("issuer") or DEFAULT_ISSUER) != stored.issuer:
            corrected_on_its_page("issuer", _quoted(stored.issuer))
        if stored.ended_on is None:
            return len(row.errors) == errors  # an ending on the row is recorded: a new fact
        if values.get("ended_on") is None:
            sheet.error(
                row,
                "ended_on",
                pgettext(
                    "history import",
                    "Certificate %(number)s is registered as %(kind)s on %(day)s; an import never reopens an ended "
                    "certificate. Write its ending as registered.",
                )
                % {
                    "number": stored.number,
                    "kind": CertificateStatus(stored.status).label,
                    "day": stored.ended_on.isoformat(),
                },
            )
            return False
        if values["ended_on"] != stored.ended_on:
            corrected_on_its_page("ended_on", stored.ended_on.isoformat())
        if values["end_kind"] != stored.status:
            ended_otherwise("end_kind", _quoted(CertificateStatus(stored.status).label))
        elif values.get("cancellation_reason", "") != stored.cancellation_reason:
            reason = stored.cancellation_reason
            ended_otherwise("cancellation_reason", _quoted(CancellationReason(reason).label if reason else ""))
        elif values.get("end_note", "") != stored.end_note:
            ended_otherwise("end_note", _quoted(stored.end_note))
        return len(row.errors) == errors

    def _practice_number(self, sheet, row, person) -> None:
        """The number's shape is an error; a failed digit check only a warning (older numbering)."""
        number = row.values["number"]
        sex = (person.sex or None) if person is not None else None
        check = check_practice_number(number, sex=sex, issued_on=row.values["issued_on"])
        if len(number) != 17 or not number.isdigit() or number[0] != "1":
            for message in check.errors:
                sheet.error(row, "number", message)
            return
        for message in [*check.errors, *check.warnings]:
            sheet.warn(row, "number", message)

    def _ending(self, sheet, row) -> bool:
        values = row.values
        ended_on, kind = values.get("ended_on"), values.get("end_kind", "")
        reason, note = values.get("cancellation_reason", ""), values.get("end_note", "")
        errors = len(row.errors)
        if ended_on is not None and not kind:
            sheet.error(
                row,
                "end_kind",
                pgettext("history import", "An ended certificate needs its kind of ending: 注销 or 吊销."),
            )
        if kind and ended_on is None:
            sheet.error(row, "ended_on", pgettext("history import", "Give the date the certificate ended."))
        if ended_on is not None and ended_on < values["issued_on"]:
            sheet.error(row, "ended_on", _("A certificate cannot end before it was issued."))
        if kind == CertificateStatus.CANCELLED and not reason:
            sheet.error(row, "cancellation_reason", _("Please choose the reason for the cancellation."))
        if kind != CertificateStatus.CANCELLED and reason:
            sheet.error(row, "cancellation_reason", _("Only a cancelled certificate has a cancellation reason."))
        if kind == CertificateStatus.REVOKED and not note:
            sheet.error(row, "end_note", _("A revocation needs the misconduct it is for."))
        if not kind and note:
            sheet.error(row, "end_note", pgettext("history import", "A note is only given with an ending."))
        return len(row.errors) == errors

    def _left_with_cancellation(self, sheet, row, certificate, holder) -> None:
        """Cancelled because the holder retired or left the unit: the posting they were in ends by that day,
        as the register's cancellation ends it (lawyers.services.certificate_cancel)."""
        if certificate.cancellation_reason not in LEAVING_REASONS:
            return
        day_before = certificate.ended_on - timedelta(days=1)
        for span, _row, posting in self.postings.get(holder, []):
            if POSTING.dates_hold(*span, day_before) and (span[1] is None or span[1] > certificate.ended_on):
                sheet.error(
                    row,
                    "cancellation_reason",
                    pgettext(
                        "history import",
                        "The holder retired or left the unit on %(day)s, but their posting in %(unit)s goes on after "
                        "that day; end it on the sheet %(postings)s on %(day)s at the latest.",
                    )
                    % {
                        "day": certificate.ended_on,
                        "unit": posting.unit.name,
                        "postings": self.sheets["postings"].name,
                    },
                )

    # --- suspensions -------------------------------------------------------------------------------------
    def _suspensions(self) -> None:
        sheet = self.sheets["suspensions"]
        key_rows = []
        for _sheet, row in self.rows("suspensions"):
            number = row.values["certificate"]
            if number not in self.certificates:
                if number in self.listed_numbers:
                    continue  # its row on the certificates sheet has the errors
                sheet.error(
                    row,
                    "certificate",
                    pgettext(
                        "history import", "Certificate “%(number)s” is neither registered nor on the sheet %(sheet)s."
                    )
                    % {"number": number, "sheet": self.sheets["certificates"].name},
                )
                continue
            if self._ends_after_start(sheet, row, _("A suspension ends after it starts.")):
                key_rows.append((number, row.values["started_on"], sheet, row))

        def make(existing, row):
            suspension = existing or Suspension(
                certificate=self.certificates[row.values["certificate"]], started_on=row.values["started_on"]
            )
            suspension.ended_on = row.values["ended_on"]
            suspension.reason = row.values["reason"]
            return suspension

        self.suspensions = self._combined(self.stored_suspensions, key_rows, make)
        for number, facts in self.suspensions.items():
            certificate = self.certificates[number]
            term = (certificate.issued_on, certificate.ended_on)
            certificate_row = self.certificate_rows.get(number)
            for span, row, _suspension in facts:
                start, end = span
                needs_end = end is None and term[1] is not None and CERTIFICATE.dates_hold(*term, start)
                if row is None:
                    if certificate_row is not None:
                        # A stored suspension must still fit the certificate's term as the workbook gives it.
                        for message in consistency.suspension_errors(span, term, []):
                            self.sheets["certificates"].error(
                                certificate_row,
                                "ended_on" if needs_end or (end and term[1] and end > term[1]) else "issued_on",
                                pgettext("history import", "A registered suspension (%(span)s): %(message)s")
                                % {"span": consistency.span_text(span), "message": message},
                            )
                    continue
                for message in consistency.suspension_errors(span, term, []):
                    sheet.error(row, "ended_on" if needs_end else "started_on", message)
                others = [other for other, other_row, _obj in facts if other_row is not row]
                for message in consistency.suspension_errors(span, (None, None), others):
                    sheet.error(row, "started_on", message)

    def _certificate_statuses(self) -> None:
        """A live certificate is suspended while a suspension of it has no end; an ended one keeps its kind."""
        for number, certificate in self.certificates.items():
            if certificate.ended_on is not None:
                continue
            facts = self.suspensions.get(number, [])
            if number not in self.certificate_rows and not any(row is not None for _span, row, _obj in facts):
                continue  # neither the certificate nor its suspensions are in the workbook
            suspended = any(span[1] is None for span, _row, _obj in facts)
            certificate.status = CertificateStatus.SUSPENDED if suspended else CertificateStatus.ACTIVE

    # --- memberships -------------------------------------------------------------------------------------
    def _memberships(self) -> None:
        sheet = self.sheets["memberships"]
        by_number = {membership.number: membership for membership in self.stored_memberships}
        by_person = {membership.person_id: membership for membership in self.stored_memberships}
        seen_people = {}
        for _sheet, row in self.rows("memberships"):
            person = self._person(sheet, row)
            if person is None:
                continue
            number, holder = row.values["number"], row.values[ID]
            if holder in seen_people:
                sheet.error(
                    row,
                    ID,
                    pgettext("history import", "This person already has a membership in row %(row)s.")
                    % {"row": seen_people[holder]},
                )
                continue
            seen_people[holder] = row.number
            stored = by_number.get(number)
            if stored is not None and stored.person_id != person.pk:
                sheet.error(
                    row,
                    "number",
                    pgettext("history import", "Membership number %(number)s belongs to another person.")
                    % {"number": number},
                )
                continue
            own = by_person.get(person.pk) if person.pk else None
            if stored is None and own is not None:
                sheet.error(
                    row,
                    "number",
                    pgettext("history import", "The person is already a member under the number %(number)s.")
                    % {"number": own.number},
                )
                continue
            membership = stored or Membership(person=person, number=number)
            membership.joined_on = row.values["joined_on"]
            row.obj = membership
            issued = [certificate.issued_on for certificate in self.certificates_by_holder.get(holder, [])]
            if not issued:
                sheet.warn(row, ID, pgettext("history import", "The person has no public-lawyer certificate."))
            elif membership.joined_on < min(issued):
                sheet.warn(
                    row,
                    "joined_on",
                    pgettext("history import", "Before the person first became a public lawyer (%(day)s).")
                    % {"day": min(issued)},
                )

    # --- counts and the plan -----------------------------------------------------------------------------
    def _settle(self) -> None:
        """Each row's action, and the plan of what to write when nothing is wrong."""
        plan = self.plan
        actions = {}

        def plan_object(obj) -> str:
            if id(obj) not in actions:
                if obj.pk is None:
                    plan.created[type(obj)].append(obj)
                    actions[id(obj)] = NEW
                elif diff := _changed_fields(obj):
                    plan.changed[type(obj)].append((obj, diff))
                    actions[id(obj)] = CHANGED
                else:
                    actions[id(obj)] = UNCHANGED
            return actions[id(obj)]

        for sheet in self.preview.sheets:
            for row in sheet.rows:
                if row.obj is not None and not row.errors:
                    row.action = plan_object(row.obj)
        # Stored facts the workbook changes without a row of their own: the unit of a person whose postings
        # it records, the status of a certificate whose suspensions it records.
        for person in self.people.values():
            if person.pk is not None:
                plan_object(person)
        for certificate in self.certificates.values():
            if certificate.pk is not None:
                plan_object(certificate)
        if self.preview.error_count == 0:
            self.preview.plan = plan


# --- the workbook from Python data ------------------------------------------------------------------------


def workbook_layout(facts: dict | None = None) -> dict:
    """The arguments of spreadsheets.write_workbook for the template, or for a workbook of `facts`."""
    facts = facts or {}
    unknown = set(facts) - {spec.key for spec in SHEETS}
    if unknown:
        raise ValueError(f"unknown sheets: {sorted(unknown)}")
    sheets = []
    for spec in SHEETS:
        rows = []
        for fact in facts.get(spec.key, ()):
            extra = set(fact) - {column.field for column in spec.columns}
            if extra:
                raise ValueError(f"unknown columns of {spec.key}: {sorted(extra)}")
            rows.append([_cell(column, fact.get(column.field)) for column in spec.columns])
        sheets.append(
            WorkbookSheet(
                title=str(spec.title),
                columns=[
                    TemplateColumn(
                        label=str(column.label),
                        help=str(column.help),
                        required=column.required,
                        options=column.options(),
                        as_text=column.as_text,
                        width=24 if column.kind in ("id", "text") else 16,
                    )
                    for column in spec.columns
                ],
                rows=rows,
            )
        )
    return {
        "sheets": sheets,
        "instructions_title": str(INSTRUCTIONS_TITLE),
        "instructions": [str(line) for line in INSTRUCTIONS],
    }


def _cell(column: Column, value):
    """A Python value as the workbook shows it: a choice's stored value as its label, the rest as given."""
    if column.choices is not None and isinstance(value, str) and value in column.choices.values:
        return str(column.choices(value).label)
    return value


def build_workbook(facts: dict) -> bytes:
    """A history workbook of `facts`: sheet key (people, postings, legal_work, certificates, suspensions,
    memberships) → rows as dicts of column field → value (dates as dates; a choice as its stored value or its
    label). Written in the active language, as a user would fill in the template."""
    from io import BytesIO

    buffer = BytesIO()
    write_workbook(buffer, **workbook_layout(facts))
    return buffer.getvalue()
