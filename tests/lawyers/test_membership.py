"""Bar-association membership (R3.5): the bar records it; everyone with access sees who is not a member."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from lawyers import services
from lawyers.models import Membership
from tests.lawyers.factories import make_lawyer, make_person

pytestmark = pytest.mark.django_db

LIST = reverse("lawyers:membership_list")
EXPORT = reverse("lawyers:membership_export")


@pytest.fixture
def lawyers(users):
    member, _c = make_lawyer(users["officer_a"], users["justice"], name="甲会员")
    services.membership_record(actor=users["bar"], person=member, number="HZ2023001", joined_on=date(2023, 5, 1))
    outsider, _c = make_lawyer(users["officer_a"], users["justice"], name="乙非会员")
    other, _c = make_lawyer(users["officer_b"], users["justice"], name="丙他单位")
    make_person(users["officer_a"], name="丁非律师")
    return {"member": member, "outsider": outsider, "other": other}


def names(response):
    return {row.record.person.name for row in response.context["table"].page.object_list}


def test_it_lists_public_lawyers_with_their_membership(login, lawyers):
    response = login("bar").get(LIST)
    assert names(response) == {"甲会员", "乙非会员", "丙他单位"}
    assert "HZ2023001" in response.content.decode()


def test_it_lists_the_lawyers_who_are_not_members(login, lawyers):
    assert names(login("bar").get(LIST, {"member": "false"})) == {"乙非会员", "丙他单位"}
    assert names(login("county").get(LIST, {"member": "true"})) == {"甲会员"}


def test_it_shows_an_officer_only_their_units_lawyers(login, lawyers):
    assert names(login("officer_a").get(LIST)) == {"甲会员", "乙非会员"}


@pytest.mark.parametrize("name", ["auditor", "sysadmin", "lawyer_a", "committee_a", "pool"])
def test_it_forbids_other_roles(login, lawyers, name):
    assert login(name).get(LIST).status_code == 403
    assert login(name).get(EXPORT).status_code == 403


def test_it_lets_only_the_bar_record_membership(login, lawyers):
    url = reverse("lawyers:membership_record", args=[lawyers["outsider"].pk])
    assert login(None).get(url).status_code == 302
    for name in ("county", "justice", "officer_a"):
        assert login(name).post(url, {"number": "X", "joined_on": "2024-01-01"}).status_code == 403
    assert login("bar").post(url, {"number": "HZ2024007", "joined_on": "2024-01-01"}).status_code == 302
    assert lawyers["outsider"].membership.number == "HZ2024007"


def test_it_refuses_a_duplicate_number_or_a_non_lawyer(login, users, lawyers):
    with pytest.raises(ValidationError):
        services.membership_record(
            actor=users["bar"], person=lawyers["outsider"], number="HZ2023001", joined_on=date(2024, 1, 1)
        )
    clerk = make_person(users["officer_a"], name="戊")
    with pytest.raises(ValidationError):
        services.membership_record(actor=users["bar"], person=clerk, number="HZ9", joined_on=date(2024, 1, 1))
    with pytest.raises(PermissionDenied):
        services.membership_record(actor=users["justice"], person=clerk, number="HZ9", joined_on=date(2024, 1, 1))
    assert Membership.objects.count() == 1


def test_it_reshows_the_form_on_a_future_date(login, lawyers):
    url = reverse("lawyers:membership_record", args=[lawyers["outsider"].pk])
    response = login("bar").post(url, {"number": "HZ2099", "joined_on": "2099-01-01"})
    assert response.status_code == 200 and "HZ2099" in response.content.decode()
    assert not Membership.objects.filter(number="HZ2099").exists()


def test_it_keeps_the_list_query_count_flat(login, users, lawyers, django_assert_num_queries):
    client = login("bar")
    # session, user, count, the page of lawyers with units, memberships and certificate numbers
    with django_assert_num_queries(4):
        client.get(LIST)
    for number in range(5):
        make_lawyer(users["officer_b"], users["justice"], name=f"律师{number}")
    with django_assert_num_queries(4):
        client.get(LIST)


def test_it_refuses_a_membership_from_before_the_first_certificate_with_a_message(login, users):
    person, _certificate = make_lawyer(
        users["officer_a"], users["justice"], name="张晚发证", issued_on=date(2022, 3, 15)
    )
    url = reverse("lawyers:membership_record", args=[person.pk])
    response = login("bar").post(url, {"number": "HZ2021001", "joined_on": "2021-06-01"})
    body = response.content.decode()
    assert response.status_code == 200 and "不能早于" in body and "2022-03-15" in body
    assert not Membership.objects.filter(person=person).exists()
    services.membership_record(actor=users["bar"], person=person, number="HZ2022001", joined_on=date(2022, 3, 15))
    assert Membership.objects.get(person=person).joined_on == date(2022, 3, 15)
