"""`manage.py create_sysadmin`: the first system administrator of a deployment, created on the server."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.models import AuditAction, AuditEvent

pytestmark = pytest.mark.django_db

GOOD = "Guanli#2026yuan"
NEW = "Ziji-Mima#2026"


def create(monkeypatch, *args, password=GOOD):
    monkeypatch.setenv("CHENGGU_SYSADMIN_PASSWORD", password)
    call_command("create_sysadmin", *args, "--no-input")


def test_it_creates_a_system_administrator_who_must_change_the_password(monkeypatch):
    create(monkeypatch, "admin", "--family-name", "王", "--given-name", "管理员")
    user = User.objects.get(username="admin")
    assert user.role == Role.SYSADMIN and user.unit is None
    assert user.get_full_name() == "王管理员"
    assert user.check_password(GOOD) and user.must_change_password
    event = AuditEvent.objects.get(action=AuditAction.CREATE, object_type="accounts.user")
    assert event.object_id == str(user.pk) and event.changes["via"] == "manage.py create_sysadmin"


def test_the_first_login_changes_the_password_then_enrols_a_second_factor(monkeypatch, client):
    create(monkeypatch, "admin")
    client.post(reverse("accounts:login"), {"username": "admin", "password": GOOD})
    assert client.get(reverse("accounts:home")).url == reverse("accounts:password_change")
    response = client.post(
        reverse("accounts:password_change"),
        {"old_password": GOOD, "new_password1": NEW, "new_password2": NEW},
    )
    assert response.status_code == 302
    assert client.get(reverse("accounts:home")).url.startswith(reverse("accounts:two_factor"))
    assert "data-secret" in client.get(reverse("accounts:two_factor")).content.decode()


def test_it_refuses_a_weak_password_and_creates_nothing(monkeypatch):
    with pytest.raises(CommandError, match="8"):
        create(monkeypatch, "admin", password="abc")
    assert not User.objects.filter(username="admin").exists()


def test_it_refuses_a_username_that_exists(monkeypatch, users):
    with pytest.raises(CommandError):
        create(monkeypatch, "sysadmin")
    assert User.objects.filter(username="sysadmin").count() == 1


def test_it_needs_the_password_variable_without_input(monkeypatch):
    monkeypatch.delenv("CHENGGU_SYSADMIN_PASSWORD", raising=False)
    with pytest.raises(CommandError, match="CHENGGU_SYSADMIN_PASSWORD"):
        call_command("create_sysadmin", "admin", "--no-input")
    assert not User.objects.exists()


def test_it_asks_again_when_the_two_passwords_differ(monkeypatch, capsys):
    answers = iter(["Guanli#2026yuan", "Guanli#2026yuX", GOOD, GOOD])
    monkeypatch.setattr("getpass.getpass", lambda prompt="": next(answers))
    call_command("create_sysadmin", "admin")
    assert "differ" in capsys.readouterr().err
    assert User.objects.get(username="admin").check_password(GOOD)


def test_it_gives_up_after_three_bad_passwords(monkeypatch):
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "12345678")
    with pytest.raises(CommandError, match="No account created"):
        call_command("create_sysadmin", "admin")
    assert not User.objects.exists()


def test_it_creates_nothing_when_the_input_ends(monkeypatch):
    def end_of_input(prompt=""):
        raise EOFError

    monkeypatch.setattr("getpass.getpass", end_of_input)
    with pytest.raises(CommandError, match="No account created"):
        call_command("create_sysadmin", "admin")
    assert not User.objects.exists()
