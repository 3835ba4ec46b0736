"""Annual assessments of public lawyers by their units' committees (R3.3, R4.3).

A year is opened with its criteria, grade scale, 优秀 quota and taking-part units; each unit (or each
vertical system) has a committee whose members score every lawyer on every criterion. Each member's score
of one criterion for one lawyer is its own row, so two members saving together never overwrite each other.
The year also says over which pool the 优秀 quota counts, how it is rounded and which rules over scores hold
(docs/assessments.md).
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers.models import BaseModel, ScopedQuerySet
from chenggu_lawyers.scoping import Scope, scope_q
from chenggu_lawyers.years import FIRST_YEAR, LAST_YEAR
from lawyers.choices import AnnualGrade

from ..choices import (
    DEFAULT_QUOTA_PERCENT,
    DEFAULT_QUOTA_POOL,
    DEFAULT_QUOTA_ROUNDING,
    CommitteeStatus,
    Grade,
    QuotaPool,
    QuotaRounding,
    YearStatus,
)
from ..scoring import Rules

SCORE = {"max_digits": 5, "decimal_places": 2}
# Every role taking part reads the year's rules (criteria, scale, quota).
YEAR_READERS = frozenset({Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER, Role.PUBLIC_LAWYER, Role.POOL_OFFICER})


class AssessmentYear(BaseModel):
    """One year's assessment: period, deadlines, the 优秀 quota and its pool, the rules over scores, the units."""

    year = models.PositiveSmallIntegerField(
        _("year"), unique=True, validators=[MinValueValidator(FIRST_YEAR), MaxValueValidator(LAST_YEAR)]
    )
    status = models.CharField(_("status"), max_length=16, choices=YearStatus.choices, default=YearStatus.OPEN)
    period_start = models.DateField(_("period from"))
    period_end = models.DateField(_("period until"))
    scoring_deadline = models.DateField(_("scoring deadline"))
    review_deadline = models.DateField(_("review deadline"))
    excellent_quota_percent = models.DecimalField(
        _("Quota for excellent (%)"),
        max_digits=5,
        decimal_places=2,
        default=Decimal(DEFAULT_QUOTA_PERCENT),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("At most this share of the pool's lawyers may be graded excellent."),
    )
    quota_pool = models.CharField(
        _("Pool of the excellent quota"),
        max_length=16,
        choices=QuotaPool.choices,
        default=DEFAULT_QUOTA_POOL,
        help_text=_(
            "Over which lawyers the share is counted. County-wide, the justice bureau allocates the county's "
            "places to the committees, so a small unit can have an excellent lawyer."
        ),
    )
    quota_rounding = models.CharField(
        _("Rounding of the excellent quota"),
        max_length=16,
        choices=QuotaRounding.choices,
        default=DEFAULT_QUOTA_ROUNDING,
        help_text=_("How the share becomes a whole number of places."),
    )
    rule_refusal_fails = models.BooleanField(
        _("An unjustified refusal of an assignment makes the result a fail"), default=True
    )
    rule_discipline_bars_excellent = models.BooleanField(
        _("A disciplinary action in the year bars excellent"), default=True
    )
    rule_civil_grade_bars_excellent = models.BooleanField(
        _("A civil-servant annual grade incompetent in the same year bars excellent"), default=True
    )
    units = models.ManyToManyField("units.Unit", verbose_name=_("units taking part"), related_name="+")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )

    scope = Scope(unit=None, everyone_roles=YEAR_READERS)

    class Meta:
        verbose_name = _("assessment year")
        verbose_name_plural = _("assessment years")
        ordering = ["-year"]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=YearStatus.values),
                name="assessments_year_status_valid",
                violation_error_message=_("Unknown status."),
            ),
            models.CheckConstraint(
                condition=Q(period_start__lte=models.F("period_end")),
                name="assessments_year_period_ordered",
                violation_error_message=_("The period must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(excellent_quota_percent__gte=0, excellent_quota_percent__lte=100),
                name="assessments_year_quota_range",
                violation_error_message=_("The quota lies between 0 and 100 %."),
            ),
            models.CheckConstraint(
                condition=Q(quota_pool__in=QuotaPool.values),
                name="assessments_year_quota_pool_valid",
                violation_error_message=_("Unknown pool."),
            ),
            models.CheckConstraint(
                condition=Q(quota_rounding__in=QuotaRounding.values),
                name="assessments_year_quota_rounding_valid",
                violation_error_message=_("Unknown rounding."),
            ),
        ]

    def __str__(self):
        return _("Assessment %(year)s") % {"year": self.year}

    def get_absolute_url(self):
        return reverse("assessments:year_detail", args=[self.pk])

    @property
    def rules(self) -> Rules:
        return Rules(
            refusal_fails=self.rule_refusal_fails,
            discipline_bars_excellent=self.rule_discipline_bars_excellent,
            civil_grade_bars_excellent=self.rule_civil_grade_bars_excellent,
        )


