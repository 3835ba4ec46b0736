from datetime import date

import pytest
from django.core.exceptions import ValidationError

from lawyers.validators import check_practice_number, mask_id_number, parse_id_number
from tests.lawyers.factories import id_number


def test_it_reads_birth_date_and_sex_from_an_id_number():
    facts = parse_id_number(id_number(date(1990, 2, 28), "F"))
    assert facts.birth_date == date(1990, 2, 28) and facts.sex == "F"


def test_it_accepts_a_published_sample_with_an_x_check_character():
    # GB 11643-1999's own example number.
    assert parse_id_number("11010519491231002X").sex == "F"


@pytest.mark.parametrize(
    "bad,message",
    [
        ("61072219850601001", "18"),
        ("610722198506010010", "校验"),
        ("610722198502300016", "出生日期"),
    ],
)
def test_it_rejects_bad_id_numbers_with_a_clear_message(bad, message):
    if message == "出生日期":
        from lawyers.validators import id_check_char

        bad = bad[:17] + id_check_char(bad[:17])
    with pytest.raises(ValidationError) as error:
        parse_id_number(bad)
    assert message in str(error.value)


def test_it_masks_the_id_number():
    assert mask_id_number("61072219850601123X") == "6107**********123X"


def test_it_checks_the_category_and_sex_digits_of_a_practice_number():
    good = "16107201960012345"
    assert check_practice_number(good, sex="M", issued_on=date(2023, 3, 1)).errors == []
    assert "6" in check_practice_number("16107201910012345", sex="M", issued_on=date(2023, 3, 1)).errors[0]
    assert check_practice_number(good, sex="F", issued_on=date(2023, 3, 1)).errors
    assert check_practice_number("2610720196001234", sex="M", issued_on=None).errors


def test_it_only_warns_about_older_numbering():
    check = check_practice_number("16107201510012345", sex="M", issued_on=date(2015, 5, 1))
    assert check.errors == [] and check.warnings
