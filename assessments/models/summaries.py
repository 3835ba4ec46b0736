"""A unit's yearly progress summary (工作推进情况总结, R4.3) for the county office and the superior department.

The figures are computed from the portal's records (assessments/summaries.py) and cannot be edited; the
unit's legal office writes the text part. Submitting freezes the figures as they were in `figures`, so a
later change of the records does not change a submitted summary.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers.models import BaseModel, ScopedQuerySet
from chenggu_lawyers.scoping import Scope

from ..choices import SummaryStatus


class UnitSummaryQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        queryset = super().visible_to(user)
        if user is not None and user.is_authenticated and user.role != Role.UNIT_OFFICER:
            # Outside the unit a summary exists once submitted: the county office, the justice bureau and the
            # system's pool office read what the unit sent, never its draft.
            queryset = queryset.filter(status=SummaryStatus.SUBMITTED)
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
    return_comment = models.TextField(_("county office's reason for the return"), blank=True)
    returned_at = models.DateTimeField(_("returned at"), null=True, blank=True)

    objects = UnitSummaryQuerySet.as_manager()
    # The unit's legal office writes it (committee members and lawyers have no part in it); R4.3 sends it to the
    # county office and to the superior department, so a vertical system's pool office reads its units' ones.
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
                condition=~Q(status=SummaryStatus.SUBMITTED)
                | Q(submitted_at__isnull=False, submitted_by__isnull=False, figures_as_of__isnull=False),
                name="assessments_summary_submission_recorded",
                violation_error_message=_("A submitted summary records who submitted it, when, and its figures."),
            ),
            models.CheckConstraint(
                condition=~Q(status=SummaryStatus.RETURNED) | (Q(returned_at__isnull=False) & ~Q(return_comment="")),
                name="assessments_summary_return_explained",
                violation_error_message=_("A returned summary says why and when."),
            ),
        ]

    def __str__(self):
        return _("Summary %(year)s · %(unit)s") % {"year": self.year.year, "unit": self.unit.name}

    def get_absolute_url(self):
        return reverse("assessments:summary_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """The unit writes the text while the summary is a draft or after the county office returned it."""
        return self.status in (SummaryStatus.DRAFT, SummaryStatus.RETURNED)
