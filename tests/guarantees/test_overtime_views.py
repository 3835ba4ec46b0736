"""The overtime pages: logging, the unit's list and export, an entry's page and decision, leave taken."""

from datetime import date
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from guarantees import services
from guarantees.models import LeaveTaken, OvertimeEntry

from .conftest import ADJUSTED_SUNDAY, NATIONAL_DAY, ORDINARY_SUNDAY, log

pytestmark = pytest.mark.django_db

CREATE = reverse("guarantees:overtime_create")
LIST = reverse("guarantees:overtime_list")
EXPORT = reverse("guarantees:overtime_export")
LEAVE_LIST = reverse("guarantees:leave_list")
LEAVE_EXPORT = reverse("guarantees:leave_export")
LEAVE_CREATE = reverse("guarantees:leave_create")


def detail(entry):
    return reverse("guarantees:overtime_detail", args=[entry.pk])


def decide(entry):
    return reverse("guarantees:overtime_decide", args=[entry.pk])


@pytest.fixture
def entries(users, people):
    return {
        "jia": log(users["lawyer_a"], people["jia"], NATIONAL_DAY, "8", description="国庆应诉"),
        "yi": log(users["officer_a"], people["yi"], NATIONAL_DAY, "6", description="国庆值守"),
        "bing": log(users["lawyer_b"], people["bing"], NATIONAL_DAY, "4", description="国庆调解"),
    }


def listed(response):
    return {row.record.description for row in response.context["table"].page.object_list}


# ---------------------------------------------------------------------------------------------------------
# Logging


def test_it_lets_a_lawyer_log_their_own_overtime(login, users, people, matters):
    client = login("lawyer_a")
    form = client.get(CREATE).context["form"]
    assert "person" not in form.fields
    assert set(form.fields["matter"].queryset) == {matters["case_a"]}
    response = client.post(
        CREATE, {"worked_on": "2025-10-01", "hours": "7.5", "matter": matters["case_a"].pk, "description": "写答辩状"}
    )
    entry = OvertimeEntry.objects.get()
    assert response.status_code == 302 and response["Location"] == detail(entry)
    assert (entry.person, entry.hours, entry.matter, entry.status) == (
        people["jia"],
        Decimal("7.5"),
        matters["case_a"],
        "submitted",
    )


def test_it_refuses_an_adjusted_working_day_on_the_form_and_keeps_the_input(login, people):
    response = login("lawyer_a").post(
        CREATE, {"worked_on": f"{ADJUSTED_SUNDAY}", "hours": "8", "description": "调休日加班"}
    )
    assert response.status_code == 200
    assert "is a statutory working day" in response.content.decode()
    assert "调休日加班" in response.content.decode()
    assert not OvertimeEntry.objects.exists()


def test_it_lets_the_unit_office_log_for_its_own_lawyers_only(login, users, people):
    client = login("officer_a")
    assert set(client.get(CREATE).context["form"].fields["person"].queryset) == {people["jia"], people["yi"]}
    response = client.post(
        CREATE, {"person": people["bing"].pk, "worked_on": "2025-10-01", "hours": "8", "description": "外单位"}
    )
    assert response.status_code == 200 and not OvertimeEntry.objects.exists()
    client.post(CREATE, {"person": people["yi"].pk, "worked_on": "2025-10-01", "hours": "8", "description": "值守"})
    assert OvertimeEntry.objects.get().person == people["yi"]


def test_it_guards_the_logging_page(login, users):
    assert login(None).get(CREATE).status_code == 302
    for name in ("county", "justice", "committee_a", "bar"):
        assert login(name).get(CREATE).status_code == 403


# ---------------------------------------------------------------------------------------------------------
# The unit's list


@pytest.mark.parametrize(
    "name,expected",
    [
        ("county", {"国庆应诉", "国庆值守", "国庆调解"}),
        ("officer_a", {"国庆应诉", "国庆值守"}),
        ("officer_b", {"国庆调解"}),
    ],
)
def test_it_lists_the_entries_each_role_sees(login, entries, name, expected):
    assert listed(login(name).get(LIST)) == expected


def test_it_filters_by_status_and_year(login, users, entries):
    services.overtime_decide(actor=users["officer_a"], entry=entries["jia"], decision="leave")
    assert listed(login("county").get(LIST, {"status": "submitted"})) == {"国庆值守", "国庆调解"}
    assert listed(login("county").get(LIST, {"compensation": "leave"})) == {"国庆应诉"}
    assert listed(login("county").get(LIST, {"year": "2024"})) == set()


