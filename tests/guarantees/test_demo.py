"""The guarantees demo: overtime on 2025's holidays with every decision, leave taken, and expense claims."""

from decimal import Decimal

import pytest
from django.core.management import call_command

from accounts.models import User
from guarantees.balances import balance_of
from guarantees.demo import load_demo_guarantees
from guarantees.models import ExpenseClaim, LeaveTaken, OvertimeEntry
from lawyers.models import Person
from matters.choices import AssignmentStatus

from .conftest import assign, make_matter

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(capsys, monkeypatch):
    """The demo without its guarantees part, which the tests load themselves."""
    monkeypatch.setattr("chenggu_lawyers.management.commands.load_demo.load_demo_guarantees", lambda: 0)
    call_command("load_demo")
    capsys.readouterr()


def test_load_demo_includes_the_guarantees(capsys):
    call_command("load_demo")
    capsys.readouterr()
    assert OvertimeEntry.objects.exists() and ExpenseClaim.objects.exists()
    assert load_demo_guarantees() == 0


def test_it_loads_overtime_with_every_decision_and_leave(demo):
    assert load_demo_guarantees() >= 7
    assert set(OvertimeEntry.objects.values_list("status", "compensation")) == {
        ("approved", "leave"),
        ("approved", "subsidy"),
        ("refused", ""),
        ("submitted", ""),
    }
    assert LeaveTaken.objects.count() == 2
    zhang = Person.objects.get(name="张律师演示")
    # 6 + 8 h earned as leave, 6 + 4 h taken, 4 h waiting.
    balance = balance_of(zhang.pk, year=2025)
    assert (balance.earned, balance.taken, balance.balance, balance.pending) == (14, 10, 4, 4)
    # 张's own account logged his overtime.
    assert set(OvertimeEntry.objects.filter(person=zhang).values_list("recorded_by__username", flat=True)) == {"lawyer"}


def test_it_changes_nothing_when_loaded_twice(demo):
    load_demo_guarantees()
    before = list(OvertimeEntry.objects.values_list("pk", "updated_at"))
    assert load_demo_guarantees() == 0
    assert list(OvertimeEntry.objects.values_list("pk", "updated_at")) == before
    assert LeaveTaken.objects.count() == 2


def test_it_claims_expenses_on_a_demo_matter_when_there_is_one(demo):
    officer = User.objects.get(username="officer")
    zhang = Person.objects.get(name="张律师演示")
    assign(make_matter(officer), zhang, officer, status=AssignmentStatus.ACCEPTED)
    load_demo_guarantees()
    assert set(ExpenseClaim.objects.values_list("status", flat=True)) == {"approved", "refused", "submitted"}
    assert ExpenseClaim.objects.get(status="approved").amount == Decimal("86.50")
    count = ExpenseClaim.objects.count()
    load_demo_guarantees()
    assert ExpenseClaim.objects.count() == count


def test_it_skips_the_expenses_without_matters(demo):
    from matters.models import Assignment

    Assignment.objects.all().delete()
    load_demo_guarantees()
    assert not ExpenseClaim.objects.exists() and OvertimeEntry.objects.exists()
