"""Overtime and leave balances per lawyer and year: the unit's page, its export, and the lawyer's own page."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from guarantees import services
from guarantees.balances import balance_of
from tests.lawyers.factories import make_lawyer

from .conftest import log

pytestmark = pytest.mark.django_db

BALANCES = reverse("guarantees:balances")
EXPORT = reverse("guarantees:balance_export")
MINE = reverse("guarantees:my_overtime")


def decide(users, entry, decision, reason=""):
    services.overtime_decide(actor=users["officer_a"], entry=entry, decision=decision, reason=reason)


def leave(users, person, day, hours):
    services.leave_record(actor=users["officer_a"], person=person, first_day=day, last_day=day, hours=Decimal(hours))


@pytest.fixture
def records(users, people):
    """甲, 2024: 8 h as leave, 4 h as subsidy, 5 h of leave taken → balance 3.
    甲, 2025: 3 carried; 8 h as leave, 6 h refused, 3 h as subsidy, 2 h waiting; 3 + 4 h of leave taken →
    balance 3 + 8 − 7 = 4.  乙, 2025: 5 h as leave.  丙 (unit B), 2025: 8 h waiting."""
    lawyer, jia, yi = users["lawyer_a"], people["jia"], people["yi"]
    decide(users, log(lawyer, jia, date(2024, 10, 1), "8"), "leave")
    decide(users, log(lawyer, jia, date(2024, 10, 2), "4"), "subsidy", "办案任务重")
    leave(users, jia, date(2024, 11, 4), "5")
    decide(users, log(lawyer, jia, date(2025, 10, 1), "8"), "leave")
    decide(users, log(lawyer, jia, date(2025, 10, 2), "6"), "refuse", "未经批准")
    decide(users, log(lawyer, jia, date(2025, 10, 19), "3"), "subsidy", "无法补休")
    log(lawyer, jia, date(2025, 10, 26), "2")
    leave(users, jia, date(2025, 1, 6), "3")
    leave(users, jia, date(2025, 11, 3), "4")
    decide(users, log(users["officer_a"], yi, date(2025, 10, 5), "5"), "leave")
    log(users["lawyer_b"], people["bing"], date(2025, 5, 1), "8")


def figures(balance):
    return tuple(getattr(balance, name) for name in ("carried", "earned", "taken", "balance", "subsidy", "pending"))


def rows(response):
    return {row.record.name: figures(row.record) for row in response.context["table"].page.object_list}


def test_it_computes_a_lawyers_balance_with_leave_carried_over(people, records):
    assert figures(balance_of(people["jia"].pk, year=2024)) == (0, 8, 5, 3, 4, 0)
    assert figures(balance_of(people["jia"].pk, year=2025)) == (3, 8, 7, 4, 3, 2)
    assert figures(balance_of(people["jia"].pk, year=2026)) == (4, 0, 0, 4, 0, 0)


def test_it_shows_the_balances_of_the_year(login, records):
    response = login("justice").get(BALANCES, {"year": "2025"})
    assert response.status_code == 200
    assert rows(response) == {
        "甲律师": (3, 8, 7, 4, 3, 2),
        "乙律师": (0, 5, 0, 5, 0, 0),
        "丙律师": (0, 0, 0, 0, 0, 8),
    }
    # 乙 and 丙 have nothing on record up to the end of 2024.
    assert set(rows(login("justice").get(BALANCES, {"year": "2024"}))) == {"甲律师"}


@pytest.mark.parametrize(
    "name,expected",
    [
        ("county", {"甲律师", "乙律师", "丙律师"}),
        ("officer_a", {"甲律师", "乙律师"}),
        ("officer_b", {"丙律师"}),
    ],
)
def test_it_shows_each_role_the_people_it_sees(login, records, name, expected):
    assert set(rows(login(name).get(BALANCES, {"year": "2025"}))) == expected


def test_it_searches_by_name_or_unit(login, records):
    assert set(rows(login("county").get(BALANCES, {"year": "2025", "q": "城固县自然资源局"}))) == {"丙律师"}
    assert set(rows(login("county").get(BALANCES, {"year": "2025", "q": "乙"}))) == {"乙律师"}


def test_it_exports_the_same_numbers(login, records):
    response = login("officer_a").get(EXPORT, {"year": "2025"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    values = [row for row in sheet.iter_rows(values_only=True) if row and row[0] in ("甲律师", "乙律师")]
    # name, unit, then carried, earned, taken, balance, subsidy, pending
    unit = "城固县市场监督管理局"
    assert sorted(values) == [("乙律师", unit, 0, 5, 0, 5, 0, 0), ("甲律师", unit, 3, 8, 7, 4, 3, 2)]


def test_it_guards_the_balance_pages(login, records):
    for url in (BALANCES, EXPORT):
        assert login(None).get(url).status_code == 302
        for name in ("lawyer_a", "committee_a", "pool", "bar", "auditor", "sysadmin"):
            assert login(name).get(url).status_code == 403


def test_it_keeps_the_balance_query_count_flat(login, users, records, django_assert_num_queries):
    client = login("justice")
    # session, user, count, the page of people with units and balances
    with django_assert_num_queries(4):
        client.get(BALANCES, {"year": "2025"})
    # session, user, the people with units and balances, the audit entry
    with django_assert_num_queries(4):
        client.get(EXPORT, {"year": "2025"})
    for number in range(6):
        person = make_lawyer(users["officer_b"], users["justice"], name=f"律师{number}")[0]
        entry = log(users["officer_b"], person, date(2025, 10, 4), "2")
        services.overtime_decide(actor=users["officer_b"], entry=entry, decision="leave")
    with django_assert_num_queries(4):
        response = client.get(BALANCES, {"year": "2025"})
    assert len(rows(response)) == 9
    with django_assert_num_queries(4):
        client.get(EXPORT, {"year": "2025"})


# ---------------------------------------------------------------------------------------------------------
# The lawyer's own page


def test_it_shows_the_lawyer_their_own_year(login, records):
    response = login("lawyer_a").get(MINE, {"year": "2025"})
    assert response.status_code == 200
    assert figures(response.context["balance"]) == (3, 8, 7, 4, 3, 2)
    assert [entry.worked_on for entry in response.context["entries"]] == [
        date(2025, 10, 1),
        date(2025, 10, 2),
        date(2025, 10, 19),
        date(2025, 10, 26),
    ]
    assert [row.first_day for row in response.context["leave"]] == [date(2025, 1, 6), date(2025, 11, 3)]
    # 乙's entry is not 甲's.
    assert 'data-entry="' in response.content.decode() and "乙律师" not in response.content.decode()


def test_it_tells_an_account_without_a_person_record(login, users):
    response = login("lawyer_b").get(MINE)
    assert response.status_code == 200 and "balance" not in response.context


def test_it_is_the_public_lawyers_own_page(login, users):
    assert login(None).get(MINE).status_code == 302
    for name in ("officer_a", "county", "justice", "committee_a"):
        assert login(name).get(MINE).status_code == 403


def test_it_pins_the_own_page_query_count(login, records, django_assert_num_queries):
    client = login("lawyer_a")
    # session, user, the balance, the entries with their matters, the leave
    with django_assert_num_queries(5):
        client.get(MINE, {"year": "2025"})
