"""What an organ guarantees its public lawyers (R3.4): overtime and compensatory leave, expenses, attachments.

Overtime counts only on days that are not statutory working days (法定工作日) of mainland China, read from
`chenggu_lawyers.workdays` (holidays and adjusted working days, 调休). An hour of approved overtime gives
an hour of compensatory leave, or, where the unit office records that leave is impossible, an hour paid
as a subsidy. Commission letters are generated on demand and not stored (letters.py).
"""

from datetime import timedelta
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from chenggu_lawyers.models import BaseModel, ScopedQuerySet
from chenggu_lawyers.scoping import Scope
from chenggu_lawyers.uploads import MAX_ATTACHMENT_BYTES, KeptFile, attachment_path, attachment_storage
from chenggu_lawyers.workdays import Day, day_of, is_working_day, working_days_between
from chenggu_lawyers.years import year_bounds
from matters.models import Matter

from .choices import Compensation, ExpenseKind, ExpenseStatus, OvertimeStatus
from .matter_access import through_matter

MAX_DAY_HOURS = Decimal("24")
# The most one expense claim may ask (docs/daily-work.md): a public lawyer's costs on a matter (fares, a night's
# lodging, court fees) stay far below it; ¥99,999,999 typed by mistake is refused with this message.
MAX_CLAIM_AMOUNT = Decimal("50000")
# A working day is eight hours, so a day of leave takes at most eight hours of the balance.
LEAVE_HOURS_PER_DAY = Decimal("8")


class YearQuerySet(ScopedQuerySet):
    date_field = ""

    def in_year(self, year: int):
        start, end = year_bounds(year)
        return self.filter(**{f"{self.date_field}__gte": start, f"{self.date_field}__lte": end})


class OvertimeEntryQuerySet(YearQuerySet):
    date_field = "worked_on"


