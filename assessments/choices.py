from django.db import models
from django.utils.translation import gettext_lazy as _


class YearStatus(models.TextChoices):
    OPEN = "open", _("Open (being set up)")
    SCORING = "scoring", _("Scoring")
    PUBLISHED = "published", _("Published")


class CommitteeStatus(models.TextChoices):
    SCORING = "scoring", _("Scoring")
    SUBMITTED = "submitted", _("Initial evaluation submitted")
    RETURNED = "returned", _("Returned by the justice bureau")
    PUBLISHED = "published", _("Published")


class Grade(models.TextChoices):
    """The civil-servant grades (DOMAIN.md); their labels and score thresholds are set per year."""

    EXCELLENT = "excellent", _("Excellent")
    COMPETENT = "competent", _("Competent")
    BASICALLY_COMPETENT = "basically_competent", _("Basically competent")
    INCOMPETENT = "incompetent", _("Incompetent")


# Scale order, best first; a year's scale keeps these four grades and lets the bureau rename and re-score them.
GRADE_ORDER = (Grade.EXCELLENT, Grade.COMPETENT, Grade.BASICALLY_COMPETENT, Grade.INCOMPETENT)

DEFAULT_CRITERIA = (
    ("工作完成情况", 40),
    ("工作效率", 30),
    ("服务质量", 30),
)
DEFAULT_SCALE = (
    (Grade.EXCELLENT, "优秀", 90),
    (Grade.COMPETENT, "称职", 70),
    (Grade.BASICALLY_COMPETENT, "基本称职", 60),
    (Grade.INCOMPETENT, "不称职", 0),
)
DEFAULT_QUOTA_PERCENT = 20


class QuotaPool(models.TextChoices):
    """Over which lawyers the 优秀 percentage is counted (DOMAIN.md, clarifications of December 2026)."""

    COUNTY = "county", _("County-wide: the justice bureau allocates places to committees")
    UNIT = "unit", _("Each unit")
    COMMITTEE = "committee", _("Each committee")


class QuotaRounding(models.TextChoices):
    """How the percentage of a pool becomes a whole number of places."""

    HALF_UP = "half_up", _("Round half up")
    CEILING = "ceiling", _("Round up")
    FLOOR = "floor", _("Round down")


# County-wide with rounding half up: see docs/assessments.md for why.
DEFAULT_QUOTA_POOL = QuotaPool.COUNTY
DEFAULT_QUOTA_ROUNDING = QuotaRounding.HALF_UP


class ReviewDecision(models.TextChoices):
    CONFIRM = "confirm", _("Confirm and publish")
    RETURN = "return", _("Return to the committee")


class SummaryStatus(models.TextChoices):
    """A unit's yearly summary (R4.3): drafted by the unit, submitted to its committee, returned or approved."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted, awaiting the committee")
    RETURNED = "returned", _("Returned for revision")
    APPROVED = "approved", _("Approved by the committee")
