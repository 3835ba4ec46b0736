"""How scores become a committee score and a grade, and the rules that hold whatever the scores (R3.3).

- Every criterion is scored out of 100; its weight says how much it counts. A member's total for a lawyer
  is the weighted mean of their criterion scores, rounded half up to two decimals. The score page's script
  (static/js/score_total.js) computes the same in whole hundredths, so the total shown while typing is the
  total saved.
- The committee score is the mean of the members' totals; when the committee has five or more members the
  highest and the lowest total are dropped first (one of each, however many tie).
- The grade suggested by a score is the best grade of the year's scale whose lowest score it reaches.
- The rules over scores are the year's configuration, each on by default: an unjustified refusal of an
  assignment makes the result 不称职 (不合格, R3.3); a disciplinary action decided in the year bars 优秀; a
  civil-servant annual grade 不称职 in the same year bars 优秀.
- 优秀 is capped at the year's percentage of a pool (each committee, each unit, or the county), made a whole
  number as the year says. Under the county pool the justice bureau allocates the county's places to the
  committees, starting from a proportional allocation by largest remainders (docs/assessments.md).
"""

import math
from dataclasses import dataclass
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from chenggu_lawyers.punctuation import join_clauses
from lawyers.choices import AnnualGrade

from .choices import Grade, QuotaRounding

TRIM_FROM_MEMBERS = 5
TWO_PLACES = Decimal("0.01")
ROUNDING_MODES = {
    QuotaRounding.FLOOR: ROUND_FLOOR,
    QuotaRounding.HALF_UP: ROUND_HALF_UP,
    QuotaRounding.CEILING: ROUND_CEILING,
}


def member_total(values: dict[int, Decimal], weights: dict[int, Decimal]) -> Decimal | None:
    """Weighted mean of one member's scores (each out of 100) of one lawyer; None until every criterion is scored."""
    if not weights or any(criterion not in values for criterion in weights):
        return None
    total_weight = sum(weights.values())
    weighted = sum(values[criterion] * weight for criterion, weight in weights.items())
    return (weighted / total_weight).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


def weight_percent(weight: Decimal, weights) -> Decimal:
    """A criterion's share of the total weight, in percent, as the score form shows it (权重40%)."""
    total = sum(weights)
    if not total:
        return Decimal(0)
    return (Decimal(weight) * 100 / total).quantize(TWO_PLACES, rounding=ROUND_HALF_UP).normalize()


def committee_score(totals: list[Decimal], committee_size: int) -> Decimal | None:
    """The mean of the totals, trimmed of the highest and the lowest when the committee has 5+ members."""
    totals = sorted(totals)
    if committee_size >= TRIM_FROM_MEMBERS and len(totals) >= 3:
        totals = totals[1:-1]
    if not totals:
        return None
    return (sum(totals) / len(totals)).quantize(TWO_PLACES, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Rules:
    """The year's rules over scores; each may be switched off for a year."""

    refusal_fails: bool = True
    discipline_bars_excellent: bool = True
    civil_grade_bars_excellent: bool = True


@dataclass(frozen=True)
class Verdict:
    """What the year's rules say about one lawyer, whatever the scores."""

    refused: bool = False
    disciplined: bool = False
    civil_grade_incompetent: bool = False

    @property
    def fails(self) -> bool:
        return self.refused

    @property
    def bars_excellent(self) -> bool:
        return self.disciplined or self.civil_grade_incompetent

    @property
    def notes(self) -> list[str]:
        notes = []
        if self.refused:
            notes.append(_("Refused an assignment without a proper reason"))  # R3.3
        if self.disciplined:
            notes.append(_("Disciplinary action in the year: excellent barred"))
        if self.civil_grade_incompetent:
            notes.append(_("Civil-servant annual grade incompetent in the year: excellent barred"))
        return notes


def verdict(rules: Rules, facts, civil_servant_grade: str) -> Verdict:
    """The rules of the year applied to a lawyer's fact sheet and civil-servant annual grade of the same year."""
    return Verdict(
        refused=rules.refusal_fails and facts.refused_unjustified > 0,
        disciplined=rules.discipline_bars_excellent and facts.disciplinary_actions > 0,
        civil_grade_incompetent=rules.civil_grade_bars_excellent and civil_servant_grade == AnnualGrade.INCOMPETENT,
    )


def suggested_grade(score: Decimal | None, scale: list[tuple[str, Decimal]], facts=None) -> str:
    """The grade the score reaches on the scale [(grade, lowest score)], after the rules over scores.

    `facts` is anything that says whether the lawyer `fails` and whether excellent is barred (a Verdict)."""
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


def allowed_grades(found: Verdict) -> list[str]:
    """The grades the rules leave open, best first."""
    if found.fails:
        return [Grade.INCOMPETENT]
    return [grade for grade in Grade.values if not (grade == Grade.EXCELLENT and found.bars_excellent)]


def check_grade(grade: str, found: Verdict) -> None:
    """Refuse a grade that the rules over scores forbid, with the rule in the message."""
    if found.fails and grade != Grade.INCOMPETENT:
        raise ValidationError(
            {"proposed_grade": _("The lawyer refused an assignment without a proper reason: the result is a fail.")}
        )
    if grade != Grade.EXCELLENT:
        return
    if found.disciplined:
        raise ValidationError(
            {"proposed_grade": _("A disciplinary action was taken against the lawyer this year: not excellent.")}
        )
    if found.civil_grade_incompetent:
        raise ValidationError(
            {"proposed_grade": _("The lawyer's civil-servant annual grade this year is incompetent: not excellent.")}
        )


def rule_note(found: Verdict) -> str:
    return join_clauses(found.notes)[:200]


def excellent_quota(assessed: int, percent: Decimal, rounding: str = QuotaRounding.FLOOR) -> int:
    """How many of `assessed` lawyers may be graded 优秀: the percentage made whole as `rounding` says (down when
    not told, the number every rounding allows)."""
    share = Decimal(assessed) * Decimal(percent) / 100
    return int(share.quantize(Decimal(1), rounding=ROUNDING_MODES[QuotaRounding(rounding)]))


def allocate_places(total: int, pools: dict) -> dict:
    """`total` places shared among pools {key: lawyers} in proportion, by largest remainders (Hamilton).

    Each pool first gets the whole part of its share; the places left go one each to the largest fractional
    parts, a larger pool first on a tie, then the order given. No pool gets more places than lawyers."""
    lawyers = sum(pools.values())
    if not lawyers or total <= 0:
        return dict.fromkeys(pools, 0)
    total = min(total, lawyers)
    shares = {key: Decimal(size) * total / lawyers for key, size in pools.items()}
    places = {key: math.floor(share) for key, share in shares.items()}
    order = sorted(pools, key=lambda key: (-(shares[key] - places[key]), -pools[key]))
    for key in order[: total - sum(places.values())]:
        places[key] += 1
    return places


def percent_text(percent: Decimal) -> str:
    return f"{Decimal(percent).normalize():f}"
