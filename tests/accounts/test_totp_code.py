"""`manage.py totp_code`: the demo's stand-in for an authenticator app, refused outside debug mode."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_it_prints_the_code_that_enrols_the_demo_account(client, users, settings, capsys):
    settings.DEBUG = True
    client.post(reverse("accounts:login"), {"username": "county", "password": PASSWORD})
    client.get(reverse("accounts:two_factor"))
    call_command("totp_code", "county")
    code = capsys.readouterr().out.strip()
    assert len(code) == 6 and code.isdigit()
    response = client.post(reverse("accounts:two_factor"), {"code": code})
    assert response.status_code == 302
    assert TOTPDevice.objects.get(user=users["county"]).confirmed


def test_it_says_when_the_account_has_no_authenticator_yet(users, settings):
    settings.DEBUG = True
    with pytest.raises(CommandError, match="log in as justice first"):
        call_command("totp_code", "justice")


def test_it_refuses_to_run_in_production(users, settings):
    settings.DEBUG = False
    TOTPDevice.objects.create(user=users["county"], name="phone", confirmed=True)
    with pytest.raises(CommandError, match="debug mode"):
        call_command("totp_code", "county")
