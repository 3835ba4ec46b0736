"""The units' yearly summaries (R4.3): the unit's legal office drafts and submits its own to its committee; the
committee approves or returns it; once approved the county office (and, reading only, the justice bureau) and,
for a unit of a vertical or dual-led system, the superior organisation's pool office read it. The county office
sees for a year where each taking-part unit stands and reminds (催报) those that have not submitted."""

from dataclasses import dataclass
from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Exists, Max, OuterRef, Q
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
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
from units.choices import SYSTEM_MODES
from units.models import Unit

from ..choices import SummaryStatus
from ..documents import page_sections, render_docx, summary_title, xlsx_rows
from ..forms import SummaryReturnForm, SummaryTextForm
from ..models import AssessmentYear, Committee, UnitSummary
from ..models.summaries import SummaryReminder
from ..services import summaries as services
from ..summaries import Figures, summary_figures, year_has_ended
from .base import ServicePostView

__all__ = [
    "SummaryYearListView",
    "YearSummariesView",
    "YearSummariesExportView",
    "SummaryRemindView",
    "SummaryStartView",
    "SummaryDetailView",
    "SummaryEditView",
    "SummarySubmitView",
    "SummaryApproveView",
    "SummaryReturnView",
    "SummaryDocxView",
    "SummaryXlsxView",
]

SUMMARY_READERS = COUNTY_WIDE_ROLES | {Role.UNIT_OFFICER, Role.POOL_OFFICER, Role.COMMITTEE_MEMBER}
Taking = AssessmentYear.units.through


def taking_part(year: AssessmentYear, user):
    """The year's taking-part units the user sees: all for the county, the own unit, the system's units."""
    return Unit.objects.visible_to(user).filter(pk__in=year.units.values("pk")).order_by("name")


def followed(user):
    """(year, taking-part unit) pairs whose summaries `user` follows: every one for the county office and the
    justice bureau, the own unit for its legal office, the units its committees assess for a committee
    member, the system's units for a superior organisation's pool office (R4.3)."""
    pairs = Taking.objects.all()
    role = user.role
    if role in COUNTY_WIDE_ROLES:
        return pairs
    if role == Role.UNIT_OFFICER and user.unit_id:
        return pairs.filter(unit_id=user.unit_id)
    if role == Role.POOL_OFFICER and user.system_organisation_id:
        return pairs.filter(unit__superior_id=user.system_organisation_id, unit__management_mode__in=SYSTEM_MODES)
    if role == Role.COMMITTEE_MEMBER:
        assesses = Committee.objects.filter(year=OuterRef("assessmentyear"), members=user).filter(
            Q(unit=OuterRef("unit")) | Q(system_organisation=OuterRef("unit__superior"))
        )
        return pairs.filter(Exists(assesses))
    return pairs.none()


def summary_units(year: AssessmentYear, user):
    return Unit.objects.filter(pk__in=followed(user).filter(assessmentyear=year).values("unit")).order_by("name")


def shown_status(status: str | None, user) -> tuple[str, str]:
    """(code, label) of where a unit's summary stands, as `user` may know it: outside the unit a draft is
    simply not submitted; a unit's own office sees its draft and "not started"."""
    own = user.role == Role.UNIT_OFFICER
    if status is None:
        return "none", str(_("Not started") if own else _("Not submitted"))
    if status == SummaryStatus.DRAFT and not own:
        return "none", str(_("Not submitted"))
    return status, str(SummaryStatus(status).label)


@dataclass
class Entry:
    """A taking-part unit's summary on a list: its state as the user may know it, and the summary itself only
    when the user may open it (the scoping rule)."""

    status: str
    label: str
    summary: UnitSummary | None = None
    reminded_on: date | None = None


def with_readable(queryset, user):
    """Each summary annotated with whether `user` may open it, by the one scoping rule, in the same query."""
    return queryset.annotate(readable=Exists(UnitSummary.objects.visible_to(user).filter(pk=OuterRef("pk"))))


def counts_of(codes) -> dict[str, int]:
    """How many units stand where; `missing` (not submitted: none yet or a draft) and the returned ones are
    those a reminder is for (`with_the_unit`)."""
    counts = dict.fromkeys(["none", *SummaryStatus.values], 0)
    for code in codes:
        counts[code] += 1
    missing = counts["none"] + counts[SummaryStatus.DRAFT]
    return {
        **counts,
        "taking_part": sum(counts.values()),
        "missing": missing,
        "with_the_unit": missing + counts[SummaryStatus.RETURNED],
    }


