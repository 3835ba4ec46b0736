from django.template.defaultfilters import floatformat
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View
from django.views.generic import TemplateView

from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction
from chenggu_lawyers.spreadsheets import xlsx_response
from chenggu_lawyers.views import RoleRequiredMixin, ScopedListView, filter_summary
from lawyers.models import Person

from ..filters import HoursFilterSet
from ..hours import hours_report, own_hours, plan_for, requested_year
from ..models import Attendance, ExternalTraining, year_bounds
from ..roles import HOURS_READERS, OWN_TRAINING_READERS
from ..tables import HoursTable


def plan_text(plan) -> str:
    if plan is None:
        return _("No training plan for this year")
    return _("%(hours)s hours per public lawyer") % {"hours": floatformat(plan.required_hours, -1)}


class HoursView(ScopedListView):
    model = Person
    allowed_roles = HOURS_READERS
    filterset_class = HoursFilterSet
    table_class = HoursTable
    template_name = "training/hours_report.html"
    export_url_name = "training:hours_export"

    def get_queryset(self):
        self.year = requested_year(self.request.GET)
        self.plan, queryset = hours_report(self.request.user, self.year)
        return queryset

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        return {**kwargs, "year": self.year}

    def get_table_kwargs(self):
        return {"exclude": ("unit",) if self.request.user.unit_id else ()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            title=_("Training hours %(year)s") % {"year": self.year},
            year=self.year,
            plan=self.plan,
            previous_year=self.year - 1,
            next_year=self.year + 1,
        )
        return context


class HoursExportView(RoleRequiredMixin, View):
    """The hours report as .xlsx, with the year and its plan in the header block."""

    allowed_roles = HOURS_READERS

    def get(self, request, *args, **kwargs):
        year = requested_year(request.GET)
        plan, queryset = hours_report(request.user, year)
        filterset = HoursFilterSet(request.GET or None, queryset=queryset, request=request, year=year)
        rows = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        values = HoursTable(rows).as_values()
        headers = next(values)
        title = _("Training hours %(year)s") % {"year": year}
        filters = filter_summary(filterset)
        now = timezone.localtime()
        record(
            action=AuditAction.EXPORT,
            object_type=Attendance._meta.label_lower,
            object_repr=title,
            changes={"year": year, "filters": filters},
        )
        return xlsx_response(
            filename=f"training-hours-{year}-{now:%Y%m%d-%H%M}.xlsx",
            sheet_title=title,
            headers=headers,
            rows=values,
            header_block=[
                (_("Title"), title),
                (_("Year"), str(year)),
                (_("Training plan"), plan_text(plan)),
                (_("Exported at"), f"{now:%Y-%m-%d %H:%M}"),
                (_("Exported by"), request.user.get_full_name() or request.user.get_username()),
                (_("Filters"), filters or _("none")),
            ],
        )


class MyTrainingView(RoleRequiredMixin, TemplateView):
    """A public lawyer's own hours in a year against the plan, and the events attended."""

    allowed_roles = OWN_TRAINING_READERS
    template_name = "training/my_training.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        year = requested_year(self.request.GET)
        context.update(year=year, previous_year=year - 1, next_year=year + 1, title=_("My training"))
        if user.person_id is None:
            return context
        start, end = year_bounds(year)
        plan = plan_for(user, year)
        context["plan"] = plan
        context["hours"] = own_hours(user.person_id, year=year, plan=plan)
        context["attendances"] = list(
            Attendance.objects.visible_to(user)
            .filter(event__held_on__gte=start, event__held_on__lte=end)
            .select_related("event__unit")
            .order_by("event__held_on", "event__title")
        )
        context["external"] = list(ExternalTraining.objects.visible_to(user).in_year(year).order_by("held_on", "pk"))
        return context
