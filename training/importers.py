"""Import an event's attendees from Excel: full name and ID number per row, all rows or none.

Not a SpreadsheetImporter: a row is not a model form but a lookup of a registered person, so the rows are
checked against three reads (people, certificates in force on the day, the list as it stands) made once for
the whole file. The preview and its rows are the framework's, so the generic import page shows them.
"""

from pathlib import Path

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chenggu_lawyers.audit import record
from chenggu_lawyers.imports import ImportColumn, ImportPreview, ImportRejected, RowResult, display_cell
from chenggu_lawyers.models import AuditAction
from chenggu_lawyers.spreadsheets import SpreadsheetError, TemplateColumn, read_sheet, template_response
from lawyers.importers import IdNumberColumn
from lawyers.models import Certificate, Person

from . import services
from .models import Attendance, TrainingEvent


def _compact(text: str) -> str:
    return "".join(str(text).split())


class AttendanceImporter:
    columns = (
        ImportColumn("name", gettext_lazy("Full name"), required=True),
        IdNumberColumn(
            "id_number",
            gettext_lazy("ID number"),
            required=True,
            as_text=True,
            help=gettext_lazy("18 characters; the last may be X."),
        ),
    )
    sheet_title = gettext_lazy("Attendees")

    def __init__(self, *, user, event: TrainingEvent):
        self.user = user
        self.event = event
        # The person each valid row names, by row number; filled by preview, written by commit.
        self.matched: dict[int, Person] = {}

    def label(self, field: str):
        return next(column.label for column in self.columns if column.field == field)

    def template_response(self):
        event = self.event
        return template_response(
            filename=f"attendees-{event.held_on:%Y%m%d}-{event.pk}.xlsx",
            sheet_title=str(self.sheet_title),
            columns=[
                TemplateColumn(label=str(column.label), help=str(column.help), required=True, as_text=column.as_text)
                for column in self.columns
            ],
            instructions=[
                _("Attendees of %(event)s") % {"event": event},
                _("One row per public lawyer who attended; each must have held a certificate in force that day."),
                _("Importing adds to the attendee list; people already on it stay once."),
            ],
        )

    def preview(self, path: Path) -> ImportPreview:
        if self.event.held_on > timezone.localdate():
            return ImportPreview(file_error=_("Attendance can be recorded once the event has taken place."))
        try:
            sheet = read_sheet(
                path,
                preferred_sheet=str(self.sheet_title),
                required_headers=[str(column.label) for column in self.columns],
            )
        except SpreadsheetError as error:
            return ImportPreview(file_error=str(error))
        preview = ImportPreview(sheet_name=sheet.sheet_name)
        self.matched = {}
        positions = {
            column.field: sheet.headers.index(_compact(column.label))
            for column in self.columns
            if _compact(column.label) in sheet.headers
        }
        parsed = []
        first_row_of: dict[str, int] = {}
        for number, cells in sheet.rows:
            row = RowResult(number=number, cells={})
            data = {}
            for column in self.columns:
                position = positions.get(column.field)
                raw = cells[position] if position is not None and position < len(cells) else None
                row.cells[column.field] = display_cell(raw)
                try:
                    data[column.field] = column.to_form_value(raw)
                except ValueError as error:
                    row.errors.append(f"【{column.label}】{error}")
            key = data.get("id_number", "")
            if key and key in first_row_of:
                row.errors.append(
                    _("【%(column)s】“%(key)s” already appears in row %(row)s.")
                    % {"column": self.label("id_number"), "key": key, "row": first_row_of[key]}
                )
            elif key:
                first_row_of[key] = number
            parsed.append((row, data))
            preview.rows.append(row)
        if not preview.rows:
            preview.file_error = _("The sheet “%(sheet)s” has no data rows.") % {"sheet": sheet.sheet_name}
            return preview
        self._check_rows(parsed, set(first_row_of))
        return preview

    def _check_rows(self, parsed, keys: set[str]) -> None:
        event = self.event
        # Unscoped on purpose, as in the roster import: an ID number is unique county-wide, and a row naming
        # somebody the user may not pick is refused below without saying who it is.
        people = {person.id_number: person for person in Person.objects.with_id_numbers(keys)}
        in_force = set(
            Certificate.objects.active_on(event.held_on)
            .filter(person__in=[person.pk for person in people.values()])
            .values_list("person_id", flat=True)
        )
        present = set(Attendance.objects.filter(event=event).values_list("person_id", flat=True))
        id_label = self.label("id_number")
        for row, data in parsed:
            if row.errors:
                continue
            person = people.get(data["id_number"])
            if person is None or (event.unit_id is not None and person.unit_id != event.unit_id):
                message = (
                    _("No person of this unit has this ID number.")
                    if event.unit_id is not None
                    else _("No person with this ID number is registered.")
                )
                row.errors.append(f"【{id_label}】{message}")
                continue
            if _compact(person.name) != _compact(data["name"]):
                row.errors.append(
                    f"【{self.label('name')}】"
                    + _("The name does not match the person registered with this ID number.")
                )
                continue
            if person.pk not in in_force:
                row.errors.append(
                    _("%(name)s held no public-lawyer certificate in force on %(day)s.")
                    % {"name": person.name, "day": f"{event.held_on:%Y-%m-%d}"}
                )
                continue
            self.matched[row.number] = person
            row.updates = person.pk in present

    def commit(self, path: Path, *, filename: str = "") -> ImportPreview:
        """Add every row's person to the attendee list, or nobody when any row fails."""
        try:
            with transaction.atomic():
                # Checked again inside the transaction that writes, so what was checked is what is written.
                preview = self.preview(path)
                if not preview.ok:
                    raise ImportRejected(preview)
                services.attendance_add(actor=self.user, event=self.event, people=list(self.matched.values()))
                record(
                    action=AuditAction.IMPORT,
                    object_type=Attendance._meta.label_lower,
                    object_repr=f"{self.event} · {filename}"[:200],
                    changes={"created": preview.created_count, "already_listed": preview.updated_count},
                )
        except (IntegrityError, ValidationError, PermissionDenied) as error:
            preview = ImportPreview(
                file_error=_("The data changed while importing; nothing was imported. Please try again. (%(error)s)")
                % {"error": "; ".join(getattr(error, "messages", [str(error)]))}
            )
            raise ImportRejected(preview) from error
        return preview
