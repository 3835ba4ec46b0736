"""Login lockout, idle timeout, password rules and the Content-Security-Policy header."""

import time
from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import SESSION_KEY
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = reverse("accounts:login")
HOME = reverse("accounts:home")


def test_it_locks_an_account_after_five_failed_logins(client, users):
    for _attempt in range(5):
        client.post(LOGIN, {"username": "county", "password": "wrong"})
    response = client.post(LOGIN, {"username": "county", "password": PASSWORD})
    assert response.status_code == 429
    assert "data-locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_counts_only_the_failures_of_the_last_fifteen_minutes(client, users):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _attempt in range(4):
            client.post(LOGIN, {"username": "officer_a", "password": "wrong"})
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        client.post(LOGIN, {"username": "officer_a", "password": "wrong"})
        assert client.post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 302


def test_it_lifts_a_lockout_after_fifteen_minutes(client, users):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _attempt in range(5):
            client.post(LOGIN, {"username": "officer_a", "password": "wrong"})
        assert client.post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert client.post(LOGIN, {"username": "officer_a", "password": PASSWORD}).status_code == 302


def test_it_keeps_other_accounts_open_during_a_lockout(client, users):
    for _attempt in range(5):
        client.post(LOGIN, {"username": "county", "password": "wrong"})
    response = client.post(LOGIN, {"username": "justice", "password": PASSWORD})
    assert response.status_code == 302


def test_it_forgets_failures_after_a_successful_login(client, users):
    for _attempt in range(4):
        client.post(LOGIN, {"username": "county", "password": "wrong"})
    assert client.post(LOGIN, {"username": "county", "password": PASSWORD}).status_code == 302
    client.post(reverse("accounts:logout"))
    for _attempt in range(4):
        client.post(LOGIN, {"username": "county", "password": "wrong"})
    assert client.post(LOGIN, {"username": "county", "password": PASSWORD}).status_code == 302


def test_it_logs_out_after_thirty_idle_minutes(client, users):
    client.post(LOGIN, {"username": "officer_a", "password": PASSWORD})
    assert client.get(HOME).status_code == 200
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 31 * 60
    session.save()
    response = client.get(HOME)
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:login"))
    assert client.get(HOME).status_code == 302


def test_it_keeps_an_active_session(client, users):
    client.post(LOGIN, {"username": "officer_a", "password": PASSWORD})
    session = client.session
    session[SESSION_KEY] = int(time.time()) - 29 * 60
    session.save()
    assert client.get(HOME).status_code == 200


@pytest.mark.parametrize("password", ["chenggu2023x", "CHENGGU2023X", "Chenggu-xyz"])
def test_it_refuses_passwords_with_fewer_than_three_character_classes(password):
    if password == "Chenggu-xyz":
        validate_password(password)  # capital, small, symbol: three classes
        return
    with pytest.raises(ValidationError):
        validate_password(password)


def test_it_sends_a_content_security_policy_without_inline_scripts(client, db):
    policy = client.get(LOGIN)["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy


def age_password(user, days):
    user.password_changed_at = timezone.now() - timedelta(days=days)
    user.save(update_fields=["password_changed_at"])


def test_passwords_do_not_expire_by_default(login, users):
    age_password(users["officer_a"], 3650)
    assert login("officer_a").get(HOME).status_code == 200


def test_an_expired_password_must_be_changed_before_any_other_page(login, users, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    age_password(users["officer_a"], 91)
    client = login("officer_a")
    response = client.get(HOME)
    assert response.status_code == 302 and response.url == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": "Xinmima#2026", "new_password2": "Xinmima#2026"},
    )
    assert response.status_code == 302
    assert client.get(HOME).status_code == 200


def test_a_password_inside_its_age_still_opens_the_portal(login, users, settings):
    settings.PASSWORD_MAX_AGE_DAYS = 90
    age_password(users["officer_a"], 89)
    assert login("officer_a").get(HOME).status_code == 200


def test_setting_a_password_restarts_its_age(users):
    user = users["officer_a"]
    age_password(user, 400)
    user.set_password("Xinmima#2026")
    user.save()
    user.refresh_from_db()
    assert (timezone.now() - user.password_changed_at).total_seconds() < 60
