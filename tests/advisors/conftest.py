"""Fixtures of the advisors tests: units of the tax system, their officers, a roster lawyer and the pool."""

from datetime import date

import pytest

from accounts.choices import Role
from tests.advisors.factories import make_member
from tests.conftest import make_unit, make_user
from tests.lawyers.factories import make_lawyer
from units.choices import ManagementMode, UnitKind


@pytest.fixture(autouse=True)
def _english_messages(english):
    """These tests match messages in English (see tests/conftest.py `english`)."""


@pytest.fixture
def tax_branch(superior):
    """A second unit of the tax system, whose public lawyer the superior can put in its pool."""
    return make_unit(
        "国家税务总局城固县税务局第一税务分局",
        kind=UnitKind.STATIONED_UNIT,
        management_mode=ManagementMode.VERTICAL,
        superior=superior,
    )


@pytest.fixture
def tax_officer(users, tax_unit):
    users["officer_tax"] = make_user("officer_tax", Role.UNIT_OFFICER, tax_unit)
    return users["officer_tax"]


@pytest.fixture
def roster_lawyer(users, tax_branch):
    """A public lawyer of the tax branch, with a public-lawyer account linked to the person."""
    users["officer_branch"] = make_user("officer_branch", Role.UNIT_OFFICER, tax_branch)
    person, _certificate = make_lawyer(
        users["officer_branch"], users["justice"], issued_on=date(2023, 3, 1), name="税律师"
    )
    users["lawyer_tax"] = make_user("lawyer_tax", Role.PUBLIC_LAWYER, tax_branch, person=person)
    return person


@pytest.fixture
def member(users):
    """A pool lawyer serving at the superior itself (across levels, not on the county roster)."""
    return make_member(users["pool"])
