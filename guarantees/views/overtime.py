from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from chenggu_lawyers.audit import record
from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.models import AuditAction
from chenggu_lawyers.spreadsheets import xlsx_response
from chenggu_lawyers.views import (
    RoleRequiredMixin,
    ScopedCreateView,
    ScopedDetailView,
    ScopedExportView,
    ScopedListView,
    filter_summary,
)
from lawyers.models import Person

from .. import services
from ..balances import balance_of, balance_report, requested_year
from ..choices import OvertimeStatus
from ..filters import BalanceFilterSet, LeaveFilterSet, OvertimeFilterSet
from ..forms import LeaveForm, OvertimeDecisionForm, OvertimeForm
from ..models import LeaveTaken, OvertimeEntry
from ..roles import DECIDERS, OVERTIME_LOGGERS, OWN_PAGE_READERS, ROW_READERS, UNIT_READERS
from ..tables import BalanceTable, LeaveTable, OvertimeTable
from .common import DecideView, year_context


class MyOvertimeView(RoleRequiredMixin, TemplateView):
    """A public lawyer's own overtime, leave and balance in a year."""

    allowed_roles = OWN_PAGE_READERS
    template_name = "guarantees/my_overtime.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        year = requested_year(self.request.GET)
        context.update(year_context(year), title=_("My overtime and leave"))
        if user.person_id is None:
            return context
        context["balance"] = balance_of(user.person_id, year=year)
        context["entries"] = list(
            OvertimeEntry.objects.visible_to(user).in_year(year).select_related("matter").order_by("worked_on", "pk")
        )
        context["leave"] = list(LeaveTaken.objects.visible_to(user).in_year(year).order_by("first_day", "pk"))
        return context


# ---------------------------------------------------------------------------------------------------------
# Overtime entries


class OvertimeQuerysetMixin:
    model = OvertimeEntry
    select_related = ("person__unit", "matter")
    filterset_class = OvertimeFilterSet
    table_class = OvertimeTable
    title = gettext_lazy("Overtime")


class OvertimeListView(OvertimeQuerysetMixin, ScopedListView):
    allowed_roles = UNIT_READERS
    export_url_name = "guarantees:overtime_export"
    create_url_name = "guarantees:overtime_create"
    create_roles = OVERTIME_LOGGERS

    def get_table_kwargs(self):
        return {"exclude": ("unit",) if self.request.user.unit_id else ()}


class OvertimeExportView(OvertimeQuerysetMixin, ScopedExportView):
    allowed_roles = UNIT_READERS


