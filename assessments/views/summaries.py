"""The units' yearly summaries (R4.3): the unit's legal office writes and submits its own; the county office
(and, reading only, the justice bureau) sees for a year which taking-part units have submitted and reads each;
a vertical system's pool office reads those of its system's units (the superior department of R4.3)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from accounts.choices import COUNTY_WIDE_ROLES, Role
from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction
from chenggu_lawyers.official_documents import DOCX_CONTENT_TYPE
from chenggu_lawyers.spreadsheets import xlsx_response
from chenggu_lawyers.views import RoleRequiredMixin, ScopedActionView, ScopedDetailView, ScopedQuerysetMixin
from units.models import Unit

from .. import services
from ..choices import SummaryStatus
from ..documents import page_sections, render_docx, summary_title, xlsx_rows
from ..forms import SummaryReturnForm, SummaryTextForm
from ..models import AssessmentYear, UnitSummary
from ..summaries import Figures, summary_figures
from .base import ServicePostView

__all__ = [
    "SummaryYearListView",
    "YearSummariesView",
    "YearSummariesExportView",
    "SummaryStartView",
    "SummaryDetailView",
    "SummaryEditView",
    "SummarySubmitView",
    "SummaryReturnView",
    "SummaryDocxView",
    "SummaryXlsxView",
]

SUMMARY_READERS = COUNTY_WIDE_ROLES | {Role.UNIT_OFFICER, Role.POOL_OFFICER}


def taking_part(year: AssessmentYear, user):
    """The year's taking-part units the user sees: all for the county, the own unit, the system's units."""
    return Unit.objects.visible_to(user).filter(pk__in=year.units.values("pk")).order_by("name")


class SummaryYearListView(RoleRequiredMixin, TemplateView):
    """Each year with how many of the units the user sees take part and have submitted."""

    allowed_roles = SUMMARY_READERS
    template_name = "assessments/unitsummary_years.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        units = Unit.objects.visible_to(user).values("pk")
        submitted = (
            UnitSummary.objects.visible_to(user)
            .filter(year=OuterRef("pk"), status=SummaryStatus.SUBMITTED)
            .order_by()
            .values("year")
            .annotate(n=Count("pk"))
            .values("n")
        )
        years = AssessmentYear.objects.visible_to(user).annotate(
            taking_part=Count("units", filter=Q(units__in=units), distinct=True),
            submitted=Coalesce(Subquery(submitted), 0),
        )
        if user.role == Role.UNIT_OFFICER:
            own = UnitSummary.objects.visible_to(user).filter(year=OuterRef("pk"), unit_id=user.unit_id)
            years = years.annotate(own_status=Subquery(own.values("status")[:1]), own_pk=Subquery(own.values("pk")[:1]))
        rows = [
            {
                "year": year,
                "taking_part": year.taking_part,
                "submitted": year.submitted,
                "missing": year.taking_part - year.submitted,
                "own_status": SummaryStatus(year.own_status).label if getattr(year, "own_status", None) else "",
                "own_url": reverse("assessments:summary_detail", args=[year.own_pk])
                if getattr(year, "own_pk", None)
                else "",
            }
            for year in years.order_by("-year")
        ]
        return {
            **super().get_context_data(**kwargs),
            "title": _("Unit yearly summaries"),
            "rows": rows,
            "is_officer": user.role == Role.UNIT_OFFICER,
        }


def year_rows(year: AssessmentYear, user) -> tuple[list[tuple[Unit, UnitSummary | None]], int]:
    """(taking-part units with the summary the user may read, or None), and how many were submitted."""
    units = list(taking_part(year, user))
    summaries = {
        summary.unit_id: summary
        for summary in UnitSummary.objects.visible_to(user)
        .filter(year=year, unit__in=[unit.pk for unit in units])
        .select_related("submitted_by")
    }
    rows = [(unit, summaries.get(unit.pk)) for unit in units]
    return rows, sum(1 for _unit, summary in rows if summary and summary.status == SummaryStatus.SUBMITTED)


class YearSummariesView(ScopedDetailView):
    model = AssessmentYear
    allowed_roles = SUMMARY_READERS
    template_name = "assessments/unitsummary_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows, submitted = year_rows(self.object, user)
        own_taking_part = user.role == Role.UNIT_OFFICER and any(unit.pk == user.unit_id for unit, _s in rows)
        context.update(
            title=_("Unit summaries %(year)s") % {"year": self.object.year},
            rows=rows,
            submitted=submitted,
            missing=len(rows) - submitted,
            may_start=own_taking_part and not any(summary for _unit, summary in rows),
        )
        return context


class YearSummariesExportView(ScopedQuerysetMixin, View):
    """The year's list with the key figures of each submitted summary, as frozen when it was submitted."""

    model = AssessmentYear
    allowed_roles = SUMMARY_READERS

    def get(self, request, *args, **kwargs):
        year = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        rows, submitted = year_rows(year, request.user)
        title = _("Unit summaries %(year)s") % {"year": year.year}
        record(action=AuditAction.EXPORT, object_type="assessments.unitsummary", object_repr=title)
        now = timezone.localtime()
        return xlsx_response(
            filename=f"unit-summaries-{year.year}.xlsx",
            sheet_title=title,
            headers=[
                _("Unit"),
                _("Status"),
                _("Submitted at"),
                _("Submitted by"),
                _("Figures as of"),
                _("Has a public lawyer"),
                _("Carries out public-lawyer work"),
                _("Public lawyers at year end"),
                _("Change"),
                _("Matters"),
                _("Closed"),
                _("Overdue"),
            ],
            rows=(self.row(unit, summary) for unit, summary in rows),
            header_block=[
                (_("Title"), title),
                (_("Units taking part"), len(rows)),
                (_("Submitted"), submitted),
                (_("Not submitted"), len(rows) - submitted),
                (_("Exported at"), f"{now:%Y-%m-%d %H:%M}"),
            ],
        )

    @staticmethod
    def row(unit, summary) -> list:
        if summary is None or summary.status != SummaryStatus.SUBMITTED:
            return [unit.name, _("Not submitted")]
        figures = Figures(summary.figures)
        coverage, headcount = figures.coverage, figures.headcount
        created, _assignments, closed, overdue = figures.matter_total
        return [
            unit.name,
            _("Submitted"),
            summary.submitted_at,
            str(summary.submitted_by),
            summary.figures_as_of,
            _("Yes") if coverage["has_lawyer"] else _("No"),
            _("Yes") if coverage["carries_out_work"] else _("No"),
            headcount["year_end"],
            headcount["change"],
            created,
            closed,
            overdue,
        ]


