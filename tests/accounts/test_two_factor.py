"""TOTP two-factor login for the privileged roles: enrolment, verification, the gate, reset, and the log."""

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from chenggu_lawyers.models import AuditAction, AuditEvent
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
HOME = reverse("accounts:home")
TWO_FACTOR = reverse("accounts:two_factor")
UNITS = reverse("units:unit_list")


def code_of(device, offset_steps=0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = totp.time + offset_steps * device.step
    return f"{totp.token():06d}"


def enrolled(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="phone", confirmed=True)


def password_login(client, username):
    response = client.post(LOGIN, {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


@pytest.mark.parametrize("username", ["county", "justice", "sysadmin", "auditor"])
def test_it_makes_each_privileged_role_enrol_an_authenticator_at_first_login(client, users, username):
    password_login(client, username)
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(TWO_FACTOR)
    page = client.get(response.url).content.decode()
    assert "<svg" in page and "data-secret" in page and "身份验证器" in page
    device = TOTPDevice.objects.get(user=users[username], confirmed=False)
    response = client.post(TWO_FACTOR, {"code": code_of(device), "next": HOME})
    assert response.status_code == 302 and response.url == HOME
    assert client.get(HOME).status_code == 200
    device.refresh_from_db()
    assert device.confirmed
    event = AuditEvent.objects.filter(actor=users[username], action=AuditAction.LOGIN).latest("id")
    assert event.changes == {"second_factor": "enrolled"} and event.ip_address == "127.0.0.1"


def test_it_keeps_the_same_key_while_enrolment_is_unfinished(client, users):
    password_login(client, "county")
    first = client.get(TWO_FACTOR).content.decode()
    second = client.get(TWO_FACTOR).content.decode()
    assert TOTPDevice.objects.filter(user=users["county"]).count() == 1
    secret = first.split("data-secret>")[1].split("<")[0]
    assert secret in second


@pytest.mark.parametrize("username", ["officer_a", "lawyer_a", "committee_a", "bar", "pool"])
def test_it_asks_no_second_factor_of_the_other_roles(client, users, username):
    password_login(client, username)
    assert client.get(HOME).status_code == 200
    assert not TOTPDevice.objects.filter(user=users[username]).exists()


def test_it_holds_every_page_until_an_enrolled_account_gives_its_code(client, users):
    device = enrolled(users["county"])
    password_login(client, "county")
    response = client.get(UNITS)
    assert response.status_code == 302 and response.url == f"{TWO_FACTOR}?next=%2Funits%2F"
    page = client.get(response.url).content.decode()
    assert "<svg" not in page and "六位验证码" in page
    response = client.post(TWO_FACTOR, {"code": code_of(device), "next": UNITS})
    assert response.status_code == 302 and response.url == UNITS
    assert client.get(UNITS).status_code == 200


def test_it_refuses_a_wrong_code_with_a_message_and_logs_it(client, users):
    device = enrolled(users["justice"])
    password_login(client, "justice")
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    response = client.post(TWO_FACTOR, {"code": wrong})
    assert response.status_code == 200
    assert "验证码不正确" in response.content.decode()
    assert client.get(HOME).status_code == 302
    event = AuditEvent.objects.filter(actor=users["justice"]).latest("id")
    assert event.action == AuditAction.LOGIN_FAILED and event.outcome == "failure"
    assert event.changes == {"second_factor": "totp"}


def test_it_refuses_letters_in_the_code(client, users):
    enrolled(users["justice"])
    password_login(client, "justice")
    response = client.post(TWO_FACTOR, {"code": "12a456"})
    assert "验证码为六位数字" in response.content.decode()


def test_it_refuses_a_code_used_before(client, users):
    device = enrolled(users["auditor"])
    code = code_of(device)
    password_login(client, "auditor")
    assert client.post(TWO_FACTOR, {"code": code}).status_code == 302
    client.post(reverse("accounts:logout"))
    password_login(client, "auditor")
    response = client.post(TWO_FACTOR, {"code": code})
    assert response.status_code == 200 and "验证码不正确" in response.content.decode()


def test_it_ignores_a_next_address_on_another_host(client, users):
    device = enrolled(users["county"])
    password_login(client, "county")
    response = client.post(TWO_FACTOR, {"code": code_of(device), "next": "https://evil.example/"})
    assert response.url == HOME


def test_it_asks_for_the_code_before_a_forced_password_change(client, users):
    account = users["county"]
    account.must_change_password = True
    account.save()
    device = enrolled(account)
    password_login(client, "county")
    assert client.get(HOME).url.startswith(TWO_FACTOR)
    client.post(TWO_FACTOR, {"code": code_of(device)})
    assert client.get(HOME).url == reverse("accounts:password_change")


def test_the_administrator_resets_a_lost_authenticator_and_ends_its_sessions(client, login, users):
    enrolled(users["county"])
    county = login("county")
    assert county.get(HOME).status_code == 200
    url = reverse("accounts:reset_two_factor", args=[users["county"].pk])
    admin = login("sysadmin")
    assert "重置双因素登录" in admin.get(url).content.decode()
    response = admin.post(url, {"confirm": "on"})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=users["county"]).exists()
    assert county.get(HOME).url.startswith(LOGIN)
    event = AuditEvent.objects.filter(action=AuditAction.UPDATE, object_id=str(users["county"].pk)).latest("id")
    assert event.changes["two_factor"] == ["enrolled", "reset"] and event.changes["sessions_ended"] == 1
    assert event.actor == users["sysadmin"]


def test_the_administrator_cannot_reset_their_own_second_factor(login, users):
    enrolled(users["sysadmin"])
    url = reverse("accounts:reset_two_factor", args=[users["sysadmin"].pk])
    response = login("sysadmin").post(url, {"confirm": "on"})
    assert response.status_code == 200
    assert "不能重置自己的双因素登录" in response.content.decode()
    assert TOTPDevice.objects.filter(user=users["sysadmin"]).exists()


@pytest.mark.parametrize("username", [None, "county", "auditor", "officer_a"])
def test_only_the_administrator_resets_a_second_factor(login, users, username):
    url = reverse("accounts:reset_two_factor", args=[users["justice"].pk])
    response = login(username).post(url, {"confirm": "on"})
    assert response.status_code == (302 if username is None else 403)
    if username is None:
        assert response.url.startswith(LOGIN)


def test_the_account_list_shows_who_has_enrolled(login, users):
    enrolled(users["justice"])
    page = login("sysadmin").get(reverse("accounts:user_list")).content.decode()
    assert "双因素登录" in page and reverse("accounts:reset_two_factor", args=[users["justice"].pk]) in page


@override_settings(TWO_FACTOR_ROLES=[])
def test_the_roles_that_need_a_second_factor_are_a_setting(client, users):
    password_login(client, "county")
    assert client.get(HOME).status_code == 200


def test_the_two_factor_page_shows_no_menu_that_leads_nowhere(client, users):
    password_login(client, "county")
    page = client.get(TWO_FACTOR).content.decode()
    assert f'href="{UNITS}"' not in page
    assert reverse("accounts:logout") in page


def test_it_asks_to_wait_after_a_wrong_code_instead_of_calling_the_next_one_wrong(client, users):
    device = enrolled(users["justice"])
    password_login(client, "justice")
    start = timezone.now()
    wrong = f"{(int(code_of(device)) + 1) % 1_000_000:06d}"
    with time_machine.travel(start, tick=False):
        client.post(TWO_FACTOR, {"code": wrong})
        response = client.post(TWO_FACTOR, {"code": code_of(device)})
    assert "请等待 1 秒" in response.content.decode()
    assert AuditEvent.objects.filter(action=AuditAction.LOGIN_FAILED, actor=users["justice"]).count() == 1
    with time_machine.travel(start + timedelta(seconds=2), tick=False):
        assert client.post(TWO_FACTOR, {"code": code_of(device)}).status_code == 302
