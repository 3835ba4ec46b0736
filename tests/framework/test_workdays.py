from datetime import date

import pytest
from django.utils import translation

from chenggu_lawyers.workdays import DayKind, add_working_days, day_of, is_working_day, working_days_between


def test_it_knows_national_day_and_its_adjusted_sundays():
    assert not is_working_day(date(2025, 10, 1))
    assert is_working_day(date(2025, 9, 28))  # a Sunday worked in exchange (调休)


def test_it_counts_five_working_days_across_a_holiday():
    # Friday 2025-09-26 + 5 working days: 28 (Sun, adjusted), 29, 30 Sep, then the holiday to 8 Oct, 9, 10.
    assert add_working_days(date(2025, 9, 26), 5) == date(2025, 10, 10)
    assert working_days_between(date(2025, 9, 26), date(2025, 10, 10)) == 5


def test_it_falls_back_to_weekdays_for_unknown_years():
    assert is_working_day(date(2090, 1, 2)) is (date(2090, 1, 2).weekday() < 5)


@pytest.mark.parametrize(
    ("day", "kind", "holiday"),
    [
        (date(2025, 10, 1), DayKind.HOLIDAY, "National Day"),
        (date(2025, 10, 4), DayKind.HOLIDAY, "National Day"),  # a Saturday inside the holiday
        (date(2025, 1, 29), DayKind.HOLIDAY, "Spring Festival"),
        (date(2025, 9, 28), DayKind.ADJUSTED_WORKING_DAY, "National Day"),  # a Sunday worked in exchange
        (date(2025, 10, 19), DayKind.REST_DAY, ""),
        (date(2025, 10, 9), DayKind.WORKING_DAY, ""),
        (date(2099, 6, 6), DayKind.REST_DAY, ""),  # a Saturday of a year the calendar does not know yet
        (date(2099, 6, 8), DayKind.WORKING_DAY, ""),
    ],
)
def test_it_tells_the_kind_of_day(day, kind, holiday):
    assert day_of(day).kind == kind and day_of(day).holiday == holiday


def test_it_names_the_holiday_and_the_weekday_in_chinese():
    with translation.override("zh-hans"):
        assert day_of(date(2025, 10, 1)).label == "法定节假日（国庆节）"
        assert day_of(date(2025, 10, 19)).label == "休息日（星期日）"
        assert day_of(date(2025, 9, 28)).label == "调休工作日（国庆节）"
        assert day_of(date(2025, 10, 9)).label == "法定工作日"
