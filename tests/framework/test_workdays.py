from datetime import date

from chenggu_lawyers.workdays import add_working_days, is_working_day, working_days_between


def test_it_knows_national_day_and_its_adjusted_sundays():
    assert not is_working_day(date(2025, 10, 1))
    assert is_working_day(date(2025, 9, 28))  # a Sunday worked in exchange (调休)


def test_it_counts_five_working_days_across_a_holiday():
    # Friday 2025-09-26 + 5 working days: 28 (Sun, adjusted), 29, 30 Sep, then the holiday to 8 Oct, 9, 10.
    assert add_working_days(date(2025, 9, 26), 5) == date(2025, 10, 10)
    assert working_days_between(date(2025, 9, 26), date(2025, 10, 10)) == 5


def test_it_falls_back_to_weekdays_for_unknown_years():
    assert is_working_day(date(2090, 1, 2)) is (date(2090, 1, 2).weekday() < 5)
