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
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role

from .audit import record
from .models import AuditAction, AuditEvent
from .views import ScopedDetailView, ScopedExportView, ScopedListView, filter_summary

AUDIT_READERS = frozenset({Role.AUDITOR})
DATE_WIDGET = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

# Reading the log is itself logged: `changes["view"]` says whether a list or one event was read.
VIEWED = AuditAction.VIEW


def object_type_choices():
    """Every model's label as the log stores it (`app.model`), shown by its verbose name; no query."""
    choices = [
        (model._meta.label_lower, f"{capfirst(model._meta.verbose_name)} ({model._meta.label_lower})")
        for model in apps.get_models()
    ]
    return sorted(choices, key=lambda choice: choice[0])


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
    actor_name = tables.Column(verbose_name=_("actor"))
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
        context["value_rows"] = [
            {
                "field": key,
                "before": before.get(key),
                "after": after.get(key),
                "changed": before.get(key) != after.get(key),
            }
            for key in sorted(before.keys() | after.keys())
        ]
        context["other_changes"] = sorted(
            (key, value if isinstance(value, str) else json.dumps(value, ensure_ascii=False))
            for key, value in changes.items()
            if key not in ("before", "after")
        )
        context["has_before"] = "before" in changes
        context["has_after"] = "after" in changes
        record(
            action=VIEWED,
            obj=self.object,
            object_repr=str(self.object)[:200],
            changes={"view": "detail"},
        )
        return context
