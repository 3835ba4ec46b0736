"""The unit model's rules: credit-code checks, constraints in the database, activity on a date."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from tests.conftest import make_unit
from units.choices import ManagementMode, UnitKind
from units.models import Unit
from units.validators import credit_code_check_char, credit_code_checksum_ok, validate_credit_code_format


def test_it_computes_the_gb32100_check_character():
    # A published code of a Chinese organ (check character 5); a wrong last character fails.
    assert credit_code_checksum_ok("91350100M000100Y43")
    assert credit_code_check_char("91350100M000100Y4") == "3"
    assert not credit_code_checksum_ok("91350100M000100Y44")


def test_it_rejects_codes_of_the_wrong_shape():
    for bad in ("1161072200000000", "11610722I00000000X", "11610722000000000Z"):
        with pytest.raises(ValidationError):
            validate_credit_code_format(bad)


@pytest.mark.django_db
def test_it_enforces_the_system_superior_in_the_database():
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(name="某垂管局", kind=UnitKind.STATIONED_UNIT, management_mode=ManagementMode.VERTICAL)


@pytest.mark.django_db
def test_it_enforces_abolition_after_establishment():
    with pytest.raises(IntegrityError), transaction.atomic():
        make_unit("某局", established_on=date(2020, 1, 1), abolished_on=date(2019, 1, 1))


@pytest.mark.django_db
def test_it_allows_a_new_unit_with_an_abolished_units_name():
    make_unit("城固县某局", established_on=date(2010, 1, 1), abolished_on=date(2019, 3, 1))
    make_unit("城固县某局", established_on=date(2019, 3, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        make_unit("城固县某局")


@pytest.mark.django_db
def test_it_knows_which_units_are_active_on_a_date():
    old = make_unit("旧局", established_on=date(2010, 1, 1), abolished_on=date(2019, 3, 1))
    new = make_unit("新局", established_on=date(2019, 3, 1))
    always = make_unit("老单位")
    assert set(Unit.objects.active_on(date(2019, 2, 28))) == {old, always}
    assert set(Unit.objects.active_on(date(2019, 3, 1))) == {new, always}
