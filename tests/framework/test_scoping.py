"""The one scoping rule, read straight from the managers every view uses."""

import pytest

from accounts.models import User
from units.models import SystemOrganisation, Unit

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["county", "justice"])
def test_it_shows_county_wide_roles_every_unit(users, unit_a, unit_b, name):
    assert set(Unit.objects.visible_to(users[name])) == {unit_a, unit_b}


@pytest.mark.parametrize("name", ["officer_a", "lawyer_a", "committee_a"])
def test_it_shows_unit_roles_their_own_unit_only(users, unit_a, name):
    assert list(Unit.objects.visible_to(users[name])) == [unit_a]


def test_it_shows_nothing_to_anonymous_or_locked_accounts(users, unit_a):
    from django.contrib.auth.models import AnonymousUser

    assert not Unit.objects.visible_to(AnonymousUser()).exists()
    locked = users["county"]
    locked.is_active = False
    assert not Unit.objects.visible_to(locked).exists()


def test_it_keeps_accounts_to_the_system_administrator(users):
    assert User.objects.visible_to(users["sysadmin"]).count() == len(users)
    for name in ("county", "justice", "officer_a", "auditor"):
        assert not User.objects.visible_to(users[name]).exists()


def test_it_lets_account_administration_name_units_and_superiors(users, unit_a, superior):
    assert Unit.objects.visible_to(users["sysadmin"]).filter(pk=unit_a.pk).exists()
    assert SystemOrganisation.objects.visible_to(users["officer_a"]).filter(pk=superior.pk).exists()
    assert not SystemOrganisation.objects.visible_to(users["auditor"]).exists()


def test_it_narrows_form_dropdowns_to_the_users_scope(users, unit_a, unit_b):
    from accounts.forms import AccountForm

    form = AccountForm(user=users["officer_a"])
    assert list(form.fields["unit"].queryset) == [unit_a]


def test_it_shows_a_pool_office_the_units_and_people_of_its_system_only(users, tax_unit, unit_a):
    from lawyers.models import Person
    from tests.conftest import make_user
    from tests.lawyers.factories import make_person

    tax_officer = make_user("tax_officer", "unit_officer", tax_unit)
    in_system = make_person(tax_officer, name="税务人员")
    make_person(users["officer_a"], name="外单位人员")
    assert list(Unit.objects.visible_to(users["pool"])) == [tax_unit]
    assert list(Person.objects.visible_to(users["pool"])) == [in_system]
    assert not Person.objects.visible_to(users["pool_other"]).exists()
    assert not Unit.objects.visible_to(users["pool_other"]).exists()


def test_it_shares_rows_of_no_unit_with_every_units_roles_when_the_scope_says_so(users, unit_a, unit_b):
    """`unitless_shared`: a row of no unit (a county-wide training event) is every unit's; a row of another
    unit stays hidden. Without the flag a row of no unit is nobody's but the county-wide roles'."""
    from dataclasses import replace

    from chenggu_lawyers.scoping import scope_q
    from tests.training.conftest import make_event
    from training.models import TrainingEvent

    county, own, other = make_event("全县"), make_event("本单位", unit=unit_a), make_event("外单位", unit=unit_b)
    for name in ("officer_a", "lawyer_a", "committee_a"):
        assert set(TrainingEvent.objects.visible_to(users[name])) == {county, own}
    assert set(TrainingEvent.objects.visible_to(users["county"])) == {county, own, other}
    assert not TrainingEvent.objects.visible_to(users["pool"]).exists()
    assert not TrainingEvent.objects.visible_to(users["auditor"]).exists()

    class Unshared:
        scope = replace(TrainingEvent.scope, unitless_shared=False)

    assert set(TrainingEvent.objects.filter(scope_q(Unshared, users["officer_a"]))) == {own}
    # An account of a unit role that lost its unit sees nothing, not the shared rows.
    users["officer_a"].unit = None
    assert not TrainingEvent.objects.visible_to(users["officer_a"]).exists()
