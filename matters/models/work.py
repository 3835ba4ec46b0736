"""The work on a matter: assignments, work entries, opinions and their versions, reminders sent."""

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chenggu_lawyers.models import BaseModel
from chenggu_lawyers.scoping import Scope

from ..choices import (
    LIVE_ASSIGNMENT_STATUSES,
    AssigneeKind,
    AssignmentStatus,
    RefusalRuling,
    ReminderKind,
)
from .matters import Matter


class Assignment(BaseModel):
    """One assignee's part in a matter: the assignment, the answer, the office's ruling on a refusal."""

    matter = models.ForeignKey(Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="assignments")
    kind = models.CharField(_("assignee is"), max_length=16, choices=AssigneeKind.choices)
    person = models.ForeignKey(
        "lawyers.Person",
        verbose_name=_("lawyer"),
        on_delete=models.PROTECT,
        related_name="matter_assignments",
        null=True,
        blank=True,
    )
    pool_member = models.ForeignKey(
        "advisors.PoolMember",
        verbose_name=_("dispatched lawyer"),
        on_delete=models.PROTECT,
        related_name="matter_assignments",
        null=True,
        blank=True,
    )
    engagement = models.ForeignKey(
        "advisors.Engagement",
        verbose_name=_("legal advisor"),
        on_delete=models.PROTECT,
        related_name="matter_assignments",
        null=True,
        blank=True,
    )
    # Kept as assigned, for lists and letters, whatever later happens to the person or the engagement.
    assignee_name = models.CharField(_("assignee"), max_length=50)
    status = models.CharField(
        _("status"), max_length=16, choices=AssignmentStatus.choices, default=AssignmentStatus.PENDING
    )
    due_on = models.DateField(_("opinion due on"))
    instructions = models.TextField(_("instructions"), blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assigned by"), on_delete=models.PROTECT, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    ruling = models.CharField(_("ruling on the refusal"), max_length=16, choices=RefusalRuling.choices, blank=True)
    ruling_note = models.TextField(_("note on the ruling"), blank=True)
    ruled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ruled by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    ruled_at = models.DateTimeField(_("ruled at"), null=True, blank=True)
    completed_at = models.DateTimeField(_("opinion first submitted at"), null=True, blank=True)

    scope = Scope(unit="matter__unit", person="person")

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["matter", "created_at", "pk"]
        indexes = [models.Index(fields=["status", "due_on"], name="assignment_status_due_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=AssigneeKind.values),
                name="assignment_kind_valid",
                violation_error_message=_("Unknown kind of assignee."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=AssignmentStatus.values),
                name="assignment_status_valid",
                violation_error_message=_("Unknown assignment status."),
            ),
            models.CheckConstraint(
                condition=Q(ruling__in=[*RefusalRuling.values, ""]),
                name="assignment_ruling_valid",
                violation_error_message=_("Unknown ruling."),
            ),
            # Exactly one assignee; a dispatched member may also carry its roster person (see the module).
            models.CheckConstraint(
                condition=Q(
                    kind=AssigneeKind.PUBLIC_LAWYER,
                    person__isnull=False,
                    pool_member__isnull=True,
                    engagement__isnull=True,
                )
                | Q(kind=AssigneeKind.DISPATCHED, pool_member__isnull=False, engagement__isnull=True)
                | Q(kind=AssigneeKind.ADVISOR, engagement__isnull=False, person__isnull=True, pool_member__isnull=True),
                name="assignment_one_assignee",
                violation_error_message=_("An assignment names exactly one lawyer, dispatched lawyer or advisor."),
            ),
            models.CheckConstraint(
                condition=(Q(status=AssignmentStatus.DECLINED) & ~Q(decline_reason=""))
                | (~Q(status=AssignmentStatus.DECLINED) & Q(decline_reason="")),
                name="assignment_decline_has_reason",
                violation_error_message=_("A declined assignment gives its reason."),
            ),
            models.CheckConstraint(
                condition=Q(ruling="") | Q(status=AssignmentStatus.DECLINED, ruled_at__isnull=False),
                name="assignment_ruling_only_on_refusal",
                violation_error_message=_("Only a declined assignment is ruled on."),
            ),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(status=AssignmentStatus.COMPLETED),
                name="assignment_completed_at_matches_status",
                violation_error_message=_("Only a completed assignment has a completion time."),
            ),
            models.UniqueConstraint(
                fields=["matter", "person"],
                condition=Q(person__isnull=False),
                name="assignment_person_once_per_matter",
                violation_error_message=_("This lawyer is already assigned to the matter."),
            ),
            models.UniqueConstraint(
                fields=["matter", "pool_member"],
                condition=Q(pool_member__isnull=False),
                name="assignment_member_once_per_matter",
                violation_error_message=_("This dispatched lawyer is already assigned to the matter."),
            ),
            models.UniqueConstraint(
                fields=["matter", "engagement"],
                condition=Q(engagement__isnull=False),
                name="assignment_advisor_once_per_matter",
                violation_error_message=_("This legal advisor is already assigned to the matter."),
            ),
        ]

    def __str__(self):
        return f"{self.assignee_name}: {self.matter}"

    def get_absolute_url(self):
        return reverse("matters:matter_detail", args=[self.matter_id])

    @property
    def is_live(self) -> bool:
        return self.status in LIVE_ASSIGNMENT_STATUSES

    def is_overdue_on(self, today: date) -> bool:
        return self.is_live and self.due_on < today


