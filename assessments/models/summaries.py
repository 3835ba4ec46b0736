"""A unit's yearly progress summary (工作推进情况总结, R4.3) and the county office's reminders (催报).

The summary is the assessment body's (考核评定工作机构): the unit's legal office drafts the text, its
committee approves it (or returns it with a reason), and once approved it goes to the county office and,
for a unit of a vertical or dual-led system, to the superior organisation of that system.

The figures are computed from the portal's records (assessments/summaries.py) and cannot be edited.
Submitting freezes them as they were in `figures`, so a later change of the records does not change a
summary the committee reads or approved.
"""

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers.models import BaseModel, ScopedQuerySet
from chenggu_lawyers.scoping import Scope
from units.choices import SYSTEM_MODES

from ..choices import SummaryStatus
from .assessments import AssessmentYear, Committee

# States in which the summary has reached its committee: the committee reads it from then on, also while
# the unit revises a returned one, so the member who returned it still finds it.
SENT_TO_COMMITTEE = (SummaryStatus.SUBMITTED, SummaryStatus.RETURNED, SummaryStatus.APPROVED)
# States in which the summary waits on the unit (what the county office's reminder is about).
WITH_THE_UNIT = (SummaryStatus.DRAFT, SummaryStatus.RETURNED)
# States whose figures are frozen (the snapshot taken at the submission).
FROZEN = (SummaryStatus.SUBMITTED, SummaryStatus.APPROVED)


def covering_committees(user) -> models.QuerySet:
    """The committees `user` sits on that assess the unit of the outer summary (`year`, `unit`) — its own
    committee, or its system's (the same rule as `services.committee_units`)."""
    return Committee.objects.filter(year=OuterRef("year"), members=user).filter(
        Q(unit=OuterRef("unit")) | Q(system_organisation=OuterRef("unit__superior"))
    )


class UnitSummaryQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        """Who reads a summary (its text and figures): the unit's legal office always; the unit's committee
        once it was submitted to it; the county office, the justice bureau and the system's superior
        organisation once the committee approved it — never a draft or a text under review."""
        if user is None or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.role == Role.COMMITTEE_MEMBER:
            return self.filter(Exists(covering_committees(user)), status__in=SENT_TO_COMMITTEE)
        queryset = super().visible_to(user)
        if user.role == Role.POOL_OFFICER:
            # The superior organisation of R4.3 receives the summaries of its system's units only: a local
            # unit that happens to name a superior is not in the system.
            return queryset.filter(status=SummaryStatus.APPROVED, unit__management_mode__in=SYSTEM_MODES)
        if user.role != Role.UNIT_OFFICER:
            queryset = queryset.filter(status=SummaryStatus.APPROVED)
        return queryset


class UnitSummary(BaseModel):
    """One unit's summary of one assessment year: the text it writes and, once submitted, the frozen figures."""

    year = models.ForeignKey(
        "assessments.AssessmentYear", verbose_name=_("year"), on_delete=models.PROTECT, related_name="summaries"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    status = models.CharField(_("status"), max_length=16, choices=SummaryStatus.choices, default=SummaryStatus.DRAFT)
    work_done = models.TextField(_("work done this year"), blank=True)
    problems = models.TextField(_("problems"), blank=True)
    plans = models.TextField(_("plans for next year"), blank=True)
    figures = models.JSONField(_("figures as submitted"), default=dict, blank=True)
    figures_as_of = models.DateField(_("figures as of"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    return_comment = models.TextField(_("committee's reason for the return"), blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)
    returned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("returned by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )

    objects = UnitSummaryQuerySet.as_manager()
    # The unit's legal office writes it (lawyers have no part in it); the committee reads it through
    # `visible_to`; R4.3 sends the approved one to the county office and to the superior organisation, so a
    # vertical system's pool office reads its units' ones.
    scope = Scope(unit="unit", unit_roles=frozenset({Role.UNIT_OFFICER}), system="unit__superior")

    class Meta:
        verbose_name = _("unit summary")
        verbose_name_plural = _("unit summaries")
        ordering = ["-year__year", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit"],
                name="assessments_one_summary_per_unit_and_year",
                violation_error_message=_("The unit already has a summary for this year."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=SummaryStatus.values),
                name="assessments_summary_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=FROZEN)
                | Q(submitted_at__isnull=False, submitted_by__isnull=False, figures_as_of__isnull=False),
                name="assessments_summary_submission_recorded",
                violation_error_message=_("A submitted summary records who submitted it, when, and its figures."),
            ),
            models.CheckConstraint(
                condition=~Q(status=SummaryStatus.RETURNED) | (Q(returned_at__isnull=False) & ~Q(return_comment="")),
                name="assessments_summary_return_explained",
                violation_error_message=_("A returned summary says why and when."),
            ),
            models.CheckConstraint(
                condition=~Q(status=SummaryStatus.APPROVED) | Q(approved_at__isnull=False, approved_by__isnull=False),
                name="assessments_summary_approval_recorded",
                violation_error_message=_("An approved summary records who approved it and when."),
            ),
        ]

    def __str__(self):
        return _("Summary %(year)s · %(unit)s") % {"year": self.year.year, "unit": self.unit.name}

    def get_absolute_url(self):
        return reverse("assessments:summary_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """The unit writes the text while the summary is a draft or after its committee returned it."""
        return self.status in WITH_THE_UNIT

    @property
    def figures_frozen(self) -> bool:
        return self.status in FROZEN


class SummaryReminder(BaseModel):
    """The county office reminded a unit (催报) to submit its summary of a year, on one day.

    One row per unit, year and day, so a unit is not reminded twice the same day however many clerks click;
    the rows also tell the county office when each unit was last reminded."""

    year = models.ForeignKey(
        AssessmentYear, verbose_name=_("year"), on_delete=models.PROTECT, related_name="summary_reminders"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    sent_on = models.DateField(_("reminded on"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reminded by"), on_delete=models.PROTECT, related_name="+"
    )

    # The county office writes and reads them; a unit's legal office may see its own unit's.
    scope = Scope(unit="unit", unit_roles=frozenset({Role.UNIT_OFFICER}))

    class Meta:
        verbose_name = _("summary reminder")
        verbose_name_plural = _("summary reminders")
        ordering = ["-sent_on", "unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "unit", "sent_on"],
                name="assessments_remind_once_a_day",
                violation_error_message=_("The unit has already been reminded today."),
            ),
        ]

    def __str__(self):
        return _("Reminder %(year)s · %(unit)s · %(day)s") % {
            "year": self.year.year,
            "unit": self.unit.name,
            "day": self.sent_on.isoformat(),
        }
