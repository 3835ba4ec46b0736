"""The administrator's account list and form: our own words for an account's being enabled, and the
two-factor reset offered, and done, only for the roles that log in with a second factor."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

pytestmark = pytest.mark.django_db

LIST = reverse("accounts:user_list")


def reset_url(user):
    return reverse("accounts:reset_two_factor", args=[user.pk])


def test_the_account_form_says_enabled_in_its_own_words(login, users):
    page = login("sysadmin").get(reverse("accounts:user_update", args=[users["officer_a"].pk])).content.decode()
    assert "账号已启用" in page
    assert "停用的账号不能登录" in page
    # Django's own help text (用户 / 帐号) is gone.
    assert "指明用户是否被认为是活跃的" not in page


def test_the_list_offers_the_reset_only_to_accounts_with_a_second_factor(login, users):
    page = login("sysadmin").get(LIST).content.decode()
    for name in ("county", "justice", "auditor"):
        assert reset_url(users[name]) in page, name
    for name in ("officer_a", "lawyer_a", "committee_a", "bar", "pool"):
        assert reset_url(users[name]) not in page, name
    assert "账号已启用" in page


def test_the_reset_refuses_an_account_without_a_second_factor_and_changes_nothing(login, users):
    officer = users["officer_a"]
    TOTPDevice.objects.create(user=officer, name="left over", confirmed=True)
    admin = login("sysadmin")
    for response in (
        admin.get(reset_url(officer), follow=True),
        admin.post(reset_url(officer), {"confirm": "on"}, follow=True),
    ):
        assert response.redirect_chain[-1][0] == LIST
        assert "登录时无需双因素验证" in response.content.decode()
    assert TOTPDevice.objects.filter(user=officer).exists()
