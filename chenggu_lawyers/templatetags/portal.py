"""Small presentation filters shared by the templates: punctuation that follows the language, the colour of
a status badge, a model's name for a form's heading, and which table cells keep to one line.

    {% load portal %}
    {{ names|join_list }}  {{ reasons|join_clauses }}  {{ name|with_note:weight }}
    {% translate "Members" as label %}{{ label|colon }}
    <span class="badge {{ object.status|status_badge }}">…</span>
    {{ form.instance|verbose_name }}
"""

import django_tables2 as tables
from django import template
from django.template.base import render_value_in_context
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.text import capfirst
from django.utils.translation import pgettext

from chenggu_lawyers import punctuation
from chenggu_lawyers.tables import HoursColumn, YesNoColumn

register = template.Library()


@register.filter
def join_list(items) -> str:
    return punctuation.join_list(items)


@register.filter
def join_clauses(items) -> str:
    return punctuation.join_clauses(items)


@register.filter
def with_note(text, note) -> str:
    """A text with a note in brackets: "Work (40)" / "工作（40）"."""
    return punctuation.with_note(text, note)


@register.filter
def colon(label) -> str:
    """A label followed by the language's colon: "Members:" / "成员："."""
    return pgettext("label before its value", "%(label)s:") % {"label": label}


# Status values of the portal's workflows (applications, claims, overtime, dispatch, matters, assignments,
# committees, certificates), by what they mean to the reader: done and granted, waiting on somebody,
# refused, or closed without effect. A value not listed shows as a neutral badge.
STATUS_COLOURS = {
    "text-bg-success": {"approved", "certified", "dispatched", "active", "accepted", "completed", "published"},
    "text-bg-warning": {"submitted", "returned", "requested", "pending", "open", "assigned", "suspended", "scoring"},
    "text-bg-danger": {"rejected", "refused", "declined", "revoked", "unjustified"},
    "text-bg-secondary": {"withdrawn", "cancelled", "ended", "closed", "draft"},
    "text-bg-primary": {"in_progress", "answered"},
}
STATUS_BADGE = {status: colour for colour, statuses in STATUS_COLOURS.items() for status in statuses}


@register.filter
def status_badge(status) -> str:
    """The badge class of a status value: green granted, yellow waiting, red refused, grey closed."""
    return STATUS_BADGE.get(str(status), "text-bg-light border")


@register.filter
def verbose_name(instance) -> str:
    """A model instance's (or class's) verbose name, for headings such as "New person" / "新建人员"."""
    meta = getattr(instance, "_meta", None)
    return str(meta.verbose_name) if meta is not None else ""


# Columns whose values are short and read badly broken (dates, times, numbers, yes/no); every other column
# is text that may wrap, so a wide table shows its key columns on a 1366-pixel screen (portal.css).
ONE_LINE_COLUMNS = (tables.DateColumn, tables.DateTimeColumn, tables.TimeColumn, tables.BooleanColumn)
ONE_LINE_COLUMNS += (YesNoColumn, HoursColumn)


@register.filter
def td_attrs(bound_column) -> str:
    """A table cell's attributes as django-tables2 gives them, plus `cell-text` on a text column.

    django-tables2 recomputes a column's attributes for every cell, because they may be callables of the
    row; where neither the table nor the column gives a callable, every cell of the column has the same
    attributes, and they are worked out once per rendering (the bound column lives as long as its table)."""
    cached = getattr(bound_column, "_portal_td_html", None)
    if cached is not None:
        return cached
    attrs = bound_column.attrs["td"]
    classes = attrs.get("class") or ""
    if not isinstance(bound_column.column, ONE_LINE_COLUMNS) and "text-end" not in classes:
        attrs["class"] = f"{classes} cell-text".strip()
    html = attrs.as_html()
    if not _cell_attrs_vary(bound_column):
        bound_column._portal_td_html = html
    return html


def _cell_attrs_vary(bound_column) -> bool:
    """Whether a column's cell attributes depend on the row: a callable among the table's or column's."""
    sources = (bound_column._table.attrs, bound_column.column.attrs)
    return any(
        callable(value) for attrs in sources for key in ("td", "cell") for value in (attrs.get(key) or {}).values()
    )


@register.simple_tag(takes_context=True)
def table_rows(context, table) -> str:
    """The body rows of a django-tables2 table, as its template's row block writes them (each row's and
    cell's attributes, each value localised and escaped as `{{ cell }}`, `|localize` or `|unlocalize` would),
    but built in Python: the template's loop over every cell was a third of a list page's time."""
    rows = []
    for row in table.paginated_rows:
        cells = []
        for column, cell in row.items():
            if column.localize is not None:
                cell = str(formats.localize(cell, use_l10n=bool(column.localize)))
            cells.append(format_html("<td {}>{}</td>", td_attrs(column), render_value_in_context(cell, context)))
        rows.append(format_html("<tr {}>\n{}\n</tr>", row.attrs.as_html(), mark_safe("\n".join(cells))))  # noqa: S308  (format_html escaped each cell)
    return mark_safe("\n".join(rows))  # noqa: S308  (each row built by format_html)


@register.filter
def field_label(instance, name) -> str:
    """The verbose name of a model's field given by name or attribute name (`unit_id`); the name if none."""
    for field in instance._meta.concrete_fields:
        if name in (field.name, field.attname):
            return capfirst(field.verbose_name)
    return name
