"""The auditor's side of the audit log: search, read, export (等保 2.0 security audit, 三员 separation).

Read-only by construction: there is no create, update or delete view for anyone, so the log is
append-only in the UI. Only the auditor opens these pages, and every read and export of the log is itself
written to the log, so the auditor's own activity can be reviewed.
"""

import json

import django_filters
import django_tables2 as tables
from django import forms
from django.apps import apps
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role

from .audit import record
from .models import AuditAction, AuditEvent, BaseModel
from .punctuation import join_list, with_note
from .views import ScopedDetailView, ScopedExportView, ScopedListView, filter_summary

AUDIT_READERS = frozenset({Role.AUDITOR})
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# Reading the log is itself logged: `changes["view"]` says whether a list or one event was read.
VIEWED = AuditAction.VIEW


# What the log stores is technical (`lawyers.person`, `success`, `work_done`); the pages show what it means in
# the reader's language and keep the stored value in a title attribute or small text, for searching.
OUTCOMES = {"success": _("Success"), "failure": _("Failure")}

# Object types that are no model: events about a page or a key as a whole.
PSEUDO_TYPES = {
    "coverage.dashboard": _("Coverage dashboard"),
    "personal_data_keys": _("Personal-data keys"),
}

# Keys that services and views write beside before/after (`record(changes=…)`), and the stored values of
# some of them.
EXTRA_LABELS = {
    "already_listed": _("Rows already listed"),
    "as_of": _("As of"),
    "authority": _("Authority"),
    "created": _("Rows created"),
    "cutoff": _("Older than"),
    "days": _("Days kept"),
    "deleted": _("Events deleted"),
    "document": _("Document"),
    "export": _("Export filters"),
    "fields": _("Fields"),
    "filters": _("Filters"),
    "personal_data": _("Personal data"),
    "rows": _("Rows"),
    "rows_refused": _("Rows refused"),
    "second_factor": _("Second factor"),
    "sessions_ended": _("Sessions ended"),
    "table": _("Table"),
    "two_factor": _("Two-factor login"),
    "updated": _("Rows updated"),
    "via": _("Through"),
    "view": _("Page read"),
    "year": _("Year"),
}
EXTRA_VALUES = {
    "view": {"list": _("The list"), "detail": _("One event")},
    "personal_data": {"whole": _("In full"), "masked": _("Masked")},
    "second_factor": {"totp": _("Authenticator code"), "enrolled": _("Authenticator enrolled")},
    "two_factor": {"enrolled": _("Enrolled"), "reset": _("Reset")},
    "document": {"commission_letter": _("Commission letter")},
}


def logged_models():
    """The models whose rows the log names: every BaseModel (the audit signals), the accounts (logins) and
    the log itself (its reads). Third-party models (login attempts, authenticators, sessions) never appear in
    it, so the filter does not offer them."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, BaseModel) or model._meta.label_lower in ("accounts.user", "chenggu_lawyers.auditevent")
    ]


def object_type_label(object_type: str):
    """The verbose name of a stored object type (`lawyers.person` → 人员); the stored text when unknown."""
    if object_type in PSEUDO_TYPES:
        return PSEUDO_TYPES[object_type]
    model = model_of(object_type)
    return capfirst(model._meta.verbose_name) if model is not None else object_type


def model_of(object_type: str):
    try:
        return apps.get_model(object_type)
    except (LookupError, ValueError):
        return None


def object_type_choices():
    """The log's object types (`app.model`, as stored), shown by their verbose names; no query."""
    choices = [(model._meta.label_lower, str(object_type_label(model._meta.label_lower))) for model in logged_models()]
    choices += [(key, str(label)) for key, label in PSEUDO_TYPES.items()]
    return sorted(choices, key=lambda choice: choice[1])


def field_labels(model) -> dict:
    """A model's field verbose names by attribute name (`unit_id`) and by name (`unit`)."""
    if model is None:
        return {}
    labels = {}
    for field in model._meta.concrete_fields:
        labels[field.name] = labels[field.attname] = capfirst(field.verbose_name)
    return labels


def choice_labels(model) -> dict:
    """For each field with choices, its stored values' labels (`accepted` → 已接受), by attribute name."""
    if model is None:
        return {}
    return {field.attname: dict(field.flatchoices) for field in model._meta.concrete_fields if field.choices}


def extra_value(key: str, value, labels: dict) -> str:
    """An extra's stored value as the page shows it: known codes by their labels, field names by the
    fields' verbose names, other values as stored (JSON when not text)."""
    known = EXTRA_VALUES.get(key, {})
    if isinstance(value, str):
        return str(known.get(value, value))
    if key == "fields" and isinstance(value, list):
        return join_list(labels.get(name, name) for name in value)
    if isinstance(value, list) and value and all(isinstance(item, str) and item in known for item in value):
        return " → ".join(str(known[item]) for item in value)
    return json.dumps(value, ensure_ascii=False)


