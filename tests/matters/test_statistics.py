"""Yearly statistics per lawyer and per unit, hand-computed over a year of matters, in one query each; and
the statistics page."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from lawyers.models import Person
from matters import services
from matters.choices import Adoption, RefusalRuling
from matters.statistics import LAWYER_COLUMNS, UNIT_COLUMNS, lawyer_year_stats, unit_year_stats
from tests.matters.factories import assign, make_matter
from units.models import Unit

pytestmark = pytest.mark.django_db

STATS = reverse("matters:statistics")
AS_OF = date(2025, 9, 10)


def on(day):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


@pytest.fixture
def year_of_matters(users, lawyers, advisor):
    """甲律师 and 乙律师 of unit A over 2025 (and one matter of December 2024), one advisor matter of unit B."""
    officer, first, second = users["officer_a"], users["lawyer_a"], users["lawyer_a2"]

    def step(day, action, **kwargs):
        with on(day):
            return action(**kwargs)

    def new(day, title, due_on, *people, **fields):
        with on(day):
            matter = make_matter(officer, title=title, due_on=due_on, **fields)
            return matter, assign(officer, matter, *people)

    # M1: answered on time, adopted fully, closed on time.
    m1, (a1,) = new(date(2025, 3, 3), "M1", date(2025, 3, 20), lawyers["first"])
    step(date(2025, 3, 4), services.assignment_accept, actor=first, assignment=a1)
    step(date(2025, 3, 10), services.opinion_submit, actor=first, assignment=a1, text="意见")
    step(date(2025, 3, 12), services.matter_close, actor=officer, matter=m1, adoption=Adoption.FULLY)
    # M2: 甲 answers late, 乙 declines (justified); adopted in part, closed late.
    m2, (a2, b2) = new(date(2025, 4, 1), "M2", date(2025, 4, 10), lawyers["first"], lawyers["second"])
    step(date(2025, 4, 2), services.assignment_accept, actor=first, assignment=a2)
    step(date(2025, 4, 2), services.assignment_decline, actor=second, assignment=b2, reason="回避")
    step(date(2025, 4, 3), services.assignment_rule, actor=officer, assignment=b2, ruling=RefusalRuling.JUSTIFIED)
    step(date(2025, 4, 15), services.opinion_submit, actor=first, assignment=a2, text="意见")
    step(date(2025, 4, 16), services.matter_close, actor=officer, matter=m2, adoption=Adoption.PARTLY, reason="部分")
    # M3: 甲 declines without a proper reason; still open past its due date.
    _m3, (a3,) = new(date(2025, 5, 5), "M3", date(2025, 5, 20), lawyers["first"])
    step(date(2025, 5, 6), services.assignment_decline, actor=first, assignment=a3, reason="太忙")
    step(
        date(2025, 5, 7),
        services.assignment_rule,
        actor=officer,
        assignment=a3,
        ruling=RefusalRuling.UNJUSTIFIED,
        note="理由不成立",
    )
    # M4: accepted, never answered, past due.
    _m4, (a4,) = new(date(2025, 6, 2), "M4", date(2025, 6, 13), lawyers["first"])
    step(date(2025, 6, 3), services.assignment_accept, actor=first, assignment=a4)
    # M5: assigned in December 2024: another year.
    new(date(2024, 12, 20), "M5", date(2024, 12, 31), lawyers["first"])
    # M6: accepted, due at the end of the year: not late yet.
    _m6, (a6,) = new(date(2025, 8, 1), "M6", date(2025, 12, 31), lawyers["first"])
    step(date(2025, 8, 2), services.assignment_accept, actor=first, assignment=a6)
    # M7: 乙 answers on time; not adopted.
    m7, (b7,) = new(date(2025, 9, 1), "M7", date(2025, 9, 30), lawyers["second"])
    step(date(2025, 9, 2), services.assignment_accept, actor=second, assignment=b7)
    step(date(2025, 9, 5), services.opinion_submit, actor=second, assignment=b7, text="意见")
    step(date(2025, 9, 6), services.matter_close, actor=officer, matter=m7, adoption=Adoption.NOT_ADOPTED, reason="否")
    # M8: unit B, its legal advisor, pending.
    with on(date(2025, 7, 1)):
        m8 = make_matter(users["officer_b"], title="M8", due_on=date(2025, 12, 31))
        assign(users["officer_b"], m8, engagements=[advisor])


def numbers(row, columns):
    return {key: getattr(row, key) for key, _label in columns}


def test_it_counts_each_lawyers_year_in_one_query(year_of_matters, lawyers, django_assert_num_queries):
    with django_assert_num_queries(1):  # the people, annotated with every count
        rows = {p.name: p for p in lawyer_year_stats(2025, Person.objects.all(), today=AS_OF)}
    assert numbers(rows["甲律师"], LAWYER_COLUMNS) == {
        "assigned": 5,  # M1 M2 M3 M4 M6 (M5 was 2024)
        "completed": 2,  # M1 M2
        "on_time": 1,  # M1
        "overdue": 2,  # M2 answered late, M4 past due unanswered
        "refused_justified": 0,
        "refused_unjustified": 1,  # M3
        "refused_unruled": 0,
        "adopted_fully": 1,  # M1
        "adopted_partly": 1,  # M2
        "adopted_not": 0,
    }
    assert numbers(rows["乙律师"], LAWYER_COLUMNS) == {
        "assigned": 2,  # M2 M7
        "completed": 1,
        "on_time": 1,
        "overdue": 0,
        "refused_justified": 1,  # M2
        "refused_unjustified": 0,
        "refused_unruled": 0,
        "adopted_fully": 0,
        "adopted_partly": 0,
        "adopted_not": 1,  # M7
    }
    assert rows["丙律师"].assigned == 0
    assert lawyer_year_stats(2024, Person.objects.filter(name="甲律师"), today=AS_OF).get().assigned == 1


def test_it_counts_each_units_year_in_one_query(year_of_matters, users, django_assert_num_queries):
    with django_assert_num_queries(1):  # the units, annotated with every count
        rows = {u.pk: u for u in unit_year_stats(2025, Unit.objects.all(), today=AS_OF)}
    assert numbers(rows[users["officer_a"].unit_id], UNIT_COLUMNS) == {
        "created": 6,  # M1 M2 M3 M4 M6 M7
        "closed": 3,  # M1 M2 M7
        "on_time": 2,  # M1 M7
        "overdue": 3,  # M2 closed late, M3 and M4 open past due
        "assignments": 7,  # M2 had two
        "refused_justified": 1,
        "refused_unjustified": 1,
        "refused_unruled": 0,
        "adopted_fully": 1,
        "adopted_partly": 1,
        "adopted_not": 1,
    }
    unit_b = numbers(rows[users["officer_b"].unit_id], UNIT_COLUMNS)
    assert unit_b["created"] == 1 and unit_b["assignments"] == 1 and unit_b["overdue"] == 0


def test_the_page_shows_an_officer_the_own_unit_and_the_county_every_unit(
    year_of_matters, users, login, django_assert_num_queries
):
    client = login("officer_a")
    with on(AS_OF), django_assert_num_queries(4):
        # session, user; the lawyers' numbers; the units' numbers
        response = client.get(STATS, {"year": 2025})
    assert response.status_code == 200
    assert [unit.name for unit, _values in response.context["unit_rows"]] == [users["officer_a"].unit.name]
    rows = {row["name"]: values for row, values in response.context["assignee_rows"]}
    assert set(rows) == {"甲律师", "乙律师"}  # 丙律师 had no assignment; unit B's advisor is not A's
    assert rows["甲律师"][:4] == [5, 2, 1, 2]
    assert "data-person" in response.content.decode()
    with on(AS_OF):
        county = login("county").get(STATS, {"year": 2025})
    assert len(county.context["unit_rows"]) == 2
    # The legal advisor of unit B is an assignee too, labelled as such.
    advisor_row = next(row for row, _values in county.context["assignee_rows"] if row["kind"] == "advisor")
    assert advisor_row["name"] == "王顾问" and advisor_row["matter__unit__name"] == users["officer_b"].unit.name
    assert 'data-kind="advisor"' in county.content.decode()


def test_the_assignee_rows_of_each_unit_add_up_to_the_units_row(year_of_matters, users, login, tax_unit):
    """Public lawyers, a legal advisor and a dispatched pool lawyer: per unit, the assignees' assignments and
    refusals are the unit's (the QA saw a unit whose matters all went to its advisor with no assignee row)."""
    from datetime import timedelta

    from tests.advisors.factories import make_dispatch, make_member
    from tests.conftest import make_user

    officer_tax = make_user("officer_tax", "unit_officer", tax_unit)
    users["officer_tax"] = officer_tax
    member = make_member(users["pool"])
    with on(date(2025, 8, 1)):
        make_dispatch(
            officer_tax, users["pool"], member, starts_on=date(2025, 7, 20), ends_on=date(2025, 7, 20) + timedelta(400)
        )
        matter = make_matter(officer_tax, title="税务复议", due_on=date(2025, 12, 31))
        assign(officer_tax, matter, members=[member])
    refusals = ("refused_justified", "refused_unjustified", "refused_unruled")
    for name in ("county", "officer_a", "officer_b", "officer_tax"):
        with on(AS_OF):
            context = login(name).get(STATS, {"year": 2025}).context
        per_unit = {
            unit.name: (unit.assignments, sum(getattr(unit, key) for key in refusals))
            for unit, _values in context["unit_rows"]
        }
        per_assignee = {}
        for row, _values in context["assignee_rows"]:
            assigned, refused = per_assignee.get(row["matter__unit__name"], (0, 0))
            per_assignee[row["matter__unit__name"]] = (
                assigned + row["assigned"],
                refused + sum(row[key] for key in refusals),
            )
        assert per_assignee == per_unit, name
    kinds = {row["kind"]: row["name"] for row, _values in context["assignee_rows"]}
    assert kinds == {"dispatched": member.name}  # the tax officer sees its own unit's dispatched lawyer


