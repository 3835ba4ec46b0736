"""All-or-nothing spreadsheet imports with a preview of every row's errors.

An importer declares its columns and the model form that validates one row. `preview` reads the file and
validates every row without writing; `commit` validates again and writes every row in one transaction, or
nothing when any row fails. The key column makes a re-import update the rows it created instead of adding
them again.
"""

import copy
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import TextChoices
from django.forms.models import model_to_dict
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .audit import record
from .models import AuditAction
from .spreadsheets import SpreadsheetError, TemplateColumn, read_sheet, template_response

TRUE_WORDS = {"是", "有", "yes", "y", "true", "1", "√", "✓"}
FALSE_WORDS = {"否", "无", "no", "n", "false", "0", "×"}


def in_each_language(text) -> set[str]:
    """A lazy label as it reads in every UI language, so a template in either language imports."""
    from django.conf import settings

    labels = set()
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            labels.add("".join(str(text).split()))
    return labels


@dataclass(frozen=True)
class ImportColumn:
    """One column of an import template: the form field it fills and how a cell becomes a form value."""

    field: str
    label: object
    required: bool = False
    kind: str = "text"  # text, bool, date, choice
    choices: type[TextChoices] | None = None
    help: object = ""
    # Formatted as text in the template, so Excel keeps long digit strings (ID numbers) whole.
    as_text: bool = False

    def options(self) -> list[str]:
        if self.kind == "bool":
            return [_("yes"), _("no")]
        if self.choices is not None:
            return [str(label) for label in self.choices.labels]
        return []

    def to_form_value(self, raw):
        """The cell as a form value, or raise ValueError with the message for the user."""
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if self.required:
                # Said here for every kind: an empty yes/no cell would otherwise read as "no".
                raise ValueError(_("This column is required."))
            return ""
        if isinstance(raw, float) and raw.is_integer():
            raw = int(raw)
        if self.kind == "date":
            if isinstance(raw, datetime):
                return raw.date().isoformat()
            if isinstance(raw, date):
                return raw.isoformat()
            return str(raw).strip()
        text = str(raw).strip()
        if self.kind == "bool":
            word = text.lower()
            if word in TRUE_WORDS or word in {_("yes").lower()}:
                return "true"
            if word in FALSE_WORDS or word in {_("no").lower()}:
                return "false"
            raise ValueError(_("“%(value)s” is not 是 or 否.") % {"value": text})
        if self.choices is not None:
            compact = "".join(text.split())
            for value, label in self.choices.choices:
                if text == value or compact in in_each_language(label):
                    return value
            raise ValueError(
                _("“%(value)s” is not one of: %(options)s.") % {"value": text, "options": " / ".join(self.options())}
            )
        return text


def display_cell(raw) -> str:
    """A cell as the preview shows it: whole numbers without ".0", dates without a time."""
    if raw is None:
        return ""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    if isinstance(raw, datetime) and raw.time() == datetime.min.time():
        return raw.date().isoformat()
    return str(raw).strip()


@dataclass
class RowResult:
    number: int
    cells: dict[str, str]
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    updates: bool = False
    form: forms.ModelForm | None = None


@dataclass
class ImportPreview:
    rows: list[RowResult] = field(default_factory=list)
    file_error: str = ""
    sheet_name: str = ""

    @property
    def error_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.errors]

    @property
    def ok(self) -> bool:
        return not self.file_error and bool(self.rows) and not self.error_rows

    @property
    def created_count(self) -> int:
        return sum(1 for row in self.rows if not row.updates)

    @property
    def updated_count(self) -> int:
        return sum(1 for row in self.rows if row.updates)


class ImportRejected(Exception):
    def __init__(self, preview: ImportPreview):
        super().__init__("import rejected")
        self.preview = preview


class _FieldsOfOneFile(dict):
    """The form fields of the new rows of one file: a form's copy of them is shallow, field by field (what a
    form's __init__ sets on a field stays its own), sharing the widgets, validators and choices."""

    def __deepcopy__(self, memo):
        return {name: copy.copy(form_field) for name, form_field in self.items()}


