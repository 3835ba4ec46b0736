"""Logging overtime against China's calendar, deciding its compensation, and recording leave taken."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import translation

from guarantees import services
from guarantees.models import LeaveTaken, OvertimeEntry
from notices.models import Notice

from .conftest import ADJUSTED_SATURDAY, ADJUSTED_SUNDAY, NATIONAL_DAY, ORDINARY_SUNDAY, ORDINARY_WEEKDAY, log

pytestmark = pytest.mark.django_db


def refusal(call) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        call()
    return " ".join(refused.value.messages)


# ---------------------------------------------------------------------------------------------------------
# The calendar


def test_it_counts_national_day_and_an_ordinary_sunday(users, people):
    for day in (NATIONAL_DAY, ORDINARY_SUNDAY):
        entry = log(users["lawyer_a"], people["jia"], day, "8")
        assert entry.status == "submitted" and entry.recorded_by == users["lawyer_a"]
    assert OvertimeEntry.objects.filter(person=people["jia"]).count() == 2


@pytest.mark.parametrize("day", [ADJUSTED_SUNDAY, ADJUSTED_SATURDAY, ORDINARY_WEEKDAY])
def test_it_refuses_a_statutory_working_day_adjusted_weekends_included(users, people, day):
    message = refusal(lambda: log(users["lawyer_a"], people["jia"], day, "8"))
    assert "is a statutory working day" in message and f"{day:%Y-%m-%d}" in message
    assert not OvertimeEntry.objects.exists()


def test_it_refuses_a_day_in_the_future(users, people):
    assert "cannot be in the future" in refusal(lambda: log(users["lawyer_a"], people["jia"], date(2026, 1, 1), "4"))
    assert not OvertimeEntry.objects.exists()


def test_it_refuses_more_than_24_hours_on_one_day_but_not_counting_refused_entries(users, people):
    first = log(users["lawyer_a"], people["jia"], NATIONAL_DAY, "20")
    assert "20 hours are already recorded" in refusal(lambda: log(users["lawyer_a"], people["jia"], NATIONAL_DAY, "5"))
    services.overtime_decide(actor=users["officer_a"], entry=first, decision="refuse", reason="重复申报")
    assert log(users["lawyer_a"], people["jia"], NATIONAL_DAY, "5").hours == Decimal("5")


def test_it_refuses_zero_hours(users, people):
    assert refusal(lambda: log(users["lawyer_a"], people["jia"], NATIONAL_DAY, "0"))
    assert not OvertimeEntry.objects.exists()


# ---------------------------------------------------------------------------------------------------------
# Who logs


def test_it_lets_a_lawyer_log_only_their_own_overtime(users, people):
    with pytest.raises(PermissionDenied):
        log(users["lawyer_a"], people["yi"], NATIONAL_DAY, "8")
    with pytest.raises(PermissionDenied):
        log(users["lawyer_b"], people["jia"], NATIONAL_DAY, "8")
    assert not OvertimeEntry.objects.exists()


def test_it_lets_the_unit_office_log_for_its_own_people_only(users, people):
    assert log(users["officer_a"], people["yi"], NATIONAL_DAY, "8").recorded_by == users["officer_a"]
    for name in ("officer_b", "county", "justice", "committee_a"):
        with pytest.raises(PermissionDenied):
            log(users[name], people["yi"], NATIONAL_DAY, "8")
    assert OvertimeEntry.objects.count() == 1


def test_it_links_a_matter_the_logger_sees_and_refuses_another_units(users, people, matters):
    assert (
        log(users["lawyer_a"], people["jia"], NATIONAL_DAY, "8", matter=matters["case_a"]).matter == matters["case_a"]
    )
    message = refusal(lambda: log(users["lawyer_a"], people["jia"], ORDINARY_SUNDAY, "8", matter=matters["case_b"]))
    assert "cannot record work on this matter" in message
    assert OvertimeEntry.objects.count() == 1


def test_it_tells_the_unit_office_when_a_lawyer_logs_overtime(users, people):
    entry = log(users["lawyer_a"], people["jia"], NATIONAL_DAY, "8")
    notice = Notice.objects.get(kind="overtime_submitted")
    assert notice.recipient == users["officer_a"] and notice.url == entry.get_absolute_url()


# ---------------------------------------------------------------------------------------------------------
# Deciding


@pytest.fixture
def entry(users, people):
    return log(users["lawyer_a"], people["jia"], NATIONAL_DAY, "8")


def reloaded(entry):
    return OvertimeEntry.objects.get(pk=entry.pk)


def test_it_approves_overtime_as_compensatory_leave(users, entry):
    services.overtime_decide(actor=users["officer_a"], entry=entry, decision="leave")
    entry = reloaded(entry)
    assert (entry.status, entry.compensation, entry.decided_by) == ("approved", "leave", users["officer_a"])
    assert entry.decided_at is not None
    notice = Notice.objects.get(kind="overtime_decided")
    assert notice.recipient == users["lawyer_a"]


def test_it_grants_a_subsidy_only_with_the_reason_leave_is_impossible(users, entry):
    message = refusal(lambda: services.overtime_decide(actor=users["officer_a"], entry=entry, decision="subsidy"))
    assert "leave is impossible" in message
    assert reloaded(entry).status == "submitted"
    services.overtime_decide(
        actor=users["officer_a"], entry=entry, decision="subsidy", reason="全年办案任务重，无法补休"
    )
    entry = reloaded(entry)
    assert (entry.status, entry.compensation, entry.decision_reason) == (
        "approved",
        "subsidy",
        "全年办案任务重，无法补休",
    )


def test_it_refuses_overtime_only_with_a_reason(users, entry):
    message = refusal(lambda: services.overtime_decide(actor=users["officer_a"], entry=entry, decision="refuse"))
    assert "reason for the refusal" in message
    services.overtime_decide(actor=users["officer_a"], entry=entry, decision="refuse", reason="未经批准加班")
    entry = reloaded(entry)
    assert (entry.status, entry.compensation) == ("refused", "")


def test_it_decides_an_entry_once(users, entry):
    services.overtime_decide(actor=users["officer_a"], entry=entry, decision="leave")
    message = refusal(
        lambda: services.overtime_decide(actor=users["officer_a"], entry=entry, decision="refuse", reason="x")
    )
    assert "already been decided" in message
    assert reloaded(entry).compensation == "leave"


@pytest.mark.parametrize("name", ["officer_b", "lawyer_a", "county", "justice", "committee_a"])
def test_it_lets_only_the_persons_unit_office_decide(users, entry, name):
    with pytest.raises(PermissionDenied):
        services.overtime_decide(actor=users[name], entry=entry, decision="leave")
    assert reloaded(entry).status == "submitted"


# ---------------------------------------------------------------------------------------------------------
# Leave taken


@pytest.fixture
def earned(users, people):
    """甲 earned 8 h of leave on National Day and 3 h on 19 October (approved), 4 h awaiting a decision."""
    officer, lawyer = users["officer_a"], users["lawyer_a"]
    services.overtime_decide(actor=officer, entry=log(lawyer, people["jia"], NATIONAL_DAY, "8"), decision="leave")
    services.overtime_decide(actor=officer, entry=log(lawyer, people["jia"], ORDINARY_SUNDAY, "3"), decision="leave")
    log(lawyer, people["jia"], date(2025, 10, 26), "4")


def record_leave(actor, person, first, last, hours):
    return services.leave_record(actor=actor, person=person, first_day=first, last_day=last, hours=Decimal(hours))


def test_it_records_leave_within_the_balance(users, people, earned):
    leave = record_leave(users["officer_a"], people["jia"], date(2025, 11, 3), date(2025, 11, 3), "8")
    assert leave.recorded_by == users["officer_a"]
    record_leave(users["officer_a"], people["jia"], date(2025, 11, 4), date(2025, 11, 4), "3")
    message = refusal(
        lambda: record_leave(users["officer_a"], people["jia"], date(2025, 11, 5), date(2025, 11, 5), "1")
    )
    assert "has 0 hours of compensatory leave available" in message
    assert LeaveTaken.objects.count() == 2


def test_it_counts_only_overtime_worked_before_the_leave(users, people, earned):
    # On 10 October only National Day's 8 h were earned (10, 11 and 13 October are working days).
    message = refusal(
        lambda: record_leave(users["officer_a"], people["jia"], date(2025, 10, 10), date(2025, 10, 13), "9")
    )
    assert "has 8 hours" in message


def test_it_refuses_leave_on_days_that_are_all_rest_days(users, people, earned):
    message = refusal(
        lambda: record_leave(users["officer_a"], people["jia"], date(2025, 11, 1), date(2025, 11, 2), "4")
    )
    assert "all rest days or holidays" in message
    assert not LeaveTaken.objects.exists()


def test_it_refuses_more_hours_than_the_working_days_hold(users, people, earned):
    # Friday 31 October to Monday 3 November: two working days, sixteen hours at most.
    message = refusal(
        lambda: record_leave(users["officer_a"], people["jia"], date(2025, 10, 31), date(2025, 11, 3), "17")
    )
    assert "2 working days hold at most 16" in message
    assert not LeaveTaken.objects.exists()


def test_it_refuses_a_last_day_before_the_first(users, people, earned):
    assert refusal(lambda: record_leave(users["officer_a"], people["jia"], date(2025, 11, 4), date(2025, 11, 3), "4"))
    assert not LeaveTaken.objects.exists()


@pytest.mark.parametrize("name", ["officer_b", "lawyer_a", "county", "justice"])
def test_it_lets_only_the_unit_office_record_leave(users, people, earned, name):
    with pytest.raises(PermissionDenied):
        record_leave(users[name], people["jia"], date(2025, 11, 3), date(2025, 11, 3), "4")
    assert not LeaveTaken.objects.exists()