class Criterion(BaseModel):
    """A scored criterion of one year with its weight (工作完成情况, 工作效率, 服务质量 by default)."""

    year = models.ForeignKey(AssessmentYear, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=50)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    scope = Scope(unit=None, everyone_roles=YEAR_READERS)

    class Meta:
        verbose_name = _("criterion")
        verbose_name_plural = _("criteria")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "name"],
                name="assessments_criterion_unique_name",
                violation_error_message=_("The year already has a criterion of this name."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="assessments_criterion_weight_positive",
                violation_error_message=_("A weight must be more than zero."),
            ),
        ]

    def __str__(self):
        return f"{self.name} ({self.weight})"


class GradeLevel(BaseModel):
    """One grade of a year's scale: its label and the lowest committee score that suggests it."""

    year = models.ForeignKey(AssessmentYear, on_delete=models.CASCADE, related_name="scale")
    grade = models.CharField(_("grade"), max_length=24, choices=Grade.choices)
    label = models.CharField(_("label"), max_length=20)
    min_score = models.DecimalField(_("lowest score"), **SCORE, validators=[MinValueValidator(0)])

    scope = Scope(unit=None, everyone_roles=YEAR_READERS)

    class Meta:
        verbose_name = _("grade level")
        verbose_name_plural = _("grade scale")
        ordering = ["-min_score"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "grade"],
                name="assessments_grade_once_per_year",
                violation_error_message=_("The scale already has this grade."),
            ),
            models.CheckConstraint(
                condition=Q(grade__in=Grade.values),
                name="assessments_grade_level_valid",
                violation_error_message=_("Unknown grade."),
            ),
            models.CheckConstraint(
                condition=Q(min_score__gte=0, min_score__lte=100),
                name="assessments_grade_min_score_range",
                violation_error_message=_("A score lies between 0 and 100."),
            ),
        ]

    def __str__(self):
        return f"{self.label} ≥ {self.min_score}"


class CommitteeQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        # A member sees the committees they sit on, not every committee of the unit (a system committee's
        # members come from several units).
        if user is not None and user.is_authenticated and user.role == Role.COMMITTEE_MEMBER:
            return self.filter(members=user)
        return super().visible_to(user)


class Committee(BaseModel):
    """A unit's (or a vertical system's) assessment body for one year (考核评定工作机构, R4.3)."""

    year = models.ForeignKey(AssessmentYear, on_delete=models.PROTECT, related_name="committees")
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    system_organisation = models.ForeignKey(
        "units.SystemOrganisation",
        verbose_name=_("system"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("For a vertical or dual-led system: one committee for the system's units."),
    )
    members = models.ManyToManyField(settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="committees")
    status = models.CharField(
        _("status"), max_length=16, choices=CommitteeStatus.choices, default=CommitteeStatus.SCORING
    )
    review_comment = models.TextField(_("justice bureau's comment"), blank=True)
    excellent_places = models.PositiveSmallIntegerField(
        _("excellent places"),
        null=True,
        blank=True,
        help_text=_("Under the county-wide quota: the places the justice bureau allocated to this committee."),
    )
    submitted_at = models.DateTimeField(_("initial evaluation submitted at"), null=True, blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)

    objects = CommitteeQuerySet.as_manager()
    scope = Scope(unit="unit", system="system_organisation")

    class Meta:
        verbose_name = _("assessment committee")
        verbose_name_plural = _("assessment committees")
        ordering = ["year", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(unit__isnull=False, system_organisation__isnull=True)
                | Q(unit__isnull=True, system_organisation__isnull=False),
                name="assessments_committee_unit_or_system",
                violation_error_message=_("A committee belongs to a unit or to a system, not both."),
            ),
            models.UniqueConstraint(
                fields=["year", "unit"],
                name="assessments_one_committee_per_unit",
                violation_error_message=_("This unit already has a committee for the year."),
            ),
            models.UniqueConstraint(
                fields=["year", "system_organisation"],
                name="assessments_one_committee_per_system",
                violation_error_message=_("This system already has a committee for the year."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=CommitteeStatus.values),
                name="assessments_committee_status_valid",
                violation_error_message=_("Unknown status."),
            ),
        ]

    def __str__(self):
        return f"{self.year.year} · {self.unit or self.system_organisation}"

    def get_absolute_url(self):
        return reverse("assessments:committee_detail", args=[self.pk])

    @property
    def is_editable(self) -> bool:
        """Scores and proposals may change while the committee scores or after a return."""
        return self.status in (CommitteeStatus.SCORING, CommitteeStatus.RETURNED)


class MemberSubmission(BaseModel):
    """A member has submitted their scores for the committee: from then on they cannot change them. A return of
    the evaluation by the justice bureau withdraws the committee's submissions (the scoring reopens)."""

    committee = models.ForeignKey(Committee, on_delete=models.CASCADE, related_name="submissions")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    scope = Scope(unit="committee__unit", system="committee__system_organisation", owner="member")

    class Meta:
        verbose_name = _("score submission")
        verbose_name_plural = _("score submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "member"],
                name="assessments_submit_once",
                violation_error_message=_("You have already submitted your scores."),
            ),
        ]


class AssessmentQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if user.role == Role.COMMITTEE_MEMBER:
            return self.filter(committee__members=user)
        if user.role == Role.PUBLIC_LAWYER:
            # A lawyer reads their own result once it is published, not the committee's work in progress.
            return self.filter(scope_q(self.model, user), committee__status=CommitteeStatus.PUBLISHED)
        return super().visible_to(user)


class Assessment(BaseModel):
    """One lawyer's assessment in one year: the unit's civil-servant grade, the committee's proposal and result."""

    committee = models.ForeignKey(Committee, on_delete=models.PROTECT, related_name="assessments")
    person = models.ForeignKey(
        "lawyers.Person", verbose_name=_("lawyer"), on_delete=models.PROTECT, related_name="assessments"
    )
    unit = models.ForeignKey("units.Unit", verbose_name=_("unit"), on_delete=models.PROTECT, related_name="+")
    civil_servant_grade = models.CharField(
        _("civil-servant annual grade"), max_length=24, choices=AnnualGrade.choices, blank=True
    )
    score = models.DecimalField(_("committee score"), **SCORE, null=True, blank=True)
    proposed_grade = models.CharField(_("proposed grade"), max_length=24, choices=Grade.choices, blank=True)
    rule_note = models.CharField(_("rule applied"), max_length=200, blank=True)
    comments = models.TextField(_("committee's comments"), blank=True)
    recommended = models.BooleanField(_("recommended for continued appointment"), null=True, blank=True)
    facts = models.JSONField(_("fact sheet at the initial evaluation"), default=dict, blank=True)

    objects = AssessmentQuerySet.as_manager()
    scope = Scope(unit="unit", person="person", system="committee__system_organisation")

    class Meta:
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")
        ordering = ["committee", "person__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["committee", "person"],
                name="assessments_person_once_per_committee",
                violation_error_message=_("This lawyer is already assessed by the committee."),
            ),
            models.CheckConstraint(
                condition=Q(proposed_grade__in=[*Grade.values, ""]),
                name="assessments_proposed_grade_valid",
                violation_error_message=_("Unknown grade."),
            ),
            models.CheckConstraint(
                condition=Q(civil_servant_grade__in=[*AnnualGrade.values, ""]),
                name="assessments_civil_grade_valid",
                violation_error_message=_("Unknown annual grade."),
            ),
        ]

    def __str__(self):
        return f"{self.person.name} · {self.committee.year.year}"

    def get_absolute_url(self):
        return reverse("assessments:assessment_detail", args=[self.pk])


class ScoreQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        if user is None or not user.is_authenticated:
            return self.none()
        if user.role == Role.COMMITTEE_MEMBER:
            # Scores are independent: a member sees only their own until the committee's evaluation is made.
            # Having submitted is not enough, since the others may still be typing theirs; after a return
            # the scoring reopens and they are hidden again.
            made = Q(assessment__committee__status__in=[CommitteeStatus.SUBMITTED, CommitteeStatus.PUBLISHED])
            return self.filter(Q(member=user) | made, assessment__committee__members=user)
        return super().visible_to(user)


class Score(BaseModel):
    """One member's score of one criterion for one lawyer (0–100)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    member = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("score"), **SCORE, validators=[MinValueValidator(0), MaxValueValidator(100)])

    objects = ScoreQuerySet.as_manager()
    # Only the county-wide roles read individual scores beside the members themselves.
    scope = Scope(unit=None)

    class Meta:
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "member", "criterion"],
                name="assessments_one_score_per_member_and_criterion",
                violation_error_message=_("You have already scored this criterion."),
            ),
            models.CheckConstraint(
                condition=Q(value__gte=0, value__lte=100),
                name="assessments_score_range",
                violation_error_message=_("A score lies between 0 and 100."),
            ),
        ]


class ObjectionQuerySet(ScopedQuerySet):
    def visible_to(self, user):
        if user is not None and user.is_authenticated and user.role == Role.COMMITTEE_MEMBER:
            return self.filter(assessment__committee__members=user)
        return super().visible_to(user)


class Objection(BaseModel):
    """A lawyer's objection to their published result, filed within 5 working days, answered by the committee."""

    assessment = models.OneToOneField(Assessment, on_delete=models.CASCADE, related_name="objection")
    text = models.TextField(_("objection"))
    filed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    answer = models.TextField(_("committee's answer"), blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    objects = ObjectionQuerySet.as_manager()
    scope = Scope(unit="assessment__unit", person="assessment__person")

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        constraints = [
            models.CheckConstraint(
                condition=Q(answered_at__isnull=True, answered_by__isnull=True)
                | Q(answered_at__isnull=False, answered_by__isnull=False),
                name="assessments_objection_answered_by_someone",
                violation_error_message=_("An answer records who gave it and when."),
            ),
        ]

    def __str__(self):
        return _("Objection of %(person)s") % {"person": self.assessment.person}

    def get_absolute_url(self):
        return self.assessment.get_absolute_url()
