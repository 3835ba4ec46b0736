from decimal import Decimal

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from accounts.choices import COUNTY_WIDE_ROLES, Role
from chenggu_lawyers.audit import record
from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.models import AuditAction
from chenggu_lawyers.spreadsheets import xlsx_response
from chenggu_lawyers.views import (
    ScopedActionView,
    ScopedCreateView,
    ScopedDetailView,
    ScopedListView,
    ScopedQuerysetMixin,
)

from .. import services
from ..choices import CommitteeStatus, Grade, QuotaPool, YearStatus
from ..filters import YearFilter
from ..forms import CriterionFormSet, GradeLevelFormSet, PlacesForm, YearForm, YearSettingsForm
from ..models import Assessment, AssessmentYear, Committee
from ..overview import export_rows, overview
from ..scoring import percent_text, weight_percent
from ..tables import YearTable
from .base import ServicePostView
from .summaries import SUMMARY_READERS, taking_part

__all__ = [
    "YearListView",
    "YearCreateView",
    "YearDetailView",
    "YearRulesView",
    "YearSettingsView",
    "PlacesView",
    "YearStartScoringView",
    "ExcellentExportView",
    "OverviewView",
    "OverviewExportView",
]

YEAR_KEEPERS = services.YEAR_KEEPERS
YEAR_READERS = COUNTY_WIDE_ROLES | {Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER, Role.POOL_OFFICER}


class YearListView(ScopedListView):
    model = AssessmentYear
    allowed_roles = YEAR_READERS
    table_class = YearTable
    filterset_class = YearFilter
    create_url_name = "assessments:year_create"
    create_roles = YEAR_KEEPERS


class YearCreateView(ScopedCreateView):
    model = AssessmentYear
    form_class = YearForm
    allowed_roles = YEAR_KEEPERS
    success_message = gettext_lazy("The assessment year was opened with the default criteria and scale.")

    def form_valid(self, form):
        try:
            self.object = services.year_open(
                actor=self.request.user, year=form.instance, units=form.cleaned_data["units"]
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.object.get_absolute_url())


class YearDetailView(ScopedDetailView):
    model = AssessmentYear
    allowed_roles = YEAR_READERS
    template_name = "assessments/year_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year, user = self.object, self.request.user
        # The taking-part units the user sees, as the year's summaries page counts them: every one for the
        # county, the own unit for a unit's roles (never other units' names), the system's for its pool office.
        units = list(taking_part(year, user))
        not_taking_part = bool(user.unit_id) and all(unit.pk != user.unit_id for unit in units)
        criteria = list(year.criteria.all())
        for criterion in criteria:
            criterion.percent = percent_text(weight_percent(criterion.weight, [c.weight for c in criteria]))
        county = year.quota_pool == QuotaPool.COUNTY and year.status != YearStatus.OPEN
        context.update(
            criteria=criteria,
            county_places=services.county_places(year) if county else None,
            may_edit_settings=user.role in YEAR_KEEPERS and year.status != YearStatus.PUBLISHED,
            may_allocate=user.role in services.REVIEWERS and county and year.status == YearStatus.SCORING,
            scale=list(year.scale.all()),
            units=units,
            not_taking_part=not_taking_part,
            committees=list(year.committees.visible_to(user).select_related("unit", "system_organisation")),
            may_keep=user.role in YEAR_KEEPERS,
            may_add_committee=user.role in services.COMMITTEE_KEEPERS and year.status == "open" and not not_taking_part,
            may_read_summaries=user.role in SUMMARY_READERS,
        )
        return context


class YearRulesView(ScopedQuerysetMixin, View):
    """Criteria with their weights and the grade scale, editable while the year is open."""

    model = AssessmentYear
    allowed_roles = YEAR_KEEPERS
    template_name = "assessments/year_rules.html"

    def render_page(self, criteria, scale):
        context = {"object": self.object, "criteria": criteria, "scale": scale}
        return render(self.request, self.template_name, context)

    def dispatch_object(self):
        self.object = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])

    def get(self, request, *args, **kwargs):
        self.dispatch_object()
        return self.render_page(
            CriterionFormSet(instance=self.object, prefix="criteria"),
            GradeLevelFormSet(instance=self.object, prefix="scale"),
        )

    def post(self, request, *args, **kwargs):
        self.dispatch_object()
        criteria = CriterionFormSet(request.POST, instance=self.object, prefix="criteria")
        scale = GradeLevelFormSet(request.POST, instance=self.object, prefix="scale")
        if criteria.is_valid() and scale.is_valid():
            try:
                with transaction.atomic():
                    # Locked so the rules cannot change while scoring is being started.
                    locked = AssessmentYear.objects.select_for_update().get(pk=self.object.pk)
                    services.year_check_open(locked)
                    criteria.save()
                    scale.save()
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The criteria and the grade scale were saved."))
                return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_page(criteria, scale)


