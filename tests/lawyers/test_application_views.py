"""The application pages: put forward, review, return, resubmit, certify; each side sees what waits for it."""

from datetime import date

import pytest
from django.urls import reverse

from lawyers import services
from lawyers.choices import ApplicationStatus
from lawyers.models import Application, Certificate
from tests.lawyers.factories import make_person, practice_number

pytestmark = pytest.mark.django_db

LIST = reverse("lawyers:application_list")


def apply_url(person):
    return reverse("lawyers:application_create", args=[person.pk])


def action(application, name):
    return reverse("lawyers:application_action", args=[application.pk, name])


@pytest.fixture
def person(users):
    return make_person(users["officer_a"], name="乙待申请")


def submit(login, person):
    response = login("officer_a").post(apply_url(person), {"consent_on": "2023-01-10", "declaration": "on"})
    assert response.status_code == 302, response.content.decode()
    return Application.objects.get(person=person)


def test_it_puts_an_eligible_person_forward(login, person):
    application = submit(login, person)
    assert application.status == ApplicationStatus.SUBMITTED
    assert application.steps.get().actor.username == "officer_a"


def test_it_requires_the_units_declaration(login, person):
    response = login("officer_a").post(apply_url(person), {"consent_on": "2023-01-10"})
    assert response.status_code == 200
    assert not Application.objects.exists()


def test_it_refuses_an_ineligible_person_with_the_reason(login, users):
    person = make_person(users["officer_a"], last_annual_grade="incompetent")
    response = login("officer_a").post(apply_url(person), {"consent_on": "2023-01-10", "declaration": "on"})
    assert response.status_code == 200
    assert "不称职" in response.content.decode()
    assert not Application.objects.exists()


def test_it_keeps_other_units_and_roles_out(login, person):
    assert login(None).get(apply_url(person)).status_code == 302
    assert login("officer_b").get(apply_url(person)).status_code == 404
    for name in ("justice", "county", "lawyer_a"):
        assert login(name).get(apply_url(person)).status_code == 403
    application = submit(login, person)
    detail = reverse("lawyers:application_detail", args=[application.pk])
    assert login("officer_b").get(detail).status_code == 404
    assert login("bar").get(detail).status_code == 403
    assert login("justice").get(detail).status_code == 200


def test_it_shows_each_side_what_waits_for_it(login, person):
    application = submit(login, person)
    assert login("justice").get(LIST).context["waiting_count"] == 1
    assert login("officer_a").get(LIST).context["waiting_count"] == 0
    login("justice").post(action(application, "review"), {"decision": "return", "comment": "请补充材料"})
    assert login("justice").get(LIST).context["waiting_count"] == 0
    assert login("officer_a").get(LIST).context["waiting_count"] == 1
    assert login("officer_b").get(LIST).context["waiting_count"] == 0


def test_it_runs_the_whole_workflow_through_the_pages(login, person):
    application = submit(login, person)
    justice = login("justice")
    response = justice.post(action(application, "review"), {"decision": "return", "comment": ""})
    assert response.status_code == 400  # a return needs a comment; nothing changed
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED
    justice.post(action(application, "review"), {"decision": "return", "comment": "请补充材料"})
    assert login("officer_a").post(action(application, "resubmit"), {"resubmit-comment": "已补充"}).status_code == 302
    justice.post(action(application, "review"), {"decision": "approve", "comment": ""})
    response = justice.post(
        action(application, "certify"),
        {"number": "26107202360012345", "issued_on": "2023-03-01", "issuer": "陕西省司法厅"},
    )
    assert response.status_code == 400  # not the shape of a practice number (a digit that disagrees only warns)
    assert "26107202360012345" in response.content.decode()
    response = justice.post(
        action(application, "certify"),
        {"number": practice_number("M", 2023), "issued_on": "2023-03-01", "issuer": "陕西省司法厅"},
    )
    assert response.status_code == 302
    assert Certificate.objects.get(person=person).issued_on == date(2023, 3, 1)
    application.refresh_from_db()
    assert application.status == ApplicationStatus.CERTIFIED
    assert list(application.steps.values_list("action", flat=True)) == [
        "submit",
        "return",
        "resubmit",
        "approve",
        "certify",
    ]


def test_it_refuses_steps_the_role_may_not_take(login, person):
    application = submit(login, person)
    assert login("officer_a").post(action(application, "review"), {"decision": "approve"}).status_code == 403
    assert login("county").post(action(application, "review"), {"decision": "approve"}).status_code == 403
    assert login("officer_b").post(action(application, "withdraw"), {}).status_code == 404
    assert login("officer_a").post(action(application, "explode"), {}).status_code == 404
    application.refresh_from_db()
    assert application.status == ApplicationStatus.SUBMITTED


def test_it_keeps_the_list_query_count_flat(login, users, django_assert_num_queries):
    officer = users["officer_a"]
    for number in range(3):
        submit_person = make_person(officer, name=f"申请人{number}")
        login("officer_a").post(apply_url(submit_person), {"consent_on": "2023-01-10", "declaration": "on"})
    client = login("justice")
    # session, user, count, the page with people and units, the waiting count
    with django_assert_num_queries(5):
        client.get(LIST)
    for number in range(3, 10):
        submit_person = make_person(officer, name=f"申请人{number}")
        login("officer_a").post(apply_url(submit_person), {"consent_on": "2023-01-10", "declaration": "on"})
    with django_assert_num_queries(5):
        client.get(LIST)


def test_a_step_taken_twice_says_already_handled_not_forbidden(login, users):
    """Going back and sending the review form again: the application has moved on, and the page says so with
    its current state instead of blaming the role (403)."""
    person = make_person(users["officer_a"], name="重复审核")
    application = services.application_submit(actor=users["officer_a"], person=person, consent_on=date(2025, 1, 2))
    url = reverse("lawyers:application_action", args=[application.pk, "review"])
    client = login("justice")
    assert client.post(url, {"decision": "approve", "comment": ""}).status_code == 302
    again = client.post(url, {"decision": "approve", "comment": ""}, follow=True)
    assert again.status_code == 200
    assert "已处理" in [str(m) for m in again.context["messages"]][-1]
    assert Application.objects.get(pk=application.pk).status == "approved"
    # Another role still may not take the step at all.
    assert login("officer_a").post(url, {"decision": "approve"}).status_code == 403
