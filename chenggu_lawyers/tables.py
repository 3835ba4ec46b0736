"""Table columns shared by the apps' tables (django-tables2)."""

import django_tables2 as tables
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.template.defaultfilters import floatformat
from django.utils.encoding import force_str
from django.utils.hashable import make_hashable
from django.utils.translation import gettext_lazy as _
from django_tables2.rows import BoundPinnedRow
from django_tables2.utils import Accessor, signature


class YesNoColumn(tables.Column):
    """是 / 否 on the page and in exports alike (BooleanColumn exports True / False)."""

    def render(self, value):
        return _("Yes") if value else _("No")

    def value(self, value):
        return str(_("Yes") if value else _("No"))


class RevealableTable(tables.Table):
    """A table with personal numbers (MaskedColumn): masked unless built `revealed`, which only an audited
    export by a role that may reveal them does (ScopedExportView.reveal_roles)."""

    def __init__(self, *args, revealed=False, **kwargs):
        self.revealed = revealed
        super().__init__(*args, **kwargs)


class MaskedColumn(tables.Column):
    """A personal number (an EncryptedCharField of the table's model, named like the column), masked as
    the field says unless the table was built revealed."""

    def render(self, value, table, bound_column):
        if getattr(table, "revealed", False):
            return value
        return table._meta.model._meta.get_field(bound_column.name).masked(value)

    def value(self, value, table, bound_column):
        return self.render(value, table, bound_column)


NUMBER_ATTRS = {"td": {"class": "text-end"}, "th": {"class": "text-end"}}


class HoursColumn(tables.Column):
    """Hours as people write them (8, 7.5) on the page, and as numbers in the Excel export."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("attrs", NUMBER_ATTRS)
        super().__init__(*args, **kwargs)

    def render(self, value):
        return floatformat(value, -1)

    def value(self, value):
        return float(value)


def _cache_signatures():
    """django-tables2 asks `inspect.signature` about a column's render/value method for every cell; on a
    100,000-row export that was a third of the time (issue 10). A method's signature does not change, so it
    is read once per function (bound or not) and kept."""
    from django_tables2 import utils

    uncached = utils.signature
    known = {}

    def signature(fn):
        key = (getattr(fn, "__func__", fn), hasattr(fn, "__self__"))
        try:
            return known[key]
        except KeyError:
            known[key] = found = uncached(fn)
            return found
        except TypeError:  # an unhashable callable
            return uncached(fn)

    utils.signature = signature


_cache_signatures()


class _CellValue:
    """One column's export value, as `BoundRow.get_cell_value` computes it, with the per-column work done once.

    django-tables2 decides for every cell whether the accessor ends in a field with choices (then the
    record's get_FOO_display(), which rebuilds and hashes the translated choices each call), inspects the
    value method's signature and builds its keyword arguments. Here the display labels are read once per
    export (the language does not change within a request) and the signature once per column; the value
    itself comes from the same accessor, the same empty_values test and the same value/render method."""

    def __init__(self, table, bound_column):
        self.table = table
        self.bound_column = bound_column
        self.column = bound_column.column
        self.accessor = Accessor(bound_column.accessor)
        self.empty_values = self.column.empty_values
        self.fn = bound_column.value
        self.arguments, self.catch_all = signature(self.fn)
        self.displays = {}  # (record type, penultimate type) → the field's labels by value, or None

    def labels(self, record, penultimate, remainder):
        """The choice labels of the accessor's last field when django-tables2 would call get_FOO_display()."""
        key = (type(record), type(penultimate))
        try:
            return self.displays[key]
        except KeyError:
            pass
        labels = None
        try:
            field = self.accessor.get_field(record)
        except FieldDoesNotExist:
            field = None
        if getattr(field, "choices", ()) and getattr(penultimate, f"get_{remainder}_display", None):
            try:
                own = type(penultimate)._meta.get_field(remainder)  # the field get_FOO_display() reads
            except FieldDoesNotExist:
                own = None
            if own is not None and own.choices:
                labels = (own.attname, {make_hashable(k): force_str(v) for k, v in own.flatchoices})
            else:
                labels = False  # unusual: let the record's own method answer
        self.displays[key] = labels
        return labels

    def __call__(self, bound_row):
        record = bound_row._record
        value = None
        penultimate, remainder = self.accessor.penultimate(record)
        if (
            isinstance(penultimate, models.Model)
            and (labels := self.labels(record, penultimate, remainder)) is not None
        ):
            if labels is False:
                value = getattr(penultimate, f"get_{remainder}_display")()
            else:
                attname, by_value = labels
                raw = getattr(penultimate, attname)
                value = force_str(by_value.get(make_hashable(raw), raw), strings_only=True)
            remainder = None
        if remainder:
            try:
                value = self.accessor.resolve(record)
            except Exception:
                return bound_row.get_cell_value(self.bound_column.name)  # django-tables2's own fallbacks
        if value in self.empty_values:
            return None
        if isinstance(self.column, tables.ManyToManyColumn):
            return bound_row.get_cell_value(self.bound_column.name)
        options = {
            "value": value,
            "record": record,
            "column": self.column,
            "bound_column": self.bound_column,
            "bound_row": bound_row,
            "table": self.table,
        }
        if not self.catch_all:
            if any(name not in options for name in self.arguments):
                return None
            options = {name: options[name] for name in self.arguments}
        return self.fn(**options)


def export_values(table):
    """The rows of `table.as_values()` (the headers, then each row's export values), computed per column once.

    The same values cell for cell (`tests/framework/test_export_values.py` holds every exported table to it);
    on a 100,000-row export django-tables2's per-cell lookups were most of the time (issue 10)."""
    columns = [column for column in table.columns.iterall() if not column.column.exclude_from_export]
    yield [force_str(column.header, strings_only=True) for column in columns]
    readers = [_CellValue(table, column) for column in columns]
    for row in table.rows:
        if isinstance(row, BoundPinnedRow):
            yield [force_str(row.get_cell_value(column.name), strings_only=True) for column in columns]
        else:
            yield [force_str(reader(row), strings_only=True) for reader in readers]
