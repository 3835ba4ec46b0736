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


def test_it_refuses_only_a_practice_number_of_the_wrong_shape():
    assert check_practice_number("2610720196001234", sex="M", issued_on=None).errors  # 16 digits
    assert check_practice_number("2610720196001234X", sex="M", issued_on=None).errors
    assert check_practice_number("26107201960012345", sex="M", issued_on=None).errors  # does not begin with 1


def test_it_accepts_a_good_number_without_a_warning():
    check = check_practice_number("16107201960012345", sex="M", issued_on=date(2023, 3, 1))
    assert check.errors == [] and check.warnings == []


@pytest.mark.parametrize(
    "number,sex,issued_on,digits",
    [
        ("16107201910012345", "M", date(2023, 3, 1), "10"),  # category is not 6
        ("16107201960012345", "F", date(2023, 3, 1), "11"),  # sex digit says male
        ("16107202460012345", "M", date(2023, 3, 1), "6"),  # first licensed after the issue date
        ("15207201960012345", "M", date(2023, 3, 1), "2"),  # not Shaanxi
        ("16107201510012345", "M", date(2015, 5, 1), "10"),  # older numbering
    ],
)
def test_it_only_warns_about_a_digit_that_disagrees(number, sex, issued_on, digits, english):
    # DOMAIN.md: the number is the one on the certificate; a digit check warns, never blocks.
    check = check_practice_number(number, sex=sex, issued_on=issued_on)
    assert check.errors == []
    assert any(f"Digit {digits}" in warning or f"Digits {digits}" in warning for warning in check.warnings)
