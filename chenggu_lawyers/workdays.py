"""Statutory working days of mainland China (法定工作日), for deadlines such as "within 5 working days".

The calendar of holidays and adjusted working days (调休) comes from the chinesecalendar package, which its
maintainers update when the State Council publishes each year's arrangement. For a year the package does
not know yet, Monday to Friday is used, so a deadline is never left without an answer.
"""

from datetime import date, timedelta

import chinese_calendar


def is_working_day(day: date) -> bool:
    try:
        return chinese_calendar.is_workday(day)
    except NotImplementedError:
        return day.weekday() < 5


def add_working_days(start: date, count: int) -> date:
    """The day `count` working days after `start` (start itself not counted)."""
    day = start
    remaining = count
    while remaining > 0:
        day += timedelta(days=1)
        if is_working_day(day):
            remaining -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after `start` up to and including `end` (0 when end <= start)."""
    count = 0
    day = start
    while day < end:
        day += timedelta(days=1)
        if is_working_day(day):
            count += 1
    return count