def test_it_guards_the_lists(login, entries):
    for url in (LIST, EXPORT, LEAVE_LIST, LEAVE_EXPORT):
        assert login(None).get(url).status_code == 302
        for name in ("lawyer_a", "committee_a", "bar", "pool", "auditor"):
            assert login(name).get(url).status_code == 403


def test_it_keeps_the_list_and_export_query_counts_flat(login, users, people, entries, django_assert_num_queries):
    client = login("justice")
    # session, user, count, the units of the filter's dropdown, the page of entries with people, units, matters
    with django_assert_num_queries(5):
        client.get(LIST)
    # session, user, the entries with people, units and matters, the audit entry
    with django_assert_num_queries(4):
        client.get(EXPORT)
    for day in range(2, 9):
        log(users["lawyer_a"], people["jia"], date(2025, 10, day), "2")
    with django_assert_num_queries(5):
        response = client.get(LIST)
    assert len(response.context["table"].page.object_list) == 10
    with django_assert_num_queries(4):
        client.get(EXPORT)


# ---------------------------------------------------------------------------------------------------------
# An entry's page and its decision


def test_it_shows_an_entry_to_those_who_see_it_and_404_to_others(login, entries):
    jia = entries["jia"]
    for name in ("lawyer_a", "officer_a", "county", "justice"):
        assert login(name).get(detail(jia)).status_code == 200
    # 乙's entry is in 甲's unit, but a lawyer sees only their own.
    assert login("lawyer_a").get(detail(entries["yi"])).status_code == 404
    for name in ("officer_b", "lawyer_b"):
        assert login(name).get(detail(jia)).status_code == 404
    assert login(None).get(detail(jia)).status_code == 302
    assert login("bar").get(detail(jia)).status_code == 403


def test_it_offers_the_decision_to_the_unit_office_only(login, entries):
    assert "decision_form" in login("officer_a").get(detail(entries["jia"])).context
    for name in ("lawyer_a", "county", "justice"):
        assert "decision_form" not in login(name).get(detail(entries["jia"])).context


def test_it_records_the_decision(login, entries):
    response = login("officer_a").post(decide(entries["jia"]), {"decision": "leave", "reason": ""})
    assert response.status_code == 302 and response["Location"] == detail(entries["jia"])
    entry = OvertimeEntry.objects.get(pk=entries["jia"].pk)
    assert (entry.status, entry.compensation) == ("approved", "leave")
    assert "decision_form" not in login("officer_a").get(detail(entry)).context


def test_it_shows_why_a_subsidy_was_refused_and_changes_nothing(login, entries):
    response = login("officer_a").post(decide(entries["jia"]), {"decision": "subsidy", "reason": "  "})
    assert response.status_code == 400
    assert "leave is impossible" in response.content.decode()
    assert OvertimeEntry.objects.get(pk=entries["jia"].pk).status == "submitted"


def test_it_guards_the_decision(login, users, entries):
    assert login("officer_b").post(decide(entries["jia"]), {"decision": "leave"}).status_code == 404
    assert login("lawyer_a").post(decide(entries["jia"]), {"decision": "leave"}).status_code == 403
    assert login("county").post(decide(entries["jia"]), {"decision": "leave"}).status_code == 403
    assert login(None).post(decide(entries["jia"]), {"decision": "leave"}).status_code == 302
    services.overtime_decide(actor=users["officer_a"], entry=entries["jia"], decision="leave")
    assert login("officer_a").post(decide(entries["jia"]), {"decision": "refuse", "reason": "x"}).status_code == 403
    assert OvertimeEntry.objects.get(pk=entries["jia"].pk).compensation == "leave"


def test_it_pins_the_entry_page_query_count(login, entries, django_assert_num_queries):
    client = login("officer_a")
    # session, user, the entry with person, unit, matter and accounts
    with django_assert_num_queries(3):
        client.get(detail(entries["jia"]))


# ---------------------------------------------------------------------------------------------------------
# Leave taken


@pytest.fixture
def earned(users, entries):
    services.overtime_decide(actor=users["officer_a"], entry=entries["jia"], decision="leave")