class OvertimeCreateView(ScopedCreateView):
    model = OvertimeEntry
    form_class = OvertimeForm
    allowed_roles = OVERTIME_LOGGERS

    def get_context_data(self, **kwargs):
        cancel = "guarantees:my_overtime" if self.request.user.person_id else "guarantees:overtime_list"
        return super().get_context_data(heading=_("Log overtime"), cancel_url=reverse(cancel), **kwargs)

    def form_valid(self, form):
        user = self.request.user
        data = form.cleaned_data
        person = data.get("person") or Person.objects.get(pk=user.person_id)
        try:
            self.object = services.overtime_log(
                actor=user,
                person=person,
                worked_on=data["worked_on"],
                hours=data["hours"],
                description=data["description"],
                matter=data["matter"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The overtime was sent to your unit's legal office for a decision."))
        return HttpResponseRedirect(self.object.get_absolute_url())


def overtime_decision_allowed(user, entry) -> bool:
    return user.role in DECIDERS and user.unit_id == entry.person.unit_id and entry.status == OvertimeStatus.SUBMITTED


class OvertimeDetailView(ScopedDetailView):
    model = OvertimeEntry
    allowed_roles = ROW_READERS
    select_related = ("person__unit", "matter", "recorded_by", "decided_by")
    template_name = "guarantees/overtimeentry_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if overtime_decision_allowed(self.request.user, self.object):
            context["decision_form"] = OvertimeDecisionForm()
        return context


class OvertimeDecideView(DecideView):
    model = OvertimeEntry
    allowed_roles = DECIDERS
    select_related = ("person__unit", "matter", "recorded_by")
    form_class = OvertimeDecisionForm
    detail_template = "guarantees/overtimeentry_detail.html"

    def may_decide(self, entry) -> bool:
        return overtime_decision_allowed(self.request.user, entry)

    def act(self, entry, data):
        services.overtime_decide(actor=self.request.user, entry=entry, decision=data["decision"], reason=data["reason"])
        messages.success(self.request, _("The decision was recorded."))


# ---------------------------------------------------------------------------------------------------------
# Leave taken


class LeaveQuerysetMixin:
    model = LeaveTaken
    select_related = ("person__unit",)
    filterset_class = LeaveFilterSet
    table_class = LeaveTable
    title = gettext_lazy("Compensatory leave taken")


class LeaveListView(LeaveQuerysetMixin, ScopedListView):
    allowed_roles = UNIT_READERS
    export_url_name = "guarantees:leave_export"
    create_url_name = "guarantees:leave_create"
    create_roles = DECIDERS

    def get_table_kwargs(self):
        return {"exclude": ("unit",) if self.request.user.unit_id else ()}


class LeaveExportView(LeaveQuerysetMixin, ScopedExportView):
    allowed_roles = UNIT_READERS


class LeaveCreateView(ScopedCreateView):
    model = LeaveTaken
    form_class = LeaveForm
    allowed_roles = DECIDERS

    def get_initial(self):
        return {"first_day": timezone.localdate(), "last_day": timezone.localdate()}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Record compensatory leave taken"), cancel_url=reverse("guarantees:balances"), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            services.leave_record(
                actor=self.request.user,
                person=data["person"],
                first_day=data["first_day"],
                last_day=data["last_day"],
                hours=data["hours"],
                note=data["note"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The leave was recorded."))
        return HttpResponseRedirect(f"{reverse('guarantees:balances')}?year={data['first_day'].year}")


# ---------------------------------------------------------------------------------------------------------
# Balances


class BalanceView(ScopedListView):
    model = Person
    allowed_roles = UNIT_READERS
    filterset_class = BalanceFilterSet
    table_class = BalanceTable
    template_name = "guarantees/balances.html"
    export_url_name = "guarantees:balance_export"

    def get_queryset(self):
        self.year = requested_year(self.request.GET)
        return balance_report(self.request.user, self.year)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "year": self.year}

    def get_table_kwargs(self):
        return {"exclude": ("unit",) if self.request.user.unit_id else ()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(year_context(self.year), title=_("Overtime and leave balances %(year)s") % {"year": self.year})
        context["may_record_leave"] = self.request.user.role in DECIDERS
        return context


class BalanceExportView(RoleRequiredMixin, View):
    """The balance report as .xlsx, with the year and the rule in the header block."""

    allowed_roles = UNIT_READERS

    def get(self, request, *args, **kwargs):
        year = requested_year(request.GET)
        filterset = BalanceFilterSet(request.GET or None, queryset=balance_report(request.user, year), request=request)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        values = BalanceTable(rows).as_values()
        headers = next(values)
        title = _("Overtime and leave balances %(year)s") % {"year": year}
        filters = filter_summary(filterset)
        now = timezone.localtime()
        record(
            action=AuditAction.EXPORT,
            object_type=OvertimeEntry._meta.label_lower,
            object_repr=title,
            changes={"year": year, "filters": filters},
        )
        return xlsx_response(
            filename=f"overtime-balances-{year}-{now:%Y%m%d-%H%M}.xlsx",
            sheet_title=title,
            headers=headers,
            rows=values,
            header_block=[
                (_("Title"), title),
                (_("Year"), str(year)),
                (
                    _("Rule"),
                    _(
                        "One hour of approved overtime on a rest day or holiday gives one hour of compensatory "
                        "leave, or a subsidy where leave is impossible; leave not taken carries over."
                    ),
                ),
                (_("Exported at"), f"{now:%Y-%m-%d %H:%M}"),
                (_("Exported by"), request.user.get_full_name() or request.user.get_username()),
                (_("Filters"), filters or _("none")),
            ],
        )
