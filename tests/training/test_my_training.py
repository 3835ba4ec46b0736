"""A public lawyer's own training page: hours of the year against the plan, and the events attended."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from training.services import attendance_set

from .conftest import make_event, make_plan

pytestmark = pytest.mark.django_db

MINE = reverse("training:my_training")


@pytest.fixture
def lawyer_a(users, people, unit_a):
    """lawyer_a's account is 甲's: 16 h + 8 h in 2025 (one of them unit A's own event), 10 h in 2024."""
    justice = users["justice"]
    account = users["lawyer_a"]
    account.person = people["x"]
    account.save()
    make_plan(2025, "40")
    spring = make_event("春季实务", held_on=date(2025, 4, 1), hours="16", kind="practical_skills")
    moot = make_event("模拟法庭", unit=unit_a, held_on=date(2025, 6, 1), hours="8", kind="moot_court")
    earlier = make_event("2024年培训", held_on=date(2024, 11, 1), hours="10")
    others = make_event("他人参加", held_on=date(2025, 7, 1), hours="6")
    attendance_set(actor=justice, event=spring, people=[people["x"], people["y"]])
    attendance_set(actor=users["officer_a"], event=moot, people=[people["x"]])
    attendance_set(actor=justice, event=earlier, people=[people["x"]])
    attendance_set(actor=justice, event=others, people=[people["y"]])
    return account


def test_it_shows_the_lawyers_hours_against_the_plan(login, lawyer_a):
    response = login("lawyer_a").get(MINE, {"year": "2025"})
    assert response.status_code == 200
    hours = response.context["hours"]
    assert (hours.attended, hours.required, hours.shortfall) == (Decimal("24"), Decimal("40"), Decimal("16"))
    assert [a.event.title for a in response.context["attendances"]] == ["春季实务", "模拟法庭"]
    assert "他人参加" not in response.content.decode()


def test_it_shows_a_year_without_a_plan(login, lawyer_a):
    response = login("lawyer_a").get(MINE, {"year": "2024"})
    assert response.context["plan"] is None
    assert response.context["hours"].attended == Decimal("10") and response.context["hours"].shortfall is None
    assert [a.event.title for a in response.context["attendances"]] == ["2024年培训"]


def test_it_tells_an_account_without_a_person_record(login, users):
    response = login("lawyer_b").get(MINE)
    assert response.status_code == 200 and "hours" not in response.context


def test_it_is_the_public_lawyers_page_only(login, users):
    assert login(None).get(MINE).status_code == 302
    for name in ("officer_a", "county", "justice", "bar", "committee_a"):
        assert login(name).get(MINE).status_code == 403


def test_it_pins_the_query_count(login, lawyer_a, django_assert_num_queries):
    client = login("lawyer_a")
    # session, user, the plan, the lawyer's hours, the attendances with their events and units, the external
    # training the lawyer recorded
    with django_assert_num_queries(6):
        client.get(MINE, {"year": "2025"})
