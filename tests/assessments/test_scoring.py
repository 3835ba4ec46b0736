"""The aggregation, the quota's rounding and allocation, and the rules that hold whatever the scores."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from assessments.choices import Grade, QuotaRounding
from assessments.scoring import (
    Rules,
    Verdict,
    allocate_places,
    allowed_grades,
    check_grade,
    committee_score,
    excellent_quota,
    member_total,
    suggested_grade,
    verdict,
    weight_percent,
)

SCALE = [
    (Grade.EXCELLENT, D(90)),
    (Grade.COMPETENT, D(70)),
    (Grade.BASICALLY_COMPETENT, D(60)),
    (Grade.INCOMPETENT, D(0)),
]
WEIGHTS = {1: D(40), 2: D(30), 3: D(30)}


class Facts:
    def __init__(self, refused_unjustified=0, disciplinary_actions=0):
        self.refused_unjustified, self.disciplinary_actions = refused_unjustified, disciplinary_actions


def test_it_weights_a_members_scores():
    assert member_total({1: D(100), 2: D(80), 3: D(60)}, WEIGHTS) == D("82.00")


def test_it_reads_each_criterion_out_of_100_not_out_of_its_weight():
    # Members who read "工作完成情况 (40.00)" as a maximum typed 36/27/27 meaning 90 %; out of 100 those are 30.60,
    # a 不称职. Each criterion is out of 100: 90 on each is 90.
    assert member_total({1: D(36), 2: D(27), 3: D(27)}, WEIGHTS) == D("30.60")
    assert member_total({1: D(90), 2: D(90), 3: D(90)}, WEIGHTS) == D("90.00")
    assert [weight_percent(w, WEIGHTS.values()) for w in WEIGHTS.values()] == [D(40), D(30), D(30)]
    assert weight_percent(D(1), [D(1), D(1), D(1)]) == D("33.33")


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
    found = verdict(Rules(), Facts(refused_unjustified=1), "")
    assert suggested_grade(D("99"), SCALE, found) == Grade.INCOMPETENT
    assert allowed_grades(found) == [Grade.INCOMPETENT]
    with pytest.raises(ValidationError):
        check_grade(Grade.COMPETENT, found)
    check_grade(Grade.INCOMPETENT, found)


def test_it_bars_excellent_after_a_disciplinary_action():
    found = verdict(Rules(), Facts(disciplinary_actions=1), "")
    assert suggested_grade(D("99"), SCALE, found) == Grade.COMPETENT
    assert Grade.EXCELLENT not in allowed_grades(found)
    with pytest.raises(ValidationError, match="disciplinary"):
        check_grade(Grade.EXCELLENT, found)
    check_grade(Grade.COMPETENT, found)


def test_it_bars_excellent_after_a_civil_servant_grade_incompetent_in_the_year():
    found = verdict(Rules(), Facts(), "incompetent")
    assert found.bars_excellent and not found.fails
    assert suggested_grade(D("99"), SCALE, found) == Grade.COMPETENT
    with pytest.raises(ValidationError, match="civil-servant annual grade"):
        check_grade(Grade.EXCELLENT, found)
    assert verdict(Rules(), Facts(), "basically_competent") == Verdict()


def test_it_applies_only_the_rules_the_year_keeps():
    facts = Facts(refused_unjustified=1, disciplinary_actions=1)
    none = Rules(refusal_fails=False, discipline_bars_excellent=False, civil_grade_bars_excellent=False)
    found = verdict(none, facts, "incompetent")
    assert not found.fails and not found.bars_excellent and found.notes == []
    check_grade(Grade.EXCELLENT, found)
    assert verdict(Rules(refusal_fails=False), facts, "").bars_excellent


def test_it_rounds_the_quota_as_the_year_says():
    assert excellent_quota(10, D(20)) == 2
    # Three lawyers at 20 %: 0.6 places.
    assert excellent_quota(3, D(20), QuotaRounding.FLOOR) == 0
    assert excellent_quota(3, D(20), QuotaRounding.HALF_UP) == 1
    assert excellent_quota(3, D(20), QuotaRounding.CEILING) == 1
    # Two lawyers: 0.4 places.
    assert excellent_quota(2, D(20), QuotaRounding.HALF_UP) == 0
    assert excellent_quota(2, D(20), QuotaRounding.CEILING) == 1
    # Exactly half rounds up.
    assert excellent_quota(5, D(10), QuotaRounding.HALF_UP) == 1
    assert excellent_quota(12, D(20), QuotaRounding.CEILING) == 3


def test_it_allocates_the_countys_places_by_largest_remainders():
    # 13 lawyers, 3 places: shares 1.38 / 0.69 / 0.46 / 0.23 / 0.23 → 1 each for the two largest, then the
    # largest remainder (the three-lawyer unit's 0.69).
    pools = {"a": 6, "b": 3, "c": 2, "d": 1, "e": 1}
    assert allocate_places(3, pools) == {"a": 1, "b": 1, "c": 1, "d": 0, "e": 0}
    assert sum(allocate_places(3, pools).values()) == 3
    assert allocate_places(0, pools) == dict.fromkeys(pools, 0)
    # Never more places than lawyers, whatever the total.
    assert allocate_places(10, {"a": 1, "b": 2}) == {"a": 1, "b": 2}
    # A tie goes to the larger pool, then to the first given.
    assert allocate_places(1, {"x": 2, "y": 2, "z": 1}) == {"x": 1, "y": 0, "z": 0}
