"""How scores become a committee score and a grade, and the rules that hold whatever the scores (R3.3).

- A member's total for a lawyer is the weighted mean of their criterion scores.
- The committee score is the mean of the members' totals; when the committee has five or more members the
  highest and the lowest total are dropped first (one of each, however many tie).
- The grade suggested by a score is the best grade of the year's scale whose lowest score it reaches.
- An unjustified refusal makes the result 不称职 (不合格); a disciplinary action decided in the year bars
  优秀; a committee may grade at most floor(quota % × lawyers assessed) lawyers 优秀.
"""

import math
from decimal import ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from .choices import Grade

TRIM_FROM_MEMBERS = 5
TWO_PLACES = Decimal("0.01")


def member_total(values: dict[int, Decimal], weights: dict[int, Decimal]) -> Decimal | None:
    """Weighted mean of one member's scores of one lawyer; None until every criterion is scored."""
    if not weights or any(criterion not in values for criterion in weights):
        return None
    total_weight = sum(weights.values())
    weighted = sum(values[criterion] * weight for criterion, weight in weights.items())
    return (weighted / total_weight).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def committee_score(totals: list[Decimal], committee_size: int) -> Decimal | None:
    """The mean of the totals, trimmed of the highest and the lowest when the committee has 5+ members."""
    totals = sorted(totals)
    if committee_size >= TRIM_FROM_MEMBERS and len(totals) >= 3:
        totals = totals[1:-1]
    if not totals:
        return None
    return (sum(totals) / len(totals)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def suggested_grade(score: Decimal | None, scale: list[tuple[str, Decimal]], facts=None) -> str:
    """The grade the score reaches on the scale [(grade, lowest score)], after the overriding rules."""
    if facts is not None and facts.fails:
        return Grade.INCOMPETENT
    if score is None:
        return ""
    for grade, lowest in sorted(scale, key=lambda level: level[1], reverse=True):
        if score >= lowest:
            if grade == Grade.EXCELLENT and facts is not None and facts.bars_excellent:
                continue
            return grade
    return Grade.INCOMPETENT


def excellent_quota(assessed: int, percent: Decimal) -> int:
    """How many lawyers of `assessed` may be graded 优秀: the quota share, rounded down."""
    return math.floor(Decimal(assessed) * Decimal(percent) / 100)


def check_grade(grade: str, facts) -> None:
    """Refuse a grade that the overriding rules forbid, with the rule in the message."""
    if facts.fails and grade != Grade.INCOMPETENT:
        raise ValidationError(
            {"proposed_grade": _("The lawyer refused an assignment without a proper reason: the result is a fail.")}
        )
    if facts.bars_excellent and grade == Grade.EXCELLENT:
        raise ValidationError(
            {"proposed_grade": _("A disciplinary action was taken against the lawyer this year: not excellent.")}
        )


def rule_note(facts) -> str:
    if facts.fails:
        return _("Refused an assignment without a proper reason")  # R3.3
    if facts.bars_excellent:
        return _("Disciplinary action in the year: excellent barred")
    return ""


def check_quota(excellent: int, assessed: int, percent: Decimal) -> None:
    allowed = excellent_quota(assessed, percent)
    if excellent > allowed:
        raise ValidationError(
            _(
                "%(excellent)s lawyers are proposed as excellent; the quota of %(percent)s%% of %(assessed)s "
                "lawyers allows %(allowed)s."
            )
            % {"excellent": excellent, "percent": f"{percent.normalize():f}", "assessed": assessed, "allowed": allowed}
        )
