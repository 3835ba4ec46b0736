"""The assessments app's models: the annual assessment (assessments.py) and the unit summaries (summaries.py)."""

from .assessments import (
    YEAR_READERS,
    Assessment,
    AssessmentYear,
    Committee,
    Criterion,
    GradeLevel,
    MemberSubmission,
    Objection,
    Score,
)
from .summaries import UnitSummary

__all__ = [
    "YEAR_READERS",
    "Assessment",
    "AssessmentYear",
    "Committee",
    "Criterion",
    "GradeLevel",
    "MemberSubmission",
    "Objection",
    "Score",
    "UnitSummary",
]
