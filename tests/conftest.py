"""Shared fixtures: two units, and an account of every role (unit-bound roles in both units)."""

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.choices import Role
from accounts.models import User
from accounts.two_factor import needs_second_factor
from units.choices import ManagementMode, UnitKind
from units.models import SystemOrganisation, Unit

PASSWORD = "Chenggu#2023"


def make_unit(name, **fields):
    defaults = {"kind": UnitKind.COUNTY_DEPARTMENT, "law_enforcement": True}
    return Unit.objects.create(name=name, **{**defaults, **fields})


def make_user(username, role, unit=None, **fields):
    user = User(username=username, role=role, unit=unit, last_name="测", first_name=username, **fields)
    user.set_password(PASSWORD)
    user.save()
    return user


@pytest.fixture
def unit_a(db):
    return make_unit("城固县市场监督管理局")


@pytest.fixture
def unit_b(db):
    return make_unit("城固县自然资源局")


@pytest.fixture
def superior(db):
    return SystemOrganisation.objects.get_or_create(name="国家税务总局汉中市税务局", defaults={"system": "税务"})[0]


@pytest.fixture
def other_superior(db):
    return SystemOrganisation.objects.get_or_create(name="汉中市气象局", defaults={"system": "气象"})[0]


@pytest.fixture
def tax_unit(superior):
    return make_unit(
        "国家税务总局城固县税务局",
        kind=UnitKind.STATIONED_UNIT,
        management_mode=ManagementMode.VERTICAL,
        superior=superior,
    )


@pytest.fixture
def users(unit_a, unit_b, superior, other_superior):
    """Accounts keyed by a short name: the county-wide and unbound roles once, unit-bound roles in A and B,
    and a talent-pool office for each of two systems (tax: "pool", meteorology: "pool_other")."""
    accounts = {
        "pool": make_user("pool", Role.POOL_OFFICER, system_organisation=superior),
        "pool_other": make_user("pool_other", Role.POOL_OFFICER, system_organisation=other_superior),
        "county": make_user("county", Role.COUNTY_OFFICE),
        "justice": make_user("justice", Role.JUSTICE_BUREAU),
        "bar": make_user("bar", Role.BAR_ASSOCIATION),
        "auditor": make_user("auditor", Role.AUDITOR),
        "sysadmin": make_user("sysadmin", Role.SYSADMIN),
    }
    for suffix, unit in (("a", unit_a), ("b", unit_b)):
        accounts[f"officer_{suffix}"] = make_user(f"officer_{suffix}", Role.UNIT_OFFICER, unit)
        accounts[f"lawyer_{suffix}"] = make_user(f"lawyer_{suffix}", Role.PUBLIC_LAWYER, unit)
        accounts[f"committee_{suffix}"] = make_user(f"committee_{suffix}", Role.COMMITTEE_MEMBER, unit)
    return accounts


@pytest.fixture
def english():
    """For tests that match messages in English: code runs in English and `login` clients ask for it."""
    with translation.override("en"):
        yield "en"


def sign_in(client, user):
    """Log `client` in as `user`, past the second factor where the role needs one (a confirmed authenticator
    and a verified session, as after the two-factor page)."""
    client.force_login(user)
    if needs_second_factor(user):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
            user=user, name="test", confirmed=True
        )
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()
    return client


@pytest.fixture
def login(users, request):
    """login("county") → a test client logged in as that account; login(None) → anonymous."""

    def _login(name):
        client = Client()
        if "english" in request.fixturenames:
            client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
        if name is not None:
            sign_in(client, users[name])
        return client

    return _login
