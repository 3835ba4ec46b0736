"""The hours report: hours attended in a year against the plan, per public lawyer of that year."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from lawyers import services as lawyer_services
from tests.lawyers.factories import make_lawyer
from training.services import attendance_set

from .conftest import make_event, make_plan

pytestmark = pytest.mark.django_db

HOURS = reverse("training:hours")
EXPORT = reverse("training:hours_export")


def rows(response):
    return {
        row.record.name: (row.record.attended, row.record.required, row.record.shortfall)
        for row in response.context["table"].page.object_list
    }


@pytest.fixture
def year_2025(users, people, unit_a):
    """Plan 2025: 40 h. 甲: 16 h + 8 h in 2025 and 10 h in 2024. 乙: 16 + 8 + 24 (unit A's moot court).
    丁: 8 h in the autumn. 丙 (unit B): nothing."""
    justice, officer_a = users["justice"], users["officer_a"]
    make_plan(2025, "40")
    spring = make_event("春季实务", held_on=date(2025, 4, 1), hours="16")
    summer = make_event("夏季理论", held_on=date(2025, 6, 1), hours="8")
    autumn = make_event("秋季同堂", held_on=date(2025, 9, 1), hours="8", kind="joint_training")
    earlier = make_event("2024年培训", held_on=date(2024, 11, 1), hours="10")
    moot = make_event("模拟法庭", unit=unit_a, held_on=date(2025, 10, 1), hours="24", kind="moot_court")
    attendance_set(actor=justice, event=spring, people=[people["x"], people["y"]])
    attendance_set(actor=justice, event=summer, people=[people["x"], people["y"]])
    attendance_set(actor=justice, event=autumn, people=[people["late"]])
    attendance_set(actor=justice, event=earlier, people=[people["x"]])
    attendance_set(actor=officer_a, event=moot, people=[people["y"]])


def test_it_computes_hours_and_shortfall_for_the_year(login, year_2025):
    response = login("justice").get(HOURS, {"year": "2025"})
    assert response.status_code == 200 and response.context["plan"].required_hours == 40
    assert rows(response) == {
        "甲律师": (Decimal("24"), Decimal("40"), Decimal("16")),
        "乙律师": (Decimal("48"), Decimal("40"), Decimal("0")),
        "丁晚发证": (Decimal("8"), Decimal("40"), Decimal("32")),
        "丙律师": (Decimal("0"), Decimal("40"), Decimal("40")),
    }
    # 戊 never held a certificate, so is no public lawyer of the year.
    assert "戊无证书" not in response.content.decode()


def test_it_filters_those_short_of_the_plan(login, year_2025):
    response = login("county").get(HOURS, {"year": "2025", "shortfall": "on"})
    assert set(rows(response)) == {"甲律师", "丁晚发证", "丙律师"}
    response = login("county").get(HOURS, {"year": "2025", "q": "城固县自然资源局"})
    assert set(rows(response)) == {"丙律师"}


def test_it_says_when_the_year_has_no_plan(login, year_2025):
    response = login("justice").get(HOURS, {"year": "2024"})
    assert response.context["plan"] is None
    assert 'data-plan="none"' in response.content.decode()
    # 丁 was certified in 2025, so is no public lawyer of 2024.
    assert rows(response) == {
        "甲律师": (Decimal("10"), None, None),
        "乙律师": (Decimal("0"), None, None),
        "丙律师": (Decimal("0"), None, None),
    }
    # Without a plan nobody is short.
    assert rows(login("justice").get(HOURS, {"year": "2024", "shortfall": "on"})) == {}


def test_it_lists_the_lawyers_whose_certificate_was_in_force_some_time_in_the_year(login, users, year_2025):
    justice = users["justice"]
    gone, certificate = make_lawyer(users["officer_b"], justice, name="己已注销", issued_on=date(2022, 1, 5))
    lawyer_services.certificate_cancel(actor=justice, certificate=certificate, on=date(2025, 1, 1), reason="retired")
    assert "己已注销" in rows(login("justice").get(HOURS, {"year": "2024"}))
    assert "己已注销" not in rows(login("justice").get(HOURS, {"year": "2025"}))


def test_it_defaults_to_the_current_year(login, year_2025):
    from django.utils import timezone

    response = login("justice").get(HOURS)
    assert response.context["year"] == timezone.localdate().year
    assert login("justice").get(HOURS, {"year": "abc"}).status_code == 200


@pytest.mark.parametrize(
    "name,expected",
    [
        ("county", {"甲律师", "乙律师", "丁晚发证", "丙律师"}),
        ("bar", {"甲律师", "乙律师", "丁晚发证", "丙律师"}),
        ("officer_a", {"甲律师", "乙律师", "丁晚发证"}),
        ("officer_b", {"丙律师"}),
    ],
)
def test_it_shows_each_role_the_lawyers_it_sees(login, year_2025, name, expected):
    assert set(rows(login(name).get(HOURS, {"year": "2025"}))) == expected


def test_it_counts_county_wide_events_in_a_unit_officers_report(login, year_2025):
    # Unit A's officer does not see the county-wide events, but its lawyers' hours include them.
    assert rows(login("officer_a").get(HOURS, {"year": "2025"}))["甲律师"][0] == Decimal("24")


def test_it_guards_the_report(login, year_2025):
    for url in (HOURS, EXPORT):
        assert login(None).get(url).status_code == 302
        for name in ("lawyer_a", "committee_a", "pool", "auditor", "sysadmin"):
            assert login(name).get(url).status_code == 403


def test_it_exports_the_report_with_the_year_and_plan(login, year_2025):
    response = login("justice").get(EXPORT, {"year": "2025", "shortfall": "on"})
    assert response.status_code == 200
    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    blank = values.index([None] * len(values[0]))
    header_block = {row[0]: row[1] for row in values[:blank]}
    assert "2025" in header_block.values()
    assert any("40" in str(value) for value in header_block.values())
    body = {row[0]: tuple(row[1:]) for row in values[blank + 2 :]}
    assert body == {
        "甲律师": ("城固县市场监督管理局", 24, 40, 16),
        "丁晚发证": ("城固县市场监督管理局", 8, 40, 32),
        "丙律师": ("城固县自然资源局", 0, 40, 40),
    }


def test_it_exports_a_year_without_a_plan(login, year_2025):
    response = login("bar").get(EXPORT, {"year": "2024"})
    values = [list(row) for row in load_workbook(BytesIO(b"".join(response.streaming_content))).active.values]
    blank = values.index([None] * len(values[0]))
    body = {row[0]: tuple(row[1:]) for row in values[blank + 2 :]}
    assert body["甲律师"][1:] == (10, None, None)


def test_it_keeps_the_report_query_count_flat(login, users, year_2025, django_assert_num_queries):
    client = login("justice")
    # session, user, the plan, count, the page of lawyers with units and hours
    with django_assert_num_queries(5):
        client.get(HOURS, {"year": "2025"})
    # session, user, the plan, the lawyers with units and hours, the audit entry
    with django_assert_num_queries(5):
        client.get(EXPORT, {"year": "2025"})
    event = make_event("加场", held_on=date(2025, 12, 1), hours="4")
    extra = [make_lawyer(users["officer_b"], users["justice"], name=f"律师{n}")[0] for n in range(12)]
    attendance_set(actor=users["justice"], event=event, people=extra)
    with django_assert_num_queries(5):
        response = client.get(HOURS, {"year": "2025"})
    assert len(rows(response)) == 16
    with django_assert_num_queries(5):
        client.get(EXPORT, {"year": "2025"})