class WorkEntry(BaseModel):
    """Work logged on an assignment: a day, the hours and what was done."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="work_entries"
    )
    worked_on = models.DateField(_("date"))
    # Hours of work (工时), not the training hours (学时) of the training app.
    hours = models.DecimalField(
        pgettext_lazy("work log", "hours"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(24)],
    )
    description = models.TextField(_("work done"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope(unit="assignment__matter__unit", person="assignment__person")

    class Meta:
        verbose_name = _("work entry")
        verbose_name_plural = _("work entries")
        ordering = ["worked_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=24),
                name="work_entry_hours_in_day",
                violation_error_message=_("Hours lie between 0.5 and 24."),
            ),
        ]

    def __str__(self):
        return f"{self.worked_on} {self.hours}h"


class Opinion(BaseModel):
    """An assignee's legal opinion or feedback on a matter: independent, signed by its author, every version
    kept (R2.3). Its text lives only in its versions; nothing here is edited after submission."""

    matter = models.ForeignKey(Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="opinions")
    assignment = models.OneToOneField(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="opinion"
    )
    # The signing account: the lawyer's own. A legal advisor has no account: the unit office records the
    # advisor's signed written opinion as received, and `author` stays empty (see services.opinion_submit).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        on_delete=models.PROTECT,
        related_name="matter_opinions",
        null=True,
        blank=True,
    )
    signed_name = models.CharField(_("signed by"), max_length=50)

    scope = Scope(unit="matter__unit", person="assignment__person")

    class Meta:
        verbose_name = _("opinion")
        verbose_name_plural = _("opinions")
        ordering = ["matter", "created_at"]

    def __str__(self):
        return _("Opinion of %(name)s") % {"name": self.signed_name}

    def get_absolute_url(self):
        return reverse("matters:matter_detail", args=[self.matter_id])


class OpinionVersion(BaseModel):
    """One submission of an opinion, numbered from 1; never edited or deleted."""

    opinion = models.ForeignKey(Opinion, verbose_name=_("opinion"), on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"))
    text = models.TextField(_("opinion"))
    submitted_at = models.DateTimeField(_("submitted at"))
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    signed_name = models.CharField(_("signed by"), max_length=50)

    scope = Scope(unit="opinion__matter__unit", person="opinion__assignment__person")

    class Meta:
        verbose_name = _("opinion version")
        verbose_name_plural = _("opinion versions")
        ordering = ["opinion", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["opinion", "number"],
                name="opinion_version_unique_number",
                violation_error_message=_("This version of the opinion already exists."),
            ),
            models.CheckConstraint(
                condition=Q(number__gte=1),
                name="opinion_version_number_positive",
                violation_error_message=_("Versions are numbered from 1."),
            ),
        ]

    def __str__(self):
        return f"{self.opinion} v{self.number}"


class Reminder(BaseModel):
    """A reminder sent about a matter or one of its assignments; the record that keeps the daily run from
    sending it twice (send_matter_reminders). Keyed by the due date, so a new due date earns new reminders."""

    matter = models.ForeignKey(Matter, verbose_name=_("matter"), on_delete=models.CASCADE, related_name="reminders")
    assignment = models.ForeignKey(
        Assignment,
        verbose_name=_("assignment"),
        on_delete=models.CASCADE,
        related_name="reminders",
        null=True,
        blank=True,
    )
    kind = models.CharField(_("kind"), max_length=16, choices=ReminderKind.choices)
    due_on = models.DateField(_("due date"))
    sent_on = models.DateField(_("sent on"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    scope = Scope(unit="matter__unit", person="assignment__person")

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-sent_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=ReminderKind.values),
                name="reminder_kind_valid",
                violation_error_message=_("Unknown reminder kind."),
            ),
            models.UniqueConstraint(
                fields=["assignment", "kind", "due_on"],
                condition=Q(assignment__isnull=False),
                name="reminder_once_per_assignment",
                violation_error_message=_("This reminder was already sent."),
            ),
            models.UniqueConstraint(
                fields=["matter", "kind", "due_on"],
                condition=Q(assignment__isnull=True),
                name="reminder_once_per_matter",
                violation_error_message=_("This reminder was already sent."),
            ),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.due_on}"
