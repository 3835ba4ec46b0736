"""Fixtures of the matters tests: public lawyers of unit A with accounts, an advisor of unit B, and matters
built through the services."""

from datetime import date

import pytest
from django.conf import settings
from django.utils import translation

from accounts.choices import Role
from tests.advisors.factories import make_engagement
from tests.conftest import make_user
from tests.lawyers.factories import make_lawyer
from tests.matters.factories import make_decision_item, make_matter


@pytest.fixture(autouse=True)
def english():
    """Messages are matched in English: their Chinese translations are added later, by someone else."""
    with translation.override("en"):
        yield


@pytest.fixture
def login(login):
    def _login(name):
        client = login(name)
        client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        return client

    return _login


@pytest.fixture
def lawyers(users):
    """Two public lawyers of unit A with their own accounts ("lawyer_a" and "lawyer_a2"), one without an
    account, and one of unit B ("lawyer_b")."""
    justice = users["justice"]
    first, _c = make_lawyer(users["officer_a"], justice, issued_on=date(2023, 3, 1), name="甲律师")
    second, _c = make_lawyer(users["officer_a"], justice, issued_on=date(2023, 3, 1), name="乙律师")
    paper, _c = make_lawyer(users["officer_a"], justice, issued_on=date(2023, 3, 1), name="丙律师")
    other, _c = make_lawyer(users["officer_b"], justice, issued_on=date(2023, 3, 1), name="丁律师")
    users["lawyer_a"].person = first
    users["lawyer_a"].save()
    users["lawyer_b"].person = other
    users["lawyer_b"].save()
    users["lawyer_a2"] = make_user("lawyer_a2", Role.PUBLIC_LAWYER, users["officer_a"].unit, person=second)
    return {"first": first, "second": second, "paper": paper, "other": other}


@pytest.fixture
def advisor(users):
    """Unit B's legal advisor, engaged for years around the tests' dates."""
    return make_engagement(users["officer_b"], name="王顾问", starts_on=date(2023, 1, 1), ends_on=date(2030, 12, 31))


@pytest.fixture
def matter(users):
    return make_matter(users["officer_a"], title="审查采购合同")


@pytest.fixture
def item_a(users):
    return make_decision_item(users["officer_a"], title="重大行政处罚决定")
