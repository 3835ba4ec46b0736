"""The system administrator, past their own second factor, opens an account for the county's new auditor; at
the first login the auditor replaces the administrator's password, enrols an authenticator app by typing the
key the page shows, is refused a mistyped code in Chinese, and lands on their home page with the right one."""

import time

import pytest
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import User
from tests.conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

INITIAL_PASSWORD = "Shenji#2026a"
OWN_PASSWORD = "Wode-Mima#2026"
THROTTLE_SECONDS = 1.5


def test_it_enrols_a_new_auditor_in_two_factor_login_at_the_first_login(browser, users):
    page = browser.page
    browser.give_authenticator(users["sysadmin"])

    browser.login("sysadmin", PASSWORD)
    browser.submit(page.locator("nav a[href='/accounts/']"), "accounts")
    browser.submit(page.locator("main a[href='/accounts/new/']"), "account-form")
    page.fill("#id_username", "shenji")
    page.fill("#id_last_name", "审")
    page.fill("#id_first_name", "计员")
    page.select_option("#id_role", "auditor")
    page.fill("#id_password1", INITIAL_PASSWORD)
    page.fill("#id_password2", INITIAL_PASSWORD)
    browser.submit(page.locator("form.card button[type=submit]"), "account-created")
    assert browser.path == "/accounts/"
    row = page.locator("table tbody tr").filter(has_text="shenji")
    assert row.count() == 1
    browser.logout()

    # The first login stops at the password change (the administrator knows the initial password) …
    browser.enter_password("shenji", INITIAL_PASSWORD)
    assert browser.path.startswith("/password/")
    browser.shot("password-change")
    page.fill("#id_old_password", INITIAL_PASSWORD)
    page.fill("#id_new_password1", OWN_PASSWORD)
    page.fill("#id_new_password2", OWN_PASSWORD)
    browser.submit(page.locator("form.card button[type=submit]"), "password-changed")

    # … then at the enrolment of a second factor: a QR code and the same key in letters for typing.
    assert browser.path.startswith("/two-factor/")
    assert page.locator("[data-enrolment] svg").count() == 1
    assert not TOTPDevice.objects.filter(user__username="shenji", confirmed=True).exists()
    key_shown = page.locator("[data-secret]").inner_text()
    browser.phone.add_from_page("shenji", key_shown)

    browser.enter_code(browser.phone.wrong_code("shenji"), "two-factor-wrong-code")
    assert browser.path.startswith("/two-factor/")
    assert page.locator("#id_code.is-invalid").count() == 1
    assert "验证码不正确" in page.locator(".invalid-feedback").inner_text()
    assert page.locator("[data-secret]").inner_text() == key_shown  # the same key: the app keeps working

    # django-otp refuses every code for a second after a wrong one (doubling with each failure); a person
    # reading the message takes longer than that before typing again.
    time.sleep(THROTTLE_SECONDS)
    browser.enrol("shenji")
    assert browser.path == "/"
    assert page.locator("[data-role]").get_attribute("data-role") == "auditor"
    assert "您的账号已启用双因素登录" in page.locator(".alert-success").inner_text()
    auditor = User.objects.get(username="shenji")
    assert not auditor.must_change_password
    assert TOTPDevice.objects.get(user=auditor).confirmed
