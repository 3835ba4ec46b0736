"""Login lockout, idle timeout, password rules and the Content-Security-Policy header."""

import time

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

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