class YearSettingsView(ScopedActionView):
    """The year's dates, 优秀 quota (share, pool, rounding) and rules over scores, until it is published; each
    change is in the audit log like any other model's."""

    model = AssessmentYear
    allowed_roles = YEAR_KEEPERS
    title = gettext_lazy("Year settings")

    def get_form(self, data=None):
        return YearSettingsForm(data, instance=self.object, user=self.request.user)

    def act(self, form):
        services.year_update(actor=self.request.user, year=form.instance)
        messages.success(self.request, _("The year's settings were saved."))


class PlaceRow:
    def __init__(self, committee, lawyers, excellent, share):
        self.committee, self.lawyers, self.excellent, self.share = committee, lawyers, excellent, share


class PlacesView(ScopedActionView):
    """The justice bureau shares the county's 优秀 places among the committees (county-wide quota)."""

    model = AssessmentYear
    allowed_roles = services.REVIEWERS
    title = gettext_lazy("Excellent places")
    template_name = "assessments/year_places.html"

    def rows(self) -> list[PlaceRow]:
        year = self.object
        committees = list(
            Committee.objects.filter(year=year)
            .select_related("year", "unit", "system_organisation")
            .annotate(
                lawyers=Count("assessments", distinct=True),
                excellent=Count("assessments", filter=Q(assessments__proposed_grade=Grade.EXCELLENT), distinct=True),
            )
            .order_by("unit__name", "system_organisation__name")
        )
        total_lawyers = sum(c.lawyers for c in committees)
        self.county_places = places = services.county_places(year)
        return [
            PlaceRow(
                committee=c,
                lawyers=c.lawyers,
                excellent=c.excellent,
                # The committee's exact proportional share of the county's places, for the bureau to weigh.
                share=(Decimal(c.lawyers) * places / total_lawyers).quantize(Decimal("0.01"))
                if total_lawyers
                else Decimal(0),
            )
            for c in committees
        ]

    def get_form(self, data=None):
        self.place_rows = self.rows()
        return PlacesForm(data, rows=self.place_rows)

    def get_context(self, form):
        context = super().get_context(form)
        year = self.object
        context.update(
            rows=[(row, form[f"p{row.committee.pk}"]) for row in self.place_rows],
            county_places=self.county_places,
            lawyers=sum(row.lawyers for row in self.place_rows),
            allocated=sum(row.committee.excellent_places or 0 for row in self.place_rows),
            open_for_allocation=year.quota_pool == QuotaPool.COUNTY and year.status == YearStatus.SCORING,
        )
        return context

    def act(self, form):
        services.places_allocate(actor=self.request.user, year=self.object, places=form.places())
        messages.success(self.request, _("The excellent places were allocated."))


class YearStartScoringView(ServicePostView):
    model = AssessmentYear
    allowed_roles = YEAR_KEEPERS
    success_message = gettext_lazy("Scoring has started; the committees' lawyers are listed.")

    def act(self):
        services.year_start_scoring(actor=self.request.user, year=self.object)


class ExcellentExportView(ScopedQuerysetMixin, View):
    """The published 优秀 list of a year, for commendation."""

    model = AssessmentYear
    allowed_roles = COUNTY_WIDE_ROLES

    def get(self, request, *args, **kwargs):
        year = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        rows = (
            Assessment.objects.visible_to(request.user)
            .filter(committee__year=year, committee__status=CommitteeStatus.PUBLISHED, proposed_grade=Grade.EXCELLENT)
            .select_related("person", "unit")
            .order_by("unit__name", "person__name")
        )
        title = _("Excellent public lawyers %(year)s") % {"year": year.year}
        record(action=AuditAction.EXPORT, object_type="assessments.assessment", object_repr=title)
        now = timezone.localtime()
        return xlsx_response(
            filename=f"excellent-{year.year}.xlsx",
            sheet_title=title,
            headers=[_("Name"), _("Unit"), _("Committee score"), _("Committee's comments")],
            rows=([a.person.name, a.unit.name, a.score, a.comments] for a in rows),
            header_block=[(_("Title"), title), (_("Exported at"), f"{now:%Y-%m-%d %H:%M}")],
        )


class OverviewView(ScopedDetailView):
    model = AssessmentYear
    allowed_roles = COUNTY_WIDE_ROLES
    template_name = "assessments/overview.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(overview(self.object))
        return context


class OverviewExportView(ScopedQuerysetMixin, View):
    model = AssessmentYear
    allowed_roles = COUNTY_WIDE_ROLES

    def get(self, request, *args, **kwargs):
        year = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        rows = export_rows(overview(year))
        title = _("Assessment overview %(year)s") % {"year": year.year}
        record(action=AuditAction.EXPORT, object_type="assessments.assessmentyear", object_repr=title)
        now = timezone.localtime()
        return xlsx_response(
            filename=f"assessment-overview-{year.year}.xlsx",
            sheet_title=title,
            headers=rows[0],
            rows=rows[1:],
            header_block=[(_("Title"), title), (_("Exported at"), f"{now:%Y-%m-%d %H:%M}")],
        )