class SummaryYearListView(RoleRequiredMixin, TemplateView):
    """Each year with where the summaries of the units the user follows stand."""

    allowed_roles = SUMMARY_READERS
    template_name = "assessments/unitsummary_years.html"

    def get_context_data(self, **kwargs):
        user = self.request.user
        years = list(AssessmentYear.objects.visible_to(user).order_by("-year"))
        pairs = list(followed(user).filter(assessmentyear__in=years).values_list("assessmentyear_id", "unit_id"))
        in_pairs = followed(user).filter(assessmentyear=OuterRef("year"), unit=OuterRef("unit"))
        summaries = with_readable(UnitSummary.objects.filter(Exists(in_pairs), year__in=years), user)
        found = {(s.year_id, s.unit_id): s for s in summaries.only("pk", "year_id", "unit_id", "status")}
        own = user.role == Role.UNIT_OFFICER
        rows = []
        for year in years:
            codes, mine = [], None
            for year_id, unit_id in pairs:
                if year_id != year.pk:
                    continue
                summary = found.get((year_id, unit_id))
                codes.append(shown_status(summary and summary.status, user)[0])
                if own and unit_id == user.unit_id:
                    mine = Entry(*shown_status(summary and summary.status, user), summary=summary)
            rows.append(
                {
                    "year": year,
                    **counts_of(codes),
                    "own": mine,
                    "own_status": mine.label if mine and mine.summary else "",
                    "own_url": mine.summary.get_absolute_url() if mine and mine.summary else "",
                }
            )
        return {
            **super().get_context_data(**kwargs),
            "title": _("Unit yearly summaries"),
            "rows": rows,
            "is_officer": own,
            "approved_label": SummaryStatus.APPROVED.label,
            "waiting_label": SummaryStatus.SUBMITTED.label,
            "returned_label": SummaryStatus.RETURNED.label,
        }


def year_rows(year: AssessmentYear, user) -> tuple[list[tuple[Unit, Entry]], dict[str, int]]:
    """The taking-part units the user follows, each with its summary's entry, and the counts by state."""
    units = list(summary_units(year, user))
    summaries = {
        summary.unit_id: summary
        for summary in with_readable(UnitSummary.objects.filter(year=year, unit__in=units), user).select_related(
            "submitted_by", "approved_by"
        )
    }
    reminded = {}
    if user.role in services.SUMMARY_REMINDERS:
        reminders = SummaryReminder.objects.filter(year=year).values("unit_id").annotate(last=Max("sent_on"))
        reminded = {row["unit_id"]: row["last"] for row in reminders}
    rows = []
    for unit in units:
        summary = summaries.get(unit.pk)
        code, label = shown_status(summary and summary.status, user)
        readable = summary if summary is not None and summary.readable else None
        rows.append((unit, Entry(code, label, readable, reminded.get(unit.pk))))
    return rows, counts_of(entry.status for _unit, entry in rows)


class YearSummariesView(ScopedDetailView):
    model = AssessmentYear
    allowed_roles = SUMMARY_READERS
    template_name = "assessments/unitsummary_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        rows, counts = year_rows(self.object, user)
        own_taking_part = user.role == Role.UNIT_OFFICER and any(unit.pk == user.unit_id for unit, _e in rows)
        context.update(
            title=_("Unit summaries %(year)s") % {"year": self.object.year},
            rows=rows,
            counts=counts,
            submitted=counts[SummaryStatus.SUBMITTED] + counts[SummaryStatus.APPROVED],
            missing=counts["missing"],
            may_start=own_taking_part and not any(entry.summary for _unit, entry in rows),
            may_remind=user.role in services.SUMMARY_REMINDERS and counts["with_the_unit"] > 0,
            is_county=user.role in services.SUMMARY_REMINDERS,
            today=timezone.localdate(),
        )
        return context


