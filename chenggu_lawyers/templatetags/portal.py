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
    """A table cell's attributes as django-tables2 gives them, plus `cell-text` on a text column."""
    attrs = bound_column.attrs["td"]
    classes = attrs.get("class") or ""
    if not isinstance(bound_column.column, ONE_LINE_COLUMNS) and "text-end" not in classes:
        attrs["class"] = f"{classes} cell-text".strip()
    return attrs.as_html()


@register.filter
def field_label(instance, name) -> str:
    """The verbose name of a model's field given by name or attribute name (`unit_id`); the name if none."""
    for field in instance._meta.concrete_fields:
        if name in (field.name, field.attname):
            return capfirst(field.verbose_name)
    return name
