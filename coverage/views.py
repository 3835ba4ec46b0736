from functools import partial
from operator import getitem

import django_tables2 as tables
from django.core.cache import cache
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from accounts.choices import COUNTY_WIDE_ROLES, Role
from chenggu_lawyers.models import AuditEvent
from chenggu_lawyers.views import (
    RoleRequiredMixin,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedUpdateView,
)
from units.models import Unit

from . import reports
from .engine import CoverageData
from .forms import AsOfForm, TargetForm
from .models import Target

DASHBOARD_READERS = COUNTY_WIDE_ROLES
TARGET_KEEPERS = frozenset({Role.COUNTY_OFFICE})
UNIT_DASHBOARD_READERS = frozenset({Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER})


class DashboardView(RoleRequiredMixin, TemplateView):
    """The county office's weekly page: targets, trend, breakdowns, headcount and findings on a day."""

    allowed_roles = DASHBOARD_READERS
    template_name = "coverage/dashboard.html"

    # The figures are rendered once per as-of date, language and data version (reports.cache_key) and kept
    # in the cache: at nation scale they take seconds, and the same page is read again and again.
    cache_seconds = 24 * 3600

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AsOfForm(self.request.GET or None)
        as_of = form.day() if form.is_bound else timezone.localdate()
        targets = reports.active_targets_with_data_version()
        key = reports.cache_key(as_of, targets)
        body = cache.get(key) if key else None
        if body is None:
            figures = reports.dashboard(as_of, targets=targets)
            context.update(figures)
            body = render_to_string("coverage/dashboard_body.html", figures, request=self.request)
            if key:
                cache.set(key, body, self.cache_seconds)
        else:
            # Served from the cache; the figures stay at hand, computed only if something reads them.
            figures = SimpleLazyObject(lambda: reports.dashboard(as_of, targets=targets))
            context.update({name: SimpleLazyObject(partial(getitem, figures, name)) for name in reports.FIGURES})
        context.update(body=body, as_of=as_of, form=form, title=_("Coverage dashboard"))
        return context


class DashboardExportView(RoleRequiredMixin, TemplateView):
    allowed_roles = DASHBOARD_READERS

    def get(self, request, *args, **kwargs):
        form = AsOfForm(request.GET or None)
        as_of = form.day() if form.is_bound else timezone.localdate()
        table = request.GET.get("table", "targets")
        if table not in reports.EXPORTS:
            raise Http404
        return reports.export(table, reports.dashboard(as_of), request.user)


class UnitDashboardView(RoleRequiredMixin, TemplateView):
    """A unit's own standing, what it counts for and lacks, and how the county stands (aggregates only)."""

    allowed_roles = UNIT_DASHBOARD_READERS
    template_name = "coverage/unit_dashboard.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = AsOfForm(self.request.GET or None)
        as_of = form.day() if form.is_bound else timezone.localdate()
        unit = get_object_or_404(Unit.objects.visible_to(self.request.user), pk=self.request.user.unit_id)
        context.update(reports.unit_dashboard(unit, as_of))
        context.update(form=form, title=_("Our coverage"))
        return context


class UnitHistoryView(RoleRequiredMixin, TemplateView):
    """The periods in which a unit was covered, and by what."""

    allowed_roles = DASHBOARD_READERS | UNIT_DASHBOARD_READERS
    template_name = "coverage/unit_history.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        unit = get_object_or_404(Unit.objects.visible_to(self.request.user), pk=self.kwargs["pk"])
        data = CoverageData.load(unit_ids=[unit.pk])
        context.update(
            unit=unit,
            periods=reports.history(data, unit.pk, timezone.localdate()),
            title=_("Coverage history of %(unit)s") % {"unit": unit},
        )
        return context


class TargetTable(tables.Table):
    code = tables.Column(linkify=True)
    population = tables.Column(accessor="population_text", verbose_name=gettext_lazy("population"), orderable=False)
    deadline = tables.DateColumn(format="Y-m-d")

    class Meta:
        model = Target
        fields = ("code", "name", "population", "metric", "threshold", "deadline", "is_active")
        attrs = {"class": "table table-hover table-sm align-middle"}


class TargetListView(ScopedListView):
    model = Target
    allowed_roles = DASHBOARD_READERS
    table_class = TargetTable
    filterset_class = None
    create_url_name = "coverage:target_create"
    create_roles = TARGET_KEEPERS


class TargetDetailView(ScopedDetailView):
    model = Target
    allowed_roles = DASHBOARD_READERS
    template_name = "coverage/target_detail.html"
    edit_url_name = "coverage:target_update"
    edit_roles = TARGET_KEEPERS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The history of changes is the audit log's record of this target (before and after values).
        context["history"] = AuditEvent.objects.filter(
            object_type="coverage.target", object_id=str(self.object.pk)
        ).order_by("-at")[:50]
        return context


class TargetCreateView(ScopedCreateView):
    model = Target
    form_class = TargetForm
    allowed_roles = TARGET_KEEPERS
    success_message = gettext_lazy("The target %(code)s was saved.")


class TargetUpdateView(ScopedUpdateView):
    model = Target
    form_class = TargetForm
    allowed_roles = TARGET_KEEPERS
    success_message = gettext_lazy("The target %(code)s was saved.")
