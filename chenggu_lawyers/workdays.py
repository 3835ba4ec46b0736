"""Statutory working days of mainland China (法定工作日), for deadlines such as "within 5 working days".

The calendar of holidays and adjusted working days (调休) comes from the chinesecalendar package, which its
maintainers update when the State Council publishes each year's arrangement. For a year the package does
not know yet, Monday to Friday is used, so a deadline is never left without an answer. `day_of` tells what
kind of day a date is (a statutory holiday and which, a rest day, an adjusted working day), for the overtime
records that must say so.
"""

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

import chinese_calendar
from django.utils.translation import gettext_lazy as _


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


# The holidays of the State Council's yearly arrangement, by the calendar package's names.
HOLIDAY_NAMES = {
    chinese_calendar.Holiday.new_years_day.value: _("New Year's Day"),
    chinese_calendar.Holiday.spring_festival.value: _("Spring Festival"),
    chinese_calendar.Holiday.tomb_sweeping_day.value: _("Tomb-sweeping Day"),
    chinese_calendar.Holiday.labour_day.value: _("Labour Day"),
    chinese_calendar.Holiday.dragon_boat_festival.value: _("Dragon Boat Festival"),
    chinese_calendar.Holiday.national_day.value: _("National Day"),
    chinese_calendar.Holiday.mid_autumn_festival.value: _("Mid-autumn Festival"),
    chinese_calendar.Holiday.anti_fascist_70th_day.value: _("70th anniversary of the victory over fascism"),
}
WEEKDAY_NAMES = (
    _("Monday"),
    _("Tuesday"),
    _("Wednesday"),
    _("Thursday"),
    _("Friday"),
    _("Saturday"),
    _("Sunday"),
)


class DayKind(StrEnum):
    WORKING_DAY = "working_day"
    ADJUSTED_WORKING_DAY = "adjusted_working_day"  # a weekend day worked in exchange for a holiday (调休上班)
    HOLIDAY = "holiday"  # a day off of a statutory holiday's arrangement, weekend days inside it included
    REST_DAY = "rest_day"  # an ordinary Saturday or Sunday


@dataclass(frozen=True)
class Day:
    """What kind of day `on` is, and the holiday it belongs to (National Day …), if any."""

    on: date
    kind: DayKind
    holiday: str = ""

    @property
    def label(self) -> str:
        """As a person reads it: 法定节假日（国庆节）, 休息日（星期六）, 调休工作日（春节）, 法定工作日."""
        name = str(HOLIDAY_NAMES.get(self.holiday, self.holiday))
        if self.kind == DayKind.HOLIDAY:
            return _("Statutory holiday (%(holiday)s)") % {"holiday": name}
        if self.kind == DayKind.REST_DAY:
            return _("Rest day (%(weekday)s)") % {"weekday": WEEKDAY_NAMES[self.on.weekday()]}
        if self.kind == DayKind.ADJUSTED_WORKING_DAY:
            return _("Adjusted working day (%(holiday)s)") % {"holiday": name}
        return _("Statutory working day")


def day_of(on: date) -> Day:
    """The day's kind under the State Council's arrangement. The arrangement names the holiday a day off
    belongs to, not which of its days are the holiday itself and which are weekends moved into it, so every
    day off of the arrangement is reported as the holiday's."""
    try:
        working = chinese_calendar.is_workday(on)
        _off, holiday = chinese_calendar.get_holiday_detail(on)
    except NotImplementedError:
        # A year the package does not know yet: Monday to Friday, no holidays (see is_working_day).
        return Day(on, DayKind.WORKING_DAY if on.weekday() < 5 else DayKind.REST_DAY)
    if working:
        adjusted = on.weekday() >= 5
        return Day(on, DayKind.ADJUSTED_WORKING_DAY if adjusted else DayKind.WORKING_DAY, holiday or "")
    if holiday:
        return Day(on, DayKind.HOLIDAY, holiday)
    return Day(on, DayKind.REST_DAY)
