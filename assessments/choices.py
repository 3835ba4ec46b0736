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


class SummaryStatus(models.TextChoices):
    """A unit's yearly summary (R4.3): written as a draft, submitted to the county office, maybe returned."""

    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    RETURNED = "returned", _("Returned for revision")