class OvertimeEntry(BaseModel):
    """Hours a person worked on a day that is not a statutory working day, and how the unit makes them good."""

    person = models.ForeignKey(
        "lawyers.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="overtime_entries"
    )
    worked_on = models.DateField(_("worked on"))
    hours = models.DecimalField(
        _("hours worked"),
        max_digits=3,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5")), MaxValueValidator(MAX_DAY_HOURS)],
    )
    matter = models.ForeignKey(
        Matter,
        verbose_name=_("matter"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="overtime_entries",
    )
    description = models.TextField(_("work done"))
    status = models.CharField(
        _("status"), max_length=16, choices=OvertimeStatus.choices, default=OvertimeStatus.SUBMITTED
    )
    compensation = models.CharField(_("compensation"), max_length=16, choices=Compensation.choices, blank=True)
    decision_reason = models.TextField(
        _("reason"), blank=True, help_text=_("Why leave is impossible, or why the entry is refused.")
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)

    objects = OvertimeEntryQuerySet.as_manager()
    # Leave is owed by the person's unit, so its office decides and its lawyers see their own entries.
    scope = Scope(unit="person__unit", person="person")

    class Meta:
        verbose_name = _("overtime entry")
        verbose_name_plural = _("overtime entries")
        ordering = ["-worked_on", "-pk"]
        indexes = [models.Index(fields=["person", "worked_on"], name="overtime_person_day_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=OvertimeStatus.values),
                name="overtime_status_valid",
                violation_error_message=_("Unknown overtime status."),
            ),
            models.CheckConstraint(
                condition=Q(hours__gt=0, hours__lte=MAX_DAY_HOURS),
                name="overtime_hours_range",
                violation_error_message=_("Overtime lasts more than 0 and at most 24 hours a day."),
            ),
            models.CheckConstraint(
                condition=(Q(status=OvertimeStatus.APPROVED) & Q(compensation__in=Compensation.values))
                | (~Q(status=OvertimeStatus.APPROVED) & Q(compensation="")),
                name="overtime_compensation_when_approved",
                violation_error_message=_("Approved overtime, and only approved overtime, has a compensation."),
            ),
            models.CheckConstraint(
                condition=(Q(status=OvertimeStatus.SUBMITTED) & Q(decided_at__isnull=True))
                | (~Q(status=OvertimeStatus.SUBMITTED) & Q(decided_at__isnull=False, decided_by__isnull=False)),
                name="overtime_decision_recorded",
                violation_error_message=_("A decided entry records who decided it and when."),
            ),
            models.CheckConstraint(
                condition=~(Q(compensation=Compensation.SUBSIDY) | Q(status=OvertimeStatus.REFUSED))
                | ~Q(decision_reason=""),
                name="overtime_reason_for_subsidy_or_refusal",
                violation_error_message=_("A subsidy or a refusal needs its reason."),
            ),
        ]

    def __str__(self):
        return _("Overtime of %(person)s on %(day)s") % {"person": self.person, "day": f"{self.worked_on:%Y-%m-%d}"}

    def get_absolute_url(self):
        return reverse("guarantees:overtime_detail", args=[self.pk])

    @property
    def day(self) -> Day:
        """A statutory holiday (which one) or a rest day: leave and pay differ between them."""
        return day_of(self.worked_on)

    def clean(self):
        super().clean()
        if self.worked_on and is_working_day(self.worked_on):
            raise ValidationError(
                {
                    "worked_on": _(
                        "%(day)s is a statutory working day (adjusted working days included); only work on "
                        "rest days and public holidays counts as overtime."
                    )
                    % {"day": f"{self.worked_on:%Y-%m-%d}"}
                }
            )


class LeaveTakenQuerySet(YearQuerySet):
    date_field = "first_day"


class LeaveTaken(BaseModel):
    """Compensatory leave (补休) a person took, in hours, drawn from the leave their approved overtime earned."""

    person = models.ForeignKey(
        "lawyers.Person", verbose_name=_("person"), on_delete=models.PROTECT, related_name="leave_taken"
    )
    first_day = models.DateField(_("first day"))
    last_day = models.DateField(_("last day"))
    hours = models.DecimalField(
        _("hours of leave"), max_digits=5, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    note = models.TextField(_("note"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )

    objects = LeaveTakenQuerySet.as_manager()
    scope = Scope(unit="person__unit", person="person")

    class Meta:
        verbose_name = _("compensatory leave")
        verbose_name_plural = _("compensatory leave")
        ordering = ["-first_day", "-pk"]
        indexes = [models.Index(fields=["person", "first_day"], name="leave_person_day_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gt=0),
                name="leave_hours_positive",
                violation_error_message=_("Leave lasts more than 0 hours."),
            ),
            models.CheckConstraint(
                condition=Q(last_day__gte=models.F("first_day")),
                name="leave_ends_after_start",
                violation_error_message=_("The last day of leave cannot be before the first."),
            ),
        ]

    def __str__(self):
        return _("Leave of %(person)s from %(day)s") % {"person": self.person, "day": f"{self.first_day:%Y-%m-%d}"}

    @property
    def working_days(self) -> int:
        # working_days_between counts the days after its start, so start the day before the first day.
        return working_days_between(self.first_day - timedelta(days=1), self.last_day)

    def clean(self):
        super().clean()
        if not (self.first_day and self.last_day and self.hours) or self.last_day < self.first_day:
            return
        days = self.working_days
        if days == 0:
            raise ValidationError(
                {"first_day": _("Leave is taken from working days; these days are all rest days or holidays.")}
            )
        if self.hours > days * LEAVE_HOURS_PER_DAY:
            raise ValidationError(
                {
                    "hours": ngettext(
                        "%(days)s working day holds at most %(hours)s hours of leave.",
                        "%(days)s working days hold at most %(hours)s hours of leave.",
                        days,
                    )
                    % {"days": days, "hours": days * LEAVE_HOURS_PER_DAY}
                }
            )


class ExpenseClaimQuerySet(YearQuerySet):
    date_field = "incurred_on"


class ExpenseClaim(BaseModel):
    """A cost a public lawyer paid while handling a matter, claimed from the matter's unit (R3.4)."""

    matter = models.ForeignKey(
        Matter, verbose_name=_("matter"), on_delete=models.PROTECT, related_name="expense_claims"
    )
    person = models.ForeignKey(
        "lawyers.Person", verbose_name=_("claimant"), on_delete=models.PROTECT, related_name="expense_claims"
    )
    incurred_on = models.DateField(_("incurred on"))
    kind = models.CharField(_("kind"), max_length=16, choices=ExpenseKind.choices)
    amount = models.DecimalField(
        _("amount (yuan)"),
        max_digits=10,
        decimal_places=2,
        validators=[
            MinValueValidator(Decimal("0.01")),
            MaxValueValidator(
                MAX_CLAIM_AMOUNT,
                message=_(
                    "A single claim is at most ¥%(limit_value)s; a larger cost goes through the unit's own finance "
                    "procedure."
                ),
            ),
        ],
    )
    description = models.TextField(_("description"))
    status = models.CharField(
        _("status"), max_length=16, choices=ExpenseStatus.choices, default=ExpenseStatus.SUBMITTED
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("submitted by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    refusal_reason = models.TextField(_("reason for refusal"), blank=True)

    objects = ExpenseClaimQuerySet.as_manager()
    # The matter's unit pays, so its office decides; the claimant sees their own claims.
    scope = Scope(unit="matter__unit", person="person")

    class Meta:
        verbose_name = _("expense claim")
        verbose_name_plural = _("expense claims")
        ordering = ["-incurred_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=ExpenseStatus.values),
                name="expense_status_valid",
                violation_error_message=_("Unknown expense status."),
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ExpenseKind.values),
                name="expense_kind_valid",
                violation_error_message=_("Unknown kind of expense."),
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0),
                name="expense_amount_positive",
                violation_error_message=_("The amount must be more than zero."),
            ),
            models.CheckConstraint(
                condition=Q(amount__lte=MAX_CLAIM_AMOUNT),
                name="expense_amount_at_most_limit",
                violation_error_message=_("A single claim is at most ¥50,000."),
            ),
            models.CheckConstraint(
                condition=(Q(status=ExpenseStatus.SUBMITTED) & Q(decided_at__isnull=True))
                | (~Q(status=ExpenseStatus.SUBMITTED) & Q(decided_at__isnull=False, decided_by__isnull=False)),
                name="expense_decision_recorded",
                violation_error_message=_("A decided claim records who decided it and when."),
            ),
            models.CheckConstraint(
                condition=~Q(status=ExpenseStatus.REFUSED) | ~Q(refusal_reason=""),
                name="expense_reason_for_refusal",
                violation_error_message=_("A refusal needs its reason."),
            ),
        ]

    def __str__(self):
        return _("%(kind)s of %(person)s on %(day)s") % {
            "kind": self.get_kind_display(),
            "person": self.person,
            "day": f"{self.incurred_on:%Y-%m-%d}",
        }

    def get_absolute_url(self):
        return reverse("guarantees:expense_detail", args=[self.pk])


class Receipt(KeptFile):
    """A receipt or invoice (票据) of an expense claim, added by the claimant while the claim awaits its decision."""

    claim = models.ForeignKey(
        ExpenseClaim, verbose_name=_("expense claim"), on_delete=models.PROTECT, related_name="receipts"
    )

    # The claim's own scope: the unit office that decides it, the claimant; not the matter's other lawyers.
    scope = Scope(unit="claim__matter__unit", person="claim__person")

    class Meta(KeptFile.Meta):
        verbose_name = _("receipt")
        verbose_name_plural = _("receipts")

    def get_absolute_url(self):
        return reverse("guarantees:receipt_download", args=[self.pk])

    @property
    def upload_folder(self) -> str:
        return f"claim-{self.claim_id}"


class Attachment(BaseModel):
    """A file kept with a matter, or with one of its opinions; never served except through the scoped view."""

    matter = models.ForeignKey(Matter, verbose_name=_("matter"), on_delete=models.PROTECT, related_name="attachments")
    opinion = models.ForeignKey(
        "matters.Opinion",
        verbose_name=_("opinion"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
    )
    file = models.FileField(_("file"), upload_to=attachment_path, storage=attachment_storage, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    size = models.PositiveBigIntegerField(_("size (bytes)"))
    content_type = models.CharField(_("content type"), max_length=100)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )

    # Whoever sees the matter sees its files, and nobody else: the matter's own scope (its unit, and the
    # people assigned to it), one join further away.
    scope = through_matter(Matter.scope)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(size__gt=0, size__lte=MAX_ATTACHMENT_BYTES),
                name="attachment_size_range",
                violation_error_message=_("An attachment is not empty and at most 20 MB."),
            ),
        ]

    def __str__(self):
        return self.original_name

    def get_absolute_url(self):
        return reverse("guarantees:attachment_download", args=[self.pk])
