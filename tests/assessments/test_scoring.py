"""The aggregation and the rules that hold whatever the scores."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from assessments.choices import Grade
from assessments.scoring import (
    check_grade,
    check_quota,
    committee_score,
    excellent_quota,
    member_total,
    suggested_grade,
)

SCALE = [
    (Grade.EXCELLENT, D(90)),
    (Grade.COMPETENT, D(70)),
    (Grade.BASICALLY_COMPETENT, D(60)),
    (Grade.INCOMPETENT, D(0)),
]


class Facts:
    def __init__(self, fails=False, bars_excellent=False):
        self.fails, self.bars_excellent = fails, bars_excellent


def test_it_weights_a_members_scores():
    assert member_total({1: D(100), 2: D(80), 3: D(60)}, {1: D(40), 2: D(30), 3: D(30)}) == D("82.00")


def test_it_waits_for_every_criterion_before_a_total():
    assert member_total({1: D(100)}, {1: D(40), 2: D(60)}) is None


def test_it_averages_without_trimming_below_five_members():
    assert committee_score([D(60), D(80), D(100), D(90)], committee_size=4) == D("82.50")


def test_it_drops_the_highest_and_lowest_from_five_members():
    # 50 and 100 dropped: (80 + 85 + 90) / 3
    assert committee_score([D(100), D(80), D(50), D(85), D(90)], committee_size=5) == D("85.00")


def test_it_has_no_score_without_totals():
    assert committee_score([], committee_size=5) is None


def test_it_suggests_the_grade_the_score_reaches():
    assert suggested_grade(D("90"), SCALE) == Grade.EXCELLENT
    assert suggested_grade(D("89.99"), SCALE) == Grade.COMPETENT
    assert suggested_grade(D("59"), SCALE) == Grade.INCOMPETENT


def test_it_fails_an_unjustified_refusal_whatever_the_score():
    assert suggested_grade(D("99"), SCALE, Facts(fails=True)) == Grade.INCOMPETENT
    with pytest.raises(ValidationError):
        check_grade(Grade.COMPETENT, Facts(fails=True))
    check_grade(Grade.INCOMPETENT, Facts(fails=True))


def test_it_bars_excellent_after_a_disciplinary_action():
    assert suggested_grade(D("99"), SCALE, Facts(bars_excellent=True)) == Grade.COMPETENT
    with pytest.raises(ValidationError):
        check_grade(Grade.EXCELLENT, Facts(bars_excellent=True))
    check_grade(Grade.COMPETENT, Facts(bars_excellent=True))


def test_it_rounds_the_quota_down():
    assert excellent_quota(10, D(20)) == 2
    assert excellent_quota(9, D(20)) == 1
    assert excellent_quota(4, D(20)) == 0
    check_quota(2, 10, D(20))
    with pytest.raises(ValidationError):
        check_quota(3, 10, D(20))