class AuditEventFilterSet(django_filters.FilterSet):
    action = django_filters.ChoiceFilter(label=_("Action"), choices=AuditAction.choices, empty_label=_("All"))
    actor = django_filters.CharFilter(label=_("Actor (username)"), field_name="actor_name", lookup_expr="icontains")
    object_type = django_filters.ChoiceFilter(label=_("Object type"), choices=(), empty_label=_("All"))
    since = django_filters.DateFilter(label=_("From"), field_name="at", lookup_expr="date__gte", widget=DATE_WIDGET)
    until = django_filters.DateFilter(label=_("To"), field_name="at", lookup_expr="date__lte", widget=DATE_WIDGET)
    q = django_filters.CharFilter(label=_("Object"), method="search")

    class Meta:
        model = AuditEvent
        fields = ["action", "actor", "object_type", "since", "until", "q"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Built per request, once the app registry is complete; the models are the log's object types.
        self.filters["object_type"].extra["choices"] = object_type_choices()

    def search(self, queryset, name, value):
        return queryset.filter(Q(object_repr__icontains=value) | Q(object_id=value.strip()))


class AuditEventTable(tables.Table):
    at = tables.DateTimeColumn(
        format="Y-m-d H:i:s",
        linkify=lambda record: reverse("audit:event_detail", args=[record.pk]),
        attrs={"td": {"class": "text-nowrap"}},
    )
    actor_name = tables.Column(verbose_name=_("Actor"))
    ip_address = tables.Column()
    action = tables.Column()
    object_type = tables.Column()
    object_repr = tables.Column()
    outcome = tables.Column()
    # Too long for the page, but an export without the values changed would not be an audit trail.
    changes = tables.Column(visible=False)

    class Meta:
        model = AuditEvent
        fields = ("at", "actor_name", "ip_address", "action", "object_type", "object_repr", "outcome", "changes")
        attrs = {"class": "table table-hover table-sm align-middle"}
        row_attrs = {"class": lambda record: "table-warning" if record.outcome != "success" else ""}
        order_by = ("-at",)
        empty_text = _("No audit events.")

    def value_changes(self, value):
        return json.dumps(value, ensure_ascii=False, sort_keys=True) if value else ""

    def render_object_type(self, value):
        return format_html('<span title="{}">{}</span>', value, object_type_label(value))

    def value_object_type(self, value):
        label = object_type_label(value)
        return with_note(label, value) if str(label) != value else value

    def render_outcome(self, value):
        return OUTCOMES.get(value, value)

    def value_outcome(self, value):
        return str(OUTCOMES.get(value, value))


class AuditReaderMixin:
    model = AuditEvent
    allowed_roles = AUDIT_READERS


class AuditEventListView(AuditReaderMixin, ScopedListView):
    filterset_class = AuditEventFilterSet
    table_class = AuditEventTable
    export_url_name = "audit:event_export"
    title = _("Audit log")

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        record(
            action=VIEWED,
            object_type=AuditEvent._meta.label_lower,
            object_repr=str(self.title),
            changes={"view": "list", "filters": filter_summary(self.filterset)},
        )
        return response


class AuditEventExportView(AuditReaderMixin, ScopedExportView):
    # ScopedExportView records the export (action "export", with the filters) itself.
    filterset_class = AuditEventFilterSet
    table_class = AuditEventTable
    title = _("Audit log")


class AuditEventDetailView(AuditReaderMixin, ScopedDetailView):
    template_name = "audit/event_detail.html"
    context_object_name = "event"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        changes = self.object.changes if isinstance(self.object.changes, dict) else {}
        before = changes.get("before") if isinstance(changes.get("before"), dict) else {}
        after = changes.get("after") if isinstance(changes.get("after"), dict) else {}
        model = model_of(self.object.object_type)
        labels, choices = field_labels(model), choice_labels(model)
        context["value_rows"] = [
            {
                "field": key,
                "label": labels.get(key, key),
                "before": before.get(key),
                "after": after.get(key),
                # A choice's label beside its stored value (`accepted` → 已接受); None where there is none.
                "before_label": choices.get(key, {}).get(before.get(key)),
                "after_label": choices.get(key, {}).get(after.get(key)),
                "changed": before.get(key) != after.get(key),
            }
            for key in sorted(before.keys() | after.keys())
        ]
        context["other_changes"] = [
            {"key": key, "label": EXTRA_LABELS.get(key, labels.get(key, key)), "value": extra_value(key, value, labels)}
            for key, value in sorted(changes.items())
            if key not in ("before", "after")
        ]
        context["object_type_label"] = object_type_label(self.object.object_type)
        context["outcome_label"] = OUTCOMES.get(self.object.outcome, self.object.outcome)
        context["has_before"] = "before" in changes
        context["has_after"] = "after" in changes
        record(
            action=VIEWED,
            obj=self.object,
            object_repr=str(self.object)[:200],
            changes={"view": "detail"},
        )
        return context