def test_it_records_leave_taken(login, people, earned):
    response = login("officer_a").post(
        LEAVE_CREATE,
        {"person": people["jia"].pk, "first_day": "2025-10-13", "last_day": "2025-10-13", "hours": "8", "note": "补休"},
    )
    assert response.status_code == 302 and response["Location"] == f"{reverse('guarantees:balances')}?year=2025"
    assert LeaveTaken.objects.get().hours == Decimal("8")
    assert {row.record.note for row in login("officer_a").get(LEAVE_LIST).context["table"].page.object_list} == {"补休"}
    assert not list(login("officer_b").get(LEAVE_LIST).context["table"].page.object_list)


def test_it_refuses_leave_beyond_the_balance_on_the_form(login, people, earned):
    response = login("officer_a").post(
        LEAVE_CREATE,
        {"person": people["jia"].pk, "first_day": "2025-10-13", "last_day": "2025-10-14", "hours": "9", "note": "补休"},
    )
    assert response.status_code == 200 and "has 8 hours of compensatory leave available" in response.content.decode()
    assert not LeaveTaken.objects.exists()


def test_it_offers_only_the_units_lawyers_for_leave(login, people):
    form = login("officer_a").get(LEAVE_CREATE).context["form"]
    assert set(form.fields["person"].queryset) == {people["jia"], people["yi"]}


def test_it_guards_the_leave_form(login, users):
    assert login(None).get(LEAVE_CREATE).status_code == 302
    for name in ("lawyer_a", "county", "justice"):
        assert login(name).get(LEAVE_CREATE).status_code == 403


def test_it_keeps_the_leave_list_query_count_flat(login, users, people, earned, django_assert_num_queries):
    client = login("county")
    services.overtime_decide(
        actor=users["officer_a"], entry=log(users["lawyer_a"], people["jia"], ORDINARY_SUNDAY, "24"), decision="leave"
    )
    services.leave_record(
        actor=users["officer_a"], person=people["jia"], first_day=date(2025, 11, 3), last_day=date(2025, 11, 3), hours=4
    )
    # session, user, count, the units of the filter's dropdown, the page of leave with people and units
    with django_assert_num_queries(5):
        client.get(LEAVE_LIST)
    for day in (4, 5, 6, 7):
        services.leave_record(
            actor=users["officer_a"],
            person=people["jia"],
            first_day=date(2025, 11, day),
            last_day=date(2025, 11, day),
            hours=Decimal("4"),
        )
    with django_assert_num_queries(5):
        client.get(LEAVE_LIST)
    # session, user, the leave with people and units, the audit entry
    with django_assert_num_queries(4):
        client.get(LEAVE_EXPORT)


# ---------------------------------------------------------------------------------------------------------
# The kind of day (issue 16: a record did not say whether the day was a statutory holiday, or a rest day)


def chinese(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    return client


def test_an_entry_says_which_holiday_or_that_it_was_a_rest_day(login, users, people, entries):
    sunday = log(users["lawyer_a"], people["jia"], ORDINARY_SUNDAY, "3", description="周日整理证据")
    holiday = chinese(login("officer_a")).get(detail(entries["jia"]))
    assert 'data-day-kind="holiday"' in holiday.content.decode()
    assert "法定节假日（国庆节）" in holiday.content.decode()
    rest = chinese(login("lawyer_a")).get(detail(sunday)).content.decode()
    assert 'data-day-kind="rest_day"' in rest and "休息日（星期日）" in rest
    assert "Statutory holiday (National Day)" in login("officer_a").get(detail(entries["jia"])).content.decode()


def test_the_list_the_export_and_the_lawyers_page_say_the_kind_of_day(login, users, people, entries):
    listing = chinese(login("officer_a")).get(LIST).content.decode()
    assert "法定节假日（国庆节）" in listing
    rows = [row for row in exported_rows(chinese(login("officer_a")).get(EXPORT)) if "国庆应诉" in row]
    assert rows and "法定节假日（国庆节）" in rows[0]
    mine = chinese(login("lawyer_a")).get(reverse("guarantees:my_overtime"), {"year": 2025}).content.decode()
    assert "法定节假日（国庆节）" in mine


def exported_rows(response):
    from io import BytesIO

    from openpyxl import load_workbook

    sheet = load_workbook(BytesIO(b"".join(response.streaming_content))).active
    return [list(row) for row in sheet.iter_rows(values_only=True)]
