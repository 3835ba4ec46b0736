"""A unit's matters and its decision-item list (R2.1, R2.2); see the package docstring."""

from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from chenggu_lawyers.models import BaseModel, ScopedQuerySet
from chenggu_lawyers.scoping import Scope

from ..choices import (
    CASE_CATEGORIES,
    LIVE_ASSIGNMENT_STATUSES,
    Adoption,
    AssignmentStatus,
    CaseStage,
    MatterCategory,
    MatterStatus,
    PartyRole,
)

CASE_FIELDS = ("case_number", "forum", "parties", "our_role", "stage", "outcome")
# Per category: (fields it shows, fields it requires). Fields of other categories stay empty.
CATEGORY_FIELDS: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    MatterCategory.DECISION_OPINION: (("decision_item", "decision_on"), ("decision_item",)),
    MatterCategory.NORMATIVE_DOCUMENTS: ((), ()),
    MatterCategory.CONTRACTS: (("counterparty", "amount", "signed_on"), ("counterparty",)),
    MatterCategory.LITIGATION_PETITIONS: (CASE_FIELDS, ("forum", "parties", "our_role")),
    MatterCategory.RECONSIDERATION: (CASE_FIELDS, ("forum", "parties", "our_role")),
    MatterCategory.PUBLICITY: (("event", "audience_size"), ("event",)),
    MatterCategory.OTHER: ((), ()),
}
DETAIL_FIELDS = tuple(dict.fromkeys(name for shown, _required in CATEGORY_FIELDS.values() for name in shown))