class YearSummariesExportView(ScopedQuerysetMixin, View):
    """The year's list with the key figures of each approved summary the user may read, as frozen when it was
    submitted."""

    model = AssessmentYear
    allowed_roles = SUMMARY_READERS

    def get(self, request, *args, **kwargs):
        year = get_object_or_404(self.get_queryset(), pk=kwargs["pk"])
        rows, counts = year_rows(year, request.user)
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
                _("Approved at"),
                _("Figures as of"),
                _("Has a public lawyer"),
                _("Carries out public-lawyer work"),
                _("Public lawyers at year end"),
                _("Change"),
                _("Matters"),
                _("Closed"),
                _("Overdue"),
            ],
            rows=(self.row(unit, entry) for unit, entry in rows),
            header_block=[
                (_("Title"), title),
                (_("Units taking part"), counts["taking_part"]),
                (SummaryStatus.APPROVED.label, counts[SummaryStatus.APPROVED]),
                (SummaryStatus.SUBMITTED.label, counts[SummaryStatus.SUBMITTED]),
                (SummaryStatus.RETURNED.label, counts[SummaryStatus.RETURNED]),
                (_("Not submitted"), counts["missing"]),
                (_("Exported at"), f"{now:%Y-%m-%d %H:%M}"),
            ],
        )

    @staticmethod
    def row(unit, entry: Entry) -> list:
        summary = entry.summary
        if summary is None or not summary.figures_frozen:
            return [unit.name, entry.label]
        figures = Figures(summary.figures)
        coverage, headcount = figures.coverage, figures.headcount
        created, _assignments, closed, overdue = figures.matter_total
        return [
            unit.name,
            entry.label,
            summary.submitted_at,
            str(summary.submitted_by),
            summary.approved_at,
            summary.figures_as_of,
            _("Yes") if coverage["has_lawyer"] else _("No"),
            _("Yes") if coverage["carries_out_work"] else _("No"),
            headcount["year_end"],
            headcount["change"],
            created,
            closed,
            overdue,
        ]