class SpreadsheetImporter:
    """Base class: subclasses set the model, form, columns and key, and may add warnings or lookups."""

    model = None
    form_class: type[forms.ModelForm] = None
    columns: Sequence[ImportColumn] = ()
    key_field: str = ""
    sheet_title = gettext_lazy("Data")
    template_filename = "template.xlsx"
    instructions: Sequence[object] = ()

    def __init__(self, *, user):
        self.user = user

    # --- hooks -----------------------------------------------------------------------------------
    def existing_by_key(self, keys: set[str]) -> dict:
        """The rows the user may see whose key is among `keys`, in one query."""
        lookup = {f"{self.key_field}__in": keys}
        return {getattr(obj, self.key_field): obj for obj in self.model.objects.visible_to(self.user).filter(**lookup)}

    def form_kwargs(self) -> dict:
        return {"user": self.user}

    def row_warnings(self, instance) -> list[str]:
        return []

    def check_row(self, data: dict, instance) -> list[str]:
        """Errors a row has before its form is validated (e.g. a key that belongs to another unit)."""
        return []

    def save_row(self, form) -> None:
        form.save()

    def save_rows(self, forms) -> None:
        """Write every validated row (inside commit's transaction); an importer may write them in bulk."""
        for form in forms:
            self.save_row(form)

    # --- template --------------------------------------------------------------------------------
    def template_response(self):
        return template_response(
            filename=self.template_filename,
            sheet_title=str(self.sheet_title),
            columns=[
                TemplateColumn(
                    label=str(column.label),
                    help=str(column.help),
                    required=column.required,
                    options=column.options(),
                    as_text=column.as_text,
                )
                for column in self.columns
            ],
            instructions=[str(line) for line in self.instructions],
        )

    # --- reading and validating ------------------------------------------------------------------
    def preview(self, path: Path) -> ImportPreview:
        try:
            sheet = read_sheet(
                path,
                preferred_sheet=str(self.sheet_title),
                required_headers=[str(column.label) for column in self.columns if column.required],
            )
        except SpreadsheetError as error:
            return ImportPreview(file_error=str(error))
        positions = self._column_positions(sheet.headers)
        preview = ImportPreview(sheet_name=sheet.sheet_name)
        key_column = next(column for column in self.columns if column.field == self.key_field)
        keys_seen: dict[str, int] = {}
        parsed = []
        for number, cells in sheet.rows:
            row = RowResult(number=number, cells={})
            data = {}
            unreadable = set()
            for column in self.columns:
                position = positions.get(column.field)
                if position is None:
                    continue
                raw = cells[position] if position < len(cells) else None
                row.cells[column.field] = display_cell(raw)
                try:
                    data[column.field] = column.to_form_value(raw)
                except ValueError as error:
                    row.errors.append(f"【{column.label}】{error}")
                    unreadable.add(column.field)
            key = data.get(self.key_field, "")
            if key:
                if key in keys_seen:
                    row.errors.append(
                        _("【%(column)s】“%(key)s” already appears in row %(row)s.")
                        % {"column": key_column.label, "key": key, "row": keys_seen[key]}
                    )
                else:
                    keys_seen[key] = number
            parsed.append((row, data, key, unreadable))
            preview.rows.append(row)
        if not preview.rows:
            preview.file_error = _("The sheet “%(sheet)s” has no data rows.") % {"sheet": sheet.sheet_name}
            return preview
        existing = self.existing_by_key(set(keys_seen))
        form_fields = self.form_class.base_fields
        new_row_form = self._new_row_form_class()
        for row, data, key, unreadable in parsed:
            instance = existing.get(key)
            blocked = self.check_row(data, instance)
            if blocked:
                row.errors.extend(blocked)
                continue
            row.updates = instance is not None
            if instance is not None:
                # A column left out of the file keeps what the row had.
                kept = model_to_dict(instance, fields=[name for name in form_fields if name not in data])
                data = {**kept, **data}
            form_class = self.form_class if instance is not None else new_row_form
            form = form_class(data=data, instance=instance, **self.form_kwargs())
            if form.is_valid():
                row.form = form
                row.warnings.extend(self.row_warnings(form.instance))
            else:
                # A cell that could not be read already has its message; the form's "required" would repeat it.
                row.errors.extend(self._form_errors(form, skip=unreadable))
        return preview

    def _new_row_form_class(self):
        """The form class of the file's new rows: their fields built once for the whole file, not per row.

        A form deep-copies every field of its class when it is made (a third of a 10,000-row import's time,
        issue 10). What the forms' __init__ change in their fields for a new object (required flags, help
        texts, the user's dropdown querysets) is the same for every new row of one user's file, and
        validating changes neither a widget nor a field's validators or choices, so the new rows' forms copy
        the fields of a first form shallowly. A row that updates a stored object (its personal numbers become
        optional, with a masked placeholder on the widget) gets a form of its own as before."""
        first = self.form_class(data=None, instance=None, **self.form_kwargs())
        shared = type(f"{self.form_class.__name__}ForNewRows", (self.form_class,), {"__module__": __name__})
        shared.base_fields = _FieldsOfOneFile(first.fields)
        return shared

    def _column_positions(self, headers: list[str]) -> dict[str, int]:
        positions = {}
        for column in self.columns:
            labels = in_each_language(column.label)
            for index, header in enumerate(headers):
                if header in labels:
                    positions[column.field] = index
                    break
        return positions

    def _form_errors(self, form, *, skip=frozenset()) -> list[str]:
        labels = {column.field: column.label for column in self.columns}
        messages = []
        for name, errors in form.errors.items():
            if name in skip:
                continue
            for message in errors:
                if name == NON_FIELD_ERRORS:
                    messages.append(str(message))
                else:
                    label = labels.get(name) or form.fields[name].label or name
                    messages.append(f"【{label}】{message}")
        return messages

    # --- writing ---------------------------------------------------------------------------------
    def commit(self, path: Path, *, filename: str = "") -> ImportPreview:
        """Write every row or none; raises ImportRejected with the preview when any row fails."""
        try:
            with transaction.atomic():
                # Validated again inside the transaction that writes, so what was checked is what is written.
                preview = self.preview(path)
                if not preview.ok:
                    raise ImportRejected(preview)
                self.save_rows([row.form for row in preview.rows])
                record(
                    action=AuditAction.IMPORT,
                    object_type=self.model._meta.label_lower,
                    object_repr=filename[:200],
                    changes={"created": preview.created_count, "updated": preview.updated_count},
                )
        except (IntegrityError, ValidationError) as error:
            # Another user changed the same rows while this import was writing; nothing was written.
            preview = ImportPreview(
                file_error=_("The data changed while importing; nothing was imported. Please try again. (%(error)s)")
                % {"error": "; ".join(getattr(error, "messages", [str(error)]))}
            )
            self._record_refusal(filename, preview)
            raise ImportRejected(preview) from error
        except ImportRejected as rejected:
            self._record_refusal(filename, rejected.preview)
            raise
        return preview

    def _record_refusal(self, filename: str, preview: ImportPreview) -> None:
        """A refused import is logged too, outside the transaction that was rolled back."""
        record(
            action=AuditAction.IMPORT,
            object_type=self.model._meta.label_lower,
            object_repr=filename[:200],
            changes={"rows_refused": sum(1 for row in preview.rows if row.errors)},
            outcome="failure",
        )
