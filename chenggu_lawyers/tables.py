"""Table columns shared by the apps' tables (django-tables2)."""

import django_tables2 as tables
from django.template.defaultfilters import floatformat
from django.utils.translation import gettext_lazy as _


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