class RemindForm(forms.Form):
    """Which of the year's units still to submit get a reminder. (Here, not in forms.py: it is the reminder
    page's alone and its choices are the service's `units_to_remind`.)"""

    units = forms.ModelMultipleChoiceField(queryset=Unit.objects.none(), widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, units, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["units"]
        field.queryset = units
        field.label = _("Units to remind")
        field.error_messages["required"] = _("Tick at least one unit to remind.")


class SummaryRemindView(ScopedQuerysetMixin, View):
    """催报: the county office reminds the units whose summary of the year still waits on them."""

    model = AssessmentYear
    allowed_roles = services.SUMMARY_REMINDERS
    template_name = "assessments/summary_remind.html"

    def setup_year(self):
        self.year = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        self.units = services.units_to_remind(self.year)

    def render_page(self, form):
        rows, _counts = year_rows(self.year, self.request.user)
        pending = {unit.pk for unit in self.units}
        today = timezone.localdate()
        context = {
            "object": self.year,
            "title": _("Remind units to submit their %(year)s summary") % {"year": self.year.year},
            "form": form,
            "rows": [(unit, entry, entry.reminded_on == today) for unit, entry in rows if unit.pk in pending],
            "cancel_url": reverse("assessments:year_summaries", args=[self.year.pk]),
        }
        return render(self.request, self.template_name, context)

    def get(self, request, *args, **kwargs):
        self.setup_year()
        return self.render_page(RemindForm(units=self.units))

    def post(self, request, *args, **kwargs):
        self.setup_year()
        form = RemindForm(request.POST, units=self.units)
        if not form.is_valid():
            return self.render_page(form)
        reminded, skipped = services.summary_remind(
            actor=request.user, year=self.year, units=list(form.cleaned_data["units"])
        )
        if reminded:
            messages.success(
                request,
                _("Reminded %(count)s units: %(units)s.")
                % {"count": len(reminded), "units": "、".join(unit.name for unit in reminded)},
            )
        if skipped:
            messages.info(
                request,
                _("Not reminded again (reminded today already, or submitted meanwhile): %(units)s.")
                % {"units": "、".join(unit.name for unit in skipped)},
            )
        return HttpResponseRedirect(reverse("assessments:year_summaries", args=[self.year.pk]))


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
    select_related = ("year", "unit", "submitted_by", "returned_by", "approved_by")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        summary, user = self.object, self.request.user
        figures = summary_figures(summary)
        actions = services.summary_actions(user, summary)
        year_end = date(summary.year.year, 12, 31)
        context.update(
            figures=figures,
            sections=page_sections(summary, figures),
            document_title=summary_title(summary),
            may_edit=services.EDIT in actions,
            may_submit=services.SUBMIT in actions,
            may_approve=services.APPROVE in actions,
            may_return=services.RETURN in actions,
            # Shown to the unit while the summary is its own, so nobody waits on a committee never formed.
            no_committee=services.EDIT in actions and services.SUBMIT not in actions,
            submitted_early=summary.figures_frozen and summary.figures_as_of < year_end,
            status_badge=STATUS_BADGES.get(summary.status, "secondary"),
        )
        return context


STATUS_BADGES = {
    SummaryStatus.DRAFT: "secondary",
    SummaryStatus.SUBMITTED: "info",
    SummaryStatus.RETURNED: "warning",
    SummaryStatus.APPROVED: "success",
}


class StaleStepMixin:
    """A step the summary has moved past (a second tab, the back button, a colleague faster) says so and shows
    the summary in its current state, instead of a form that the service would refuse."""

    step = ""

    def stale(self):
        """A redirect to the summary saying "already handled" when the summary has moved past the step."""
        summary = self.object
        if self.step in services.summary_actions(self.request.user, summary):
            return None
        if self.step == services.SUBMIT and summary.is_editable:
            return None  # still the unit's, but not ready (no committee yet): the service says why
        if self.step == services.RETURN and summary.status == SummaryStatus.SUBMITTED:
            raise PermissionDenied  # still open, but not to this user: not a member of the unit's committee
        messages.info(
            self.request,
            _("Already handled: the summary is now “%(status)s”.") % {"status": summary.get_status_display()},
        )
        return HttpResponseRedirect(summary.get_absolute_url())


class SummaryEditView(ScopedActionView):
    model = UnitSummary
    allowed_roles = services.SUMMARY_WRITERS
    select_related = ("year", "unit")
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


class SubmitForm(forms.Form):
    """The explicit confirmation an early submission needs. (Here, not in forms.py: it belongs to the submit
    page alone.)"""

    confirm_open_year = forms.BooleanField(required=False)

    def __init__(self, *args, year_open: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.year_open = year_open
        self.fields["confirm_open_year"].label = _(
            "I understand: the figures will be frozen as of today and will not include the rest of the year."
        )

    def clean(self):
        cleaned = super().clean()
        if self.year_open and not cleaned.get("confirm_open_year"):
            self.add_error(
                "confirm_open_year", _("Tick the box to submit before the year has ended, or wait until it ends.")
            )
        return cleaned


class SummarySubmitView(StaleStepMixin, ScopedActionView):
    """The unit sends its summary to its committee; for a year not yet ended it warns first and asks for an
    explicit confirmation, since the figures freeze as of the day of the submission."""

    model = UnitSummary
    allowed_roles = services.SUMMARY_WRITERS
    select_related = ("year", "unit")
    template_name = "assessments/summary_submit.html"
    title = gettext_lazy("Submit the summary to the committee")
    step = services.SUBMIT

    def year_open(self) -> bool:
        return not year_has_ended(self.object.year.year)

    def get_form(self, data=None):
        return SubmitForm(data, year_open=self.year_open())

    def get_context(self, form) -> dict:
        return {**super().get_context(form), "year_open": self.year_open(), "today": timezone.localdate()}

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.stale() or self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        stale = self.stale()
        if stale:
            return stale
        form = self.get_form(request.POST)
        if not form.is_valid():
            return self.render_form(form)
        try:
            services.summary_submit(actor=request.user, summary=self.object)
        except ValidationError as error:
            # Refused (text missing, already submitted, no committee yet): the summary's page says why.
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request, _("The summary was submitted to the unit's assessment committee; its figures are now fixed.")
            )
        return HttpResponseRedirect(self.object.get_absolute_url())


class SummaryApproveView(ServicePostView):
    model = UnitSummary
    allowed_roles = services.SUMMARY_APPROVERS
    select_related = ("year", "unit")

    @property
    def success_message(self):
        if self.object.unit.in_system:
            return _("The summary was approved and sent to the county office and to %(superior)s.") % {
                "superior": self.object.unit.superior
            }
        return _("The summary was approved and sent to the county office.")

    def act(self):
        services.summary_approve(actor=self.request.user, summary=self.object)


class SummaryReturnView(StaleStepMixin, ScopedActionView):
    model = UnitSummary
    form_class = SummaryReturnForm
    allowed_roles = services.SUMMARY_RETURNERS
    select_related = ("year", "unit")
    title = gettext_lazy("Return the summary for revision")
    step = services.RETURN

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.stale() or self.render_form(self.get_form())

    def post(self, request, *args, **kwargs):
        self.object = self.get_object()
        return self.stale() or super().post(request, *args, **kwargs)

    def act(self, form):
        services.summary_return(actor=self.request.user, summary=self.object, comment=form.cleaned_data["comment"])
        messages.success(self.request, _("The summary was returned to the unit with your reason."))


class SummaryDocumentMixin(ScopedQuerysetMixin):
    model = UnitSummary
    allowed_roles = SUMMARY_READERS
    select_related = ("year", "unit", "submitted_by", "approved_by")

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
        if not summary.figures_frozen:
            return []
        rows = [
            (_("Submitted at"), f"{timezone.localtime(summary.submitted_at):%Y-%m-%d %H:%M}"),
            (_("Submitted by"), str(summary.submitted_by)),
        ]
        if summary.status == SummaryStatus.APPROVED:
            rows += [
                (_("Approved at"), f"{timezone.localtime(summary.approved_at):%Y-%m-%d %H:%M}"),
                (_("Approved by"), str(summary.approved_by)),
            ]
        return rows

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
