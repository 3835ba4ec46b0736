"""The account gate before the second factor: an enrolled privileged account that has given only its
password reaches the code page, logout and the language switch, and nothing else — not even the password
change, which would let a stolen password lock the owner out."""

import pytest
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db

STOLEN = "Attacker#2026x"


def password_only(client, user):
    TOTPDevice.objects.create(user=user, name="phone", confirmed=True)
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def test_it_sends_the_password_change_to_the_code_page_first(client, users):
    password_only(client, users["justice"])
    response = client.get(reverse("accounts:password_change"))
    assert response.status_code == 302 and response.url.startswith(reverse("accounts:two_factor"))


def test_it_refuses_a_password_change_with_the_password_alone(client, users):
    password_only(client, users["county"])
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": PASSWORD, "new_password1": STOLEN, "new_password2": STOLEN},
    )
    assert response.status_code == 302 and response.url == reverse("accounts:two_factor")
    users["county"].refresh_from_db()
    assert users["county"].check_password(PASSWORD)


def test_it_still_opens_the_code_page_and_logs_out(client, users):
    password_only(client, users["auditor"])
    assert client.get(reverse("accounts:two_factor")).status_code == 200
    assert client.post(reverse("accounts:logout")).status_code == 302
    assert client.get(reverse("accounts:home")).url.startswith(reverse("accounts:login"))


def test_a_privileged_account_without_an_authenticator_still_changes_a_forced_password_first(client, users):
    account = users["sysadmin"]
    account.must_change_password = True
    account.save()
    client.post(reverse("accounts:login"), {"username": "sysadmin", "password": PASSWORD})
    assert client.get(reverse("accounts:home")).url == reverse("accounts:password_change")
    assert client.get(reverse("accounts:password_change")).status_code == 200
