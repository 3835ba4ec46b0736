"""Check constraints decided in Python (chenggu_lawyers.constraints) give the database's own answers."""

import itertools

import pytest
from django.db.models import CheckConstraint, Q

from chenggu_lawyers.constraints import holds, validate_constraints
from lawyers.models import Certificate, Person

pytestmark = pytest.mark.django_db


def database_says(constraint, instance, model):
    against = instance._get_field_expression_map(meta=model._meta)
    return Q(constraint.condition).check(against)


def test_it_agrees_with_the_database_on_every_person_constraint():
    values = {
        "sex": ["M", "F", "X", ""],
        "last_annual_grade": ["competent", "incompetent", "", "bogus"],
        "legal_qualification_class": ["A", "", "Z"],
        "legal_qualification_number": ["", "A2017"],
    }
    for combination in itertools.product(*values.values()):
        person = Person(**dict(zip(values, combination, strict=True)))
        for constraint in Person._meta.constraints:
            if isinstance(constraint, CheckConstraint):
                assert holds(constraint, person) == database_says(constraint, person, Person), (
                    constraint.name,
                    combination,
                )


def test_it_compares_fields_with_each_other_and_with_null_as_sql_does():
    from datetime import date

    for issued, ended, status in itertools.product(
        [date(2023, 1, 1)], [None, date(2022, 1, 1), date(2023, 1, 1), date(2024, 1, 1)], ["active", "cancelled"]
    ):
        certificate = Certificate(issued_on=issued, ended_on=ended, status=status, cancellation_reason="")
        for constraint in Certificate._meta.constraints:
            if isinstance(constraint, CheckConstraint):
                assert holds(constraint, certificate) == database_says(constraint, certificate, Certificate)


def test_it_raises_the_constraints_message(english):
    person = Person(sex="M", last_annual_grade="", legal_qualification_class="A", legal_qualification_number="")
    with pytest.raises(Exception, match="certificate number"):
        validate_constraints(person)