class DecisionItem(BaseModel):
    """An entry of a unit's list of decisions on which a public lawyer must be heard (决策事项清单, R2.2)."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="decision_items"
    )
    title = models.CharField(_("decision item"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    is_active = models.BooleanField(
        _("on the current list"), default=True, help_text=_("Items taken off the list stay with their matters.")
    )

    scope = Scope(unit="unit")

    class Meta:
        verbose_name = _("decision item")
        verbose_name_plural = _("decision items")
        ordering = ["unit__name", "-is_active", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "title"],
                name="decision_item_unique_title",
                violation_error_message=_("The unit's list already holds an item with this title."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("matters:decision_item_update", args=[self.pk])


class MatterQuerySet(ScopedQuerySet):
    def overdue_q(self, today: date) -> Q:
        """Not closed and past its due date, or holding an assignment still owed an answer past its own."""
        from .work import Assignment

        late_assignment = Assignment.objects.filter(
            matter=OuterRef("pk"), status__in=LIVE_ASSIGNMENT_STATUSES, due_on__lt=today
        )
        return (~Q(status=MatterStatus.CLOSED) & Q(due_on__lt=today)) | (
            ~Q(status=MatterStatus.CLOSED) & Exists(late_assignment)
        )

    def overdue(self, today: date):
        return self.filter(self.overdue_q(today))

    def with_overdue(self, today: date):
        """Annotate `is_overdue` for the lists' flag, in the list's own query."""
        return self.annotate(is_overdue=models.ExpressionWrapper(self.overdue_q(today), models.BooleanField()))


class Matter(BaseModel):
    """A legal matter of a unit, handled by the lawyers it is assigned to (R2.1)."""

    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="matters")
    category = models.CharField(_("category"), max_length=24, choices=MatterCategory.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(_("status"), max_length=16, choices=MatterStatus.choices, default=MatterStatus.OPEN)
    due_on = models.DateField(_("due date"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    # Cases (litigation, petitions, reconsideration, arbitration).
    case_number = models.CharField(_("case number"), max_length=60, blank=True)
    forum = models.CharField(
        _("court or organ"),
        max_length=100,
        blank=True,
        help_text=_("Court, reconsideration organ or arbitration body."),
    )
    parties = models.TextField(_("parties"), blank=True)
    our_role = models.CharField(_("our role"), max_length=16, choices=PartyRole.choices, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=CaseStage.choices, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    # Contracts and important legal documents.
    counterparty = models.CharField(_("counterparty"), max_length=200, blank=True)
    amount = models.DecimalField(
        _("amount (yuan)"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    signed_on = models.DateField(_("signing date"), null=True, blank=True)
    # Major decisions (R2.2): the item of the list, and the day the unit decided (the meeting).
    decision_item = models.ForeignKey(
        DecisionItem,
        verbose_name=_("decision item"),
        on_delete=models.PROTECT,
        related_name="matters",
        null=True,
        blank=True,
    )
    decision_on = models.DateField(
        _("decision or meeting date"), null=True, blank=True, help_text=_("The day the unit took the decision.")
    )
    # Legal publicity.
    # A publicity event (普法宣传活动), not a training event (培训活动) of the training app.
    event = models.CharField(pgettext_lazy("legal publicity", "event"), max_length=200, blank=True)
    audience_size = models.PositiveIntegerField(_("audience size"), null=True, blank=True)
    # The office's closing: the unit's decision on the opinion, kept beside it, never in it (R2.3).
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    adoption = models.CharField(_("opinion adopted"), max_length=8, choices=Adoption.choices, blank=True)
    adoption_reason = models.TextField(_("reason"), blank=True)

    objects = MatterQuerySet.as_manager()
    # One row per matter even through the join: a person is assigned to a matter once (see the module).
    scope = Scope(unit="unit", person="assignments__person")

    class Meta:
        verbose_name = _("matter")
        verbose_name_plural = _("matters")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["unit", "status", "due_on"], name="matter_unit_status_due_idx"),
            models.Index(fields=["unit", "created_at"], name="matter_unit_created_idx"),
            # The county-wide matters list filtered by category and status, newest first.
            models.Index(fields=["category", "status", "-created_at"], name="matter_list_cat_status_idx"),
            # That list's row count: equal keys are stored once (B-tree deduplication), so the index-only count
            # reads a fifth of the pages the index above needs (618,000 matters: 27 ms instead of 128 ms).
            models.Index(fields=["category", "status"], name="matter_count_cat_status_idx"),
            # The county-wide matters list unfiltered, newest first.
            models.Index(fields=["-created_at"], name="matter_list_newest_idx"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(category__in=MatterCategory.values),
                name="matter_category_valid",
                violation_error_message=_("Unknown matter category."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=MatterStatus.values),
                name="matter_status_valid",
                violation_error_message=_("Unknown matter status."),
            ),
            models.CheckConstraint(
                condition=Q(adoption__in=[*Adoption.values, ""]),
                name="matter_adoption_valid",
                violation_error_message=_("Unknown adoption outcome."),
            ),
            models.CheckConstraint(
                condition=(Q(status=MatterStatus.CLOSED) & Q(closed_at__isnull=False) & ~Q(adoption=""))
                | (~Q(status=MatterStatus.CLOSED) & Q(closed_at__isnull=True, adoption="")),
                name="matter_closing_matches_status",
                violation_error_message=_("A closed matter records its closing and adoption; an open one does not."),
            ),
            models.CheckConstraint(
                condition=Q(adoption__in=["", Adoption.FULLY]) | ~Q(adoption_reason=""),
                name="matter_adoption_reason",
                violation_error_message=_("Give the reason when the opinion is not adopted in full."),
            ),
            models.CheckConstraint(
                condition=Q(decision_item__isnull=True) | Q(category=MatterCategory.DECISION_OPINION),
                name="matter_decision_item_only_for_decisions",
                violation_error_message=_("Only a decision matter links to a decision item."),
            ),
            models.CheckConstraint(
                condition=Q(our_role__in=[*PartyRole.values, ""]) & Q(stage__in=[*CaseStage.values, ""]),
                name="matter_case_choices_valid",
                violation_error_message=_("Unknown role or stage."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("matters:matter_detail", args=[self.pk])

    def clean(self):
        """Each category's required fields are filled; the fields of other categories are emptied."""
        super().clean()
        if self.category not in CATEGORY_FIELDS:
            return
        shown, required = CATEGORY_FIELDS[self.category]
        errors = {}
        for name in required:
            if getattr(self, self._meta.get_field(name).attname) in (None, ""):
                errors[name] = _("This field is required for this category.")
        if errors:
            raise ValidationError(errors)
        for name in DETAIL_FIELDS:
            if name not in shown:
                model_field = self._meta.get_field(name)
                setattr(self, model_field.attname, None if model_field.null else "")
        if self.decision_item_id and self.unit_id and self.decision_item.unit_id != self.unit_id:
            raise ValidationError({"decision_item": _("Choose an item of the unit's own list.")})

    @property
    def is_case(self) -> bool:
        return self.category in CASE_CATEGORIES

    @property
    def is_closed(self) -> bool:
        return self.status == MatterStatus.CLOSED

    def derived_status(self, assignment_statuses) -> str:
        """The status the assignments give an open matter: the furthest any assignee has come."""
        if self.is_closed:
            return MatterStatus.CLOSED
        statuses = set(assignment_statuses)
        if AssignmentStatus.COMPLETED in statuses:
            return MatterStatus.ANSWERED
        if AssignmentStatus.ACCEPTED in statuses:
            return MatterStatus.IN_PROGRESS
        if AssignmentStatus.PENDING in statuses:
            return MatterStatus.ASSIGNED
        return MatterStatus.OPEN
