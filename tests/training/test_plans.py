"""Yearly training plans: the justice bureau keeps them, the organising roles read them."""

import pytest
from django.urls import reverse
from django.utils.translation import gettext

from training.models import TrainingPlan

from .conftest import make_plan

pytestmark = pytest.mark.django_db

LIST = reverse("training:plan_list")
CREATE = reverse("training:plan_create")


def edit(plan):
    return reverse("training:plan_update", args=[plan.pk])


def years(response):
    return [row.record.year for row in response.context["table"].page.object_list]


def test_it_sends_anonymous_users_to_login(login, users):
    plan = make_plan(2025)
    for url in (LIST, CREATE, edit(plan)):
        assert login(None).get(url).status_code == 302


@pytest.mark.parametrize("name", ["lawyer_a", "committee_a", "pool", "auditor", "sysadmin"])
def test_it_forbids_roles_without_access(login, users, name):
    plan = make_plan(2025)
    for url in (LIST, CREATE, edit(plan)):
        assert login(name).get(url).status_code == 403


@pytest.mark.parametrize("name", ["county", "bar", "officer_a"])
def test_it_lets_readers_read_but_not_write(login, users, name):
    plan = make_plan(2025)
    client = login(name)
    response = client.get(LIST)
    assert response.status_code == 200 and years(response) == [2025]
    assert response.context["create_url"] is None
    assert client.get(CREATE).status_code == 403
    assert client.post(CREATE, {"year": 2026, "required_hours": "40"}).status_code == 403
    assert client.post(edit(plan), {"year": 2025, "required_hours": "10"}).status_code == 403
    plan.refresh_from_db()
    assert plan.required_hours == 40 and not TrainingPlan.objects.filter(year=2026).exists()


def test_it_lets_the_justice_bureau_create_and_edit_a_plan(login, users):
    client = login("justice")
    assert client.get(LIST).context["create_url"] == CREATE
    response = client.post(CREATE, {"year": 2025, "required_hours": "40", "note": "不少于40学时"})
    assert response.status_code == 302 and response.url == LIST
    plan = TrainingPlan.objects.get(year=2025)
    assert plan.required_hours == 40 and plan.note == "不少于40学时"
    response = client.post(edit(plan), {"year": 2025, "required_hours": "36.5", "note": ""})
    assert response.status_code == 302
    plan.refresh_from_db()
    assert str(plan.required_hours) == "36.5"


def test_it_refuses_a_second_plan_for_the_same_year(login, users):
    make_plan(2025)
    response = login("justice").post(CREATE, {"year": 2025, "required_hours": "30"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [gettext("There is already a training plan for this year.")]
    assert response.context["form"]["year"].value() == "2025"
    assert TrainingPlan.objects.count() == 1


@pytest.mark.parametrize("hours", ["0", "-4"])
def test_it_refuses_a_plan_without_hours(login, users, hours):
    response = login("justice").post(CREATE, {"year": 2025, "required_hours": hours})
    assert response.status_code == 200 and response.context["form"].errors["required_hours"]
    assert not TrainingPlan.objects.exists()


def test_it_keeps_the_plan_list_query_count_flat(login, users, django_assert_num_queries):
    client = login("bar")
    make_plan(2024)
    # session, user, count, the page of plans
    with django_assert_num_queries(4):
        client.get(LIST)
    for year in range(2010, 2024):
        make_plan(year)
    with django_assert_num_queries(4):
        client.get(LIST)