def test_the_assignee_table_is_one_query(year_of_matters, django_assert_num_queries):
    from matters.models import Assignment
    from matters.statistics import assignee_year_stats

    with django_assert_num_queries(1):  # the assignments grouped by unit and assignee, with every count
        rows = assignee_year_stats(2025, Assignment.objects.all(), today=AS_OF)
    shown = {(row["name"], row["kind_label"], row["assigned"], row["refused_unjustified"]) for row in rows}
    assert shown == {
        ("甲律师", "Public lawyer of the unit", 5, 1),  # M1 M2 M3 M4 M6 (M5 is a 2024 matter); M3 refused
        ("乙律师", "Public lawyer of the unit", 2, 0),  # M2 M7
        ("王顾问", "Legal advisor", 1, 0),  # M8, unit B's
    }


def test_the_page_keeps_other_roles_out(login, users):
    assert login(None).get(STATS).status_code == 302
    for role in ("lawyer_a", "committee_a", "bar", "pool", "auditor", "sysadmin"):
        assert login(role).get(STATS).status_code == 403
    for role in ("officer_a", "county", "justice"):
        assert login(role).get(STATS).status_code == 200


def test_a_bad_year_falls_back_to_this_year(login, users):
    response = login("officer_a").get(STATS, {"year": "abc"})
    assert response.context["year"] == timezone.localdate().year