class SummaryStartView(ScopedQuerysetMixin, View):
    """The unit officer opens the unit's draft for a year (made once; later clicks open the same one)."""

    model = AssessmentYear
    allowed_roles = services.SUMMARY_WRITERS
    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        year = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        try:
            summary = services.summary_start(actor=request.user, year=year)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return HttpResponseRedirect(reverse("assessments:year_summaries", args=[year.pk]))
        return HttpResponseRedirect(summary.get_absolute_url())


class SummaryDetailView(ScopedDetailView):
    model = UnitSummary
    allowed_roles = SUMMARY_READERS
    template_name = "assessments/unitsummary_detail.html"
    select_related = ("year", "unit", "submitted_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary, user = self.object, self.request.user
        figures = summary_figures(summary)
        writer = user.role in services.SUMMARY_WRITERS and summary.is_editable
        context.update(
            figures=figures,
            sections=page_sections(summary, figures),
            document_title=summary_title(summary),
            may_edit=writer,
            may_return=user.role in services.SUMMARY_RETURNERS and summary.status == SummaryStatus.SUBMITTED,
        )
        return context


class SummaryEditView(ScopedActionView):
    model = UnitSummary
    allowed_roles = services.SUMMARY_WRITERS
    title = gettext_lazy("Write the summary")

    def get_form(self, data=None):
        return SummaryTextForm(data, instance=self.object)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.is_editable:
            messages.error(request, _("The summary has been submitted and can no longer be edited."))
            return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_form(self.get_form())

    def act(self, form):
        services.summary_save_text(actor=self.request.user, summary=self.object, **form.cleaned_data)
        messages.success(self.request, _("The text of the summary was saved."))


class SummarySubmitView(ServicePostView):
    model = UnitSummary
    allowed_roles = services.SUMMARY_WRITERS
    success_message = gettext_lazy("The summary was submitted to the county office; its figures are now fixed.")

    def act(self):
        services.summary_submit(actor=self.request.user, summary=self.object)


class SummaryReturnView(ScopedActionView):
    model = UnitSummary
    form_class = SummaryReturnForm
    allowed_roles = services.SUMMARY_RETURNERS
    title = gettext_lazy("Return the summary for revision")

    def act(self, form):
        services.summary_return(actor=self.request.user, summary=self.object, comment=form.cleaned_data["comment"])
        messages.success(self.request, _("The summary was returned to the unit."))


class SummaryDocumentMixin(ScopedQuerysetMixin):
    model = UnitSummary
    allowed_roles = SUMMARY_READERS
    select_related = ("year", "unit", "submitted_by")

    def summary_and_figures(self, pk):
        summary = get_object_or_404(self.get_queryset(), pk=pk)
        record(action=AuditAction.EXPORT, obj=summary)
        return summary, summary_figures(summary)


class SummaryDocxView(SummaryDocumentMixin, View):
    def get(self, request, *args, **kwargs):
        summary, figures = self.summary_and_figures(kwargs["pk"])
        response = HttpResponse(render_docx(summary, figures), content_type=DOCX_CONTENT_TYPE)
        response["Content-Disposition"] = f'attachment; filename="summary-{summary.year.year}-{summary.unit_id}.docx"'
        return response


class SummaryXlsxView(SummaryDocumentMixin, View):
    @staticmethod
    def submission(summary) -> list[tuple]:
        if summary.status != SummaryStatus.SUBMITTED:
            return []
        return [
            (_("Submitted at"), f"{timezone.localtime(summary.submitted_at):%Y-%m-%d %H:%M}"),
            (_("Submitted by"), str(summary.submitted_by)),
        ]

    def get(self, request, *args, **kwargs):
        summary, figures = self.summary_and_figures(kwargs["pk"])
        rows = xlsx_rows(summary, figures)
        now = timezone.localtime()
        return xlsx_response(
            filename=f"summary-{summary.year.year}-{summary.unit_id}.xlsx",
            sheet_title=str(summary.year.year),
            headers=rows[0],
            rows=rows[1:],
            header_block=[
                (_("Title"), summary_title(summary)),
                (_("Status"), summary.get_status_display()),
                (_("Figures as of"), figures.as_of.isoformat()),
                *self.submission(summary),
                (_("Exported at"), f"{now:%Y-%m-%d %H:%M}"),
            ],
        )
