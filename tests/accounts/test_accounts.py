"""Login, logout, password change, each role's home page and navigation, and account administration."""

import pytest
from django.urls import reverse

from accounts.choices import Role
from accounts.models import User
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

HOME = reverse("accounts:home")
LOGIN = reverse("accounts:login")
USERS = reverse("accounts:user_list")
USER_CREATE = reverse("accounts:user_create")


def test_it_shows_the_login_page_in_chinese(client, db):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "登录" in response.content.decode()


def test_it_sends_anonymous_visitors_of_home_to_login(client, db):
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_it_logs_in_and_lands_on_the_roles_home(client, users):
    response = client.post(LOGIN, {"username": "officer_a", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0] == HOME
    page = response.content.decode()
    assert "单位法治工作机构" in page
    assert reverse("accounts:my_unit") in page


def test_it_asks_a_privileged_role_for_its_second_factor_after_the_password(client, users):
    response = client.post(LOGIN, {"username": "county", "password": PASSWORD}, follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("accounts:two_factor"))
    assert "双因素" in response.content.decode()


def test_it_refuses_a_wrong_password_with_a_message(client, users):
    response = client.post(LOGIN, {"username": "county", "password": "wrong"})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "请输入一个正确的" in response.content.decode()


@pytest.mark.parametrize(
    "name,visible,hidden",
    [
        ("county", ["units:unit_list", "units:superior_list"], ["accounts:user_list"]),
        ("justice", ["units:unit_list"], ["units:superior_list", "accounts:user_list"]),
        ("officer_a", ["accounts:my_unit"], ["units:unit_list", "accounts:user_list"]),
        ("lawyer_a", ["accounts:my_unit"], ["units:unit_list"]),
        ("committee_a", ["accounts:my_unit"], ["units:unit_list"]),
        ("bar", [], ["units:unit_list", "accounts:my_unit", "accounts:user_list"]),
        ("auditor", [], ["units:unit_list", "accounts:user_list"]),
        ("sysadmin", ["accounts:user_list"], ["units:unit_list", "accounts:my_unit"]),
    ],
)
def test_it_shows_each_role_its_own_home_and_menu(login, users, name, visible, hidden):
    response = login(name).get(HOME)
    assert response.status_code == 200
    page = response.content.decode()
    assert f'data-role="{users[name].role}"' in page
    assert str(users[name].get_role_display()) in page
    nav = [item["url"] for item in response.context["nav_items"]]
    for url_name in visible:
        assert reverse(url_name) in nav
    for url_name in hidden:
        assert reverse(url_name) not in nav


def test_it_takes_a_unit_account_to_its_own_unit(login, users, unit_a):
    response = login("officer_a").get(reverse("accounts:my_unit"))
    assert response.url == reverse("units:unit_detail", args=[unit_a.pk])
    assert login("county").get(reverse("accounts:my_unit")).status_code == 404


def test_it_logs_out(login):
    client = login("county")
    client.post(reverse("accounts:logout"))
    assert client.get(HOME).status_code == 302


def test_it_changes_the_password(login, users):
    client = login("officer_a")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Hanzhong#2024x", "new_password2": "Hanzhong#2024x"},
    )
    assert response.status_code == 302
    users["officer_a"].refresh_from_db()
    assert users["officer_a"].check_password("Hanzhong#2024x")


def test_it_lets_only_the_system_administrator_manage_accounts(login, users):
    assert login(None).get(USERS).status_code == 302
    for name in ("county", "justice", "officer_a", "auditor", "bar"):
        assert login(name).get(USERS).status_code == 403
        assert login(name).get(USER_CREATE).status_code == 403
    response = login("sysadmin").get(USERS)
    assert response.status_code == 200
    assert len(response.context["table"].page.object_list) == len(users)


def test_it_creates_an_account_that_must_change_its_password(login, unit_a):
    admin = login("sysadmin")
    response = admin.post(
        USER_CREATE,
        {
            "username": "newofficer",
            "last_name": "陈",
            "first_name": "一",
            "role": Role.UNIT_OFFICER,
            "unit": unit_a.pk,
            "is_active": "on",
            "password1": "Initial#2024x",
            "password2": "Initial#2024x",
        },
    )
    assert response.status_code == 302
    account = User.objects.get(username="newofficer")
    assert account.must_change_password and account.unit == unit_a
    from django.test import Client

    owner = Client()
    owner.post(LOGIN, {"username": "newofficer", "password": "Initial#2024x"})
    response = owner.get(reverse("units:unit_list"))
    assert response.status_code == 302 and response.url == reverse("accounts:password_change")


def test_it_requires_a_unit_for_unit_roles(login, users):
    response = login("sysadmin").post(
        USER_CREATE,
        {
            "username": "nounit",
            "role": Role.UNIT_OFFICER,
            "is_active": "on",
            "password1": "Initial#2024x",
            "password2": "Initial#2024x",
        },
    )
    assert response.status_code == 200
    assert "nounit" in response.content.decode()  # the form re-shows what was typed
    assert not User.objects.filter(username="nounit").exists()


def test_it_does_not_let_the_administrator_change_their_own_role(login, users):
    admin = users["sysadmin"]
    login("sysadmin").post(
        reverse("accounts:user_update", args=[admin.pk]),
        {
            "username": "sysadmin",
            "role": Role.COUNTY_OFFICE,
            "is_active": "on",
        },
    )
    admin.refresh_from_db()
    assert admin.role == Role.SYSADMIN


def test_it_changes_another_accounts_role(login, users, unit_b):
    target = users["lawyer_a"]
    response = login("sysadmin").post(
        reverse("accounts:user_update", args=[target.pk]),
        {
            "username": target.username,
            "role": Role.COMMITTEE_MEMBER,
            "unit": unit_b.pk,
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    target.refresh_from_db()
    assert target.role == Role.COMMITTEE_MEMBER and target.unit == unit_b


def test_it_pins_the_account_list_query_count(login, users, django_assert_num_queries):
    client = login("sysadmin")
    # session, user, count, the page of accounts with their units, the unit filter's choices
    with django_assert_num_queries(5):
        client.get(USERS)
