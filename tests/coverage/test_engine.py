"""The coverage computation against hand-computed answers (issue 5, "Correctness")."""

from datetime import date

import pytest

from coverage.engine import CoverageData
from coverage.evaluation import evaluate, month_ends, rate, target_card
from coverage.models import Target
from lawyers.models import Person
from lawyers.services import is_public_lawyer_of
from tests.coverage.scenario import build

pytestmark = pytest.mark.django_db


@pytest.fixture
def county(users, superior):
    return build(users, superior)


def standing(county, day):
    statuses = CoverageData.load().statuses_on(day)
    return {
        key: (statuses[unit.pk].has_lawyer, statuses[unit.pk].carries_out_work) if unit.pk in statuses else None
        for key, unit in county.items()
    }


@pytest.mark.parametrize(
    "day,expected",
    [
        # A: 甲 suspended 2023-06-01 .. 2023-08-31; B: 乙 until 2024-06-30, then in A; E abolished 2023-07-01.
        (
            date(2022, 12, 31),
            {
                "A": (True, True),
                "B": (True, True),
                "C": (False, False),
                "D": (False, False),
                "E": (True, True),
                "F": (False, False),
            },
        ),
        (
            date(2023, 6, 30),
            {
                "A": (False, False),
                "B": (True, True),
                "C": (False, True),
                "D": (False, False),
                "E": (True, True),
                "F": (False, False),
            },
        ),
        (
            date(2023, 7, 1),
            {
                "A": (False, False),
                "B": (True, True),
                "C": (False, True),
                "D": (False, False),
                "E": None,
                "F": (False, False),
            },
        ),
        (
            date(2023, 9, 1),
            {
                "A": (True, True),
                "B": (True, True),
                "C": (False, True),
                "D": (False, False),
                "E": None,
                "F": (False, False),
            },
        ),
        (
            date(2024, 1, 1),
            {
                "A": (True, True),
                "B": (True, True),
                "C": (False, True),
                "D": (False, False),
                "E": None,
                "F": (False, False),
            },
        ),  # the dispatch starts the day after
        (
            date(2024, 1, 2),
            {
                "A": (True, True),
                "B": (True, True),
                "C": (False, True),
                "D": (False, True),
                "E": None,
                "F": (False, False),
            },
        ),
        (
            date(2024, 6, 30),
            {
                "A": (True, True),
                "B": (True, True),
                "C": (False, True),
                "D": (False, True),
                "E": None,
                "F": (False, False),
            },
        ),  # the engagement's last day still counts
        (
            date(2024, 7, 1),
            {
                "A": (True, True),
                "B": (False, False),
                "C": (False, False),
                "D": (False, True),
                "E": None,
                "F": (False, False),
            },
        ),
    ],
)
def test_it_gives_each_units_two_statuses_on_a_day(county, day, expected):
    assert standing(county, day) == expected


def test_it_names_the_reason_for_each_status(county):
    statuses = CoverageData.load().statuses_on(date(2024, 7, 1))
    assert {name for _pk, name, _number in statuses[county["A"].pk].lawyers} == {"甲", "乙"}
    assert "赵派驻" in " ".join(statuses[county["D"].pk].reasons)
    assert statuses[county["C"].pk].reasons == []


def test_it_agrees_with_the_lawyers_apps_own_answer_on_every_month_end(county):
    data = CoverageData.load()
    people = list(Person.objects.all())
    for day in month_ends(date(2021, 1, 1), date(2025, 12, 31)):
        statuses = data.statuses_on(day)
        for unit in county.values():
            if unit.pk not in statuses:
                continue  # coverage speaks of active units only
            engine = {p for p, _n, _c in statuses[unit.pk].lawyers}
            direct = {person.pk for person in people if is_public_lawyer_of(person, unit, day)}
            assert engine == direct, (unit.name, day)


def test_it_rates_with_one_decimal_and_says_na_for_an_empty_population():
    assert str(rate(1, 3)) == "33.3" and str(rate(2, 3)) == "66.7" and str(rate(1, 8)) == "12.5"
    assert rate(0, 0) is None


def test_it_judges_t1_missed_at_end_2023_and_met_when_asked_later(county):
    t1 = Target.objects.get(code="T1")
    data = CoverageData.load()
    # End of 2023: enforcement units A, B, C, D are active (E was abolished): A and B have lawyers → 50%.
    card = target_card(t1, data, date(2023, 12, 31), data.statuses_on(date(2023, 12, 31)))
    assert card.at_deadline.rate == 50 and card.verdict == "met"
    t1.threshold = 60
    card = target_card(t1, data, date(2024, 3, 1), data.statuses_on(date(2024, 3, 1)))
    assert str(card.now.rate) == "50.0" and card.verdict == "missed"


def test_it_reports_a_future_deadline_as_on_track_or_not_yet(county):
    t2 = Target.objects.get(code="T2")
    data = CoverageData.load()
    day = date(2024, 7, 1)
    card = target_card(t2, data, day, data.statuses_on(day))
    # A (lawyers), D (dispatch) carry out the work; B and C do not: 2 of 4.
    assert str(card.now.rate) == "50.0" and card.at_deadline is None and card.verdict == "behind"


def test_it_says_na_for_an_empty_population(county):
    empty = Target(
        code="TX", name="x", unit_kinds=["other"], metric="has_lawyer", threshold=50, deadline=date(2023, 12, 31)
    )
    data = CoverageData.load()
    card = target_card(empty, data, date(2024, 1, 1), data.statuses_on(date(2024, 1, 1)))
    assert card.now.rate is None and card.verdict == "n/a"


def test_it_loads_in_a_fixed_number_of_queries(county, django_assert_num_queries):
    # units, postings with people, certificates, suspensions, engagements, dispatches with members; R1.2:
    # postings of qualified people, their legal-work periods, their certificates
    with django_assert_num_queries(9):
        CoverageData.load()


def test_it_counts_a_unit_in_a_targets_population_only_while_active(county):
    statuses = CoverageData.load().statuses_on(date(2023, 7, 1))
    t1 = Target.objects.get(code="T1")
    assert county["E"].pk not in {status.unit.id for status in evaluate(t1, statuses, date(2023, 7, 1)).population}
