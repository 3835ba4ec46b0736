"""Overdue flags and the daily reminders (send_matter_reminders), with frozen time: before the due date,
on it, after it, and a second run the same day that sends nothing."""

from datetime import date, datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from matters import services
from matters.choices import Adoption, ReminderKind
from matters.models import Matter, Reminder
from notices.models import Notice
from tests.matters.factories import answered, assign, make_matter

pytestmark = pytest.mark.django_db

SHANGHAI = ZoneInfo("Asia/Shanghai")


def on(day: date, hour=8):
    return time_machine.travel(datetime(day.year, day.month, day.day, hour, tzinfo=SHANGHAI), tick=False)


def run(day: date) -> int:
    """Run the command on `day`; returns the number of reminders it reports."""
    out = StringIO()
    with on(day):
        call_command("send_matter_reminders", stdout=out)
    return int(out.getvalue().split(":")[1].strip(" .\n"))


def titles(user):
    return sorted(Notice.objects.filter(recipient=user, kind="matter_reminder").values_list("title", flat=True))


@pytest.fixture
def due_friday(users, lawyers):
    """A matter due Friday 2025-06-13 (no holiday near it), assigned to 甲律师 on 2025-06-02."""
    with on(date(2025, 6, 2)):
        matter = make_matter(users["officer_a"], title="审查合同", due_on=date(2025, 6, 13))
        (assignment,) = assign(users["officer_a"], matter, lawyers["first"])
    return matter, assignment


def test_it_flags_a_matter_overdue_only_after_its_due_date(due_friday):
    matter, _assignment = due_friday
    assert not Matter.objects.overdue(date(2025, 6, 12)).exists()
    assert not Matter.objects.overdue(date(2025, 6, 13)).exists()
    assert list(Matter.objects.overdue(date(2025, 6, 14))) == [matter]
    assert Matter.objects.with_overdue(date(2025, 6, 14)).get().is_overdue is True


def test_it_flags_an_assignment_not_answered_by_its_own_earlier_due_date(users, lawyers):
    with on(date(2025, 6, 2)):
        matter = make_matter(users["officer_a"], due_on=date(2025, 6, 30))
        assign(users["officer_a"], matter, lawyers["first"], due_on=date(2025, 6, 13))
    assert not Matter.objects.overdue(date(2025, 6, 13)).exists()
    assert list(Matter.objects.overdue(date(2025, 6, 16))) == [matter]


def test_a_closed_matter_is_never_overdue(users, lawyers):
    with on(date(2025, 6, 2)):
        matter = make_matter(users["officer_a"], due_on=date(2025, 6, 13))
        answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"])
        services.matter_close(actor=users["officer_a"], matter=matter, adoption=Adoption.FULLY)
    assert not Matter.objects.overdue(date(2025, 7, 1)).exists()
    assert run(date(2025, 6, 10)) == 0 and run(date(2025, 7, 1)) == 0


def test_it_reminds_three_working_days_before_then_the_day_after_and_never_twice(users, due_friday):
    lawyer, office = users["lawyer_a"], users["officer_a"]
    assert run(date(2025, 6, 9)) == 0  # Monday: the due date is four working days away
    assert run(date(2025, 6, 10)) == 1  # Tuesday: three working days away
    assert titles(lawyer) == ["Due on 2025-06-13: 审查合同"]
    assert titles(office) == []
    assert run(date(2025, 6, 10)) == 0  # the second run the same day sends nothing
    assert run(date(2025, 6, 11)) == 0
    assert run(date(2025, 6, 13)) == 0  # on the due date: not yet overdue, already reminded
    assert run(date(2025, 6, 14)) == 2  # the day after: the assignment and the matter itself
    assert titles(lawyer) == ["Due on 2025-06-13: 审查合同", "Overdue since 2025-06-13: 审查合同"]
    assert titles(office) == ["Overdue since 2025-06-13: 审查合同", "Overdue since 2025-06-13: 审查合同"]
    assert run(date(2025, 6, 14)) == 0
    assert run(date(2025, 6, 20)) == 0
    assert set(Reminder.objects.values_list("kind", "sent_on")) == {
        (ReminderKind.DUE_SOON, date(2025, 6, 10)),
        (ReminderKind.OVERDUE, date(2025, 6, 14)),
    }


def test_it_counts_working_days_with_the_holiday_calendar(users, lawyers):
    """National Day 2025: 1-8 October off, Sunday 28 September a working day. Three working days before
    Friday 10 October is Monday 29 September, not Tuesday 7 October."""
    with on(date(2025, 9, 26)):
        matter = make_matter(users["officer_a"], title="节后到期", due_on=date(2025, 10, 10))
        assign(users["officer_a"], matter, lawyers["first"])
    assert run(date(2025, 9, 28)) == 0
    assert run(date(2025, 9, 29)) == 1
    assert titles(users["lawyer_a"]) == ["Due on 2025-10-10: 节后到期"]


def test_a_run_that_missed_the_day_catches_up(users, due_friday):
    assert run(date(2025, 6, 12)) == 1
    assert titles(users["lawyer_a"]) == ["Due on 2025-06-13: 审查合同"]


def test_an_answered_assignment_gets_no_reminder(users, due_friday):
    _matter, assignment = due_friday
    with on(date(2025, 6, 3)):
        services.assignment_accept(actor=users["lawyer_a"], assignment=assignment)
        services.opinion_submit(actor=users["lawyer_a"], assignment=assignment, text="意见")
    assert run(date(2025, 6, 10)) == 0
    # The matter is past due and still open (not closed by the office): the office alone hears of it.
    assert run(date(2025, 6, 14)) == 1
    assert titles(users["lawyer_a"]) == []
    assert titles(users["officer_a"]) == ["Overdue since 2025-06-13: 审查合同"]


def test_an_advisor_is_reminded_through_the_unit_office(users, advisor):
    with on(date(2025, 6, 2)):
        matter = make_matter(users["officer_b"], title="顾问审查", due_on=date(2025, 6, 13))
        assign(users["officer_b"], matter, engagements=[advisor])
    assert run(date(2025, 6, 10)) == 1
    assert titles(users["officer_b"]) == ["Due on 2025-06-13: 顾问审查"]


def test_a_new_due_date_earns_new_reminders(users, due_friday):
    matter, assignment = due_friday
    assert run(date(2025, 6, 10)) == 1
    assignment.due_on = matter.due_on = date(2025, 6, 20)
    assignment.save()
    matter.save()
    assert run(date(2025, 6, 17)) == 1
    assert Reminder.objects.filter(kind=ReminderKind.DUE_SOON).count() == 2
