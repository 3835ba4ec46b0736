"""Public lawyers in two units, and helpers to make plans and events."""

from datetime import date
from decimal import Decimal

import pytest

from tests.lawyers.factories import make_lawyer, make_person
from training.models import TrainingEvent, TrainingPlan


def make_plan(year, hours="40", **fields):
    return TrainingPlan.objects.create(year=year, required_hours=Decimal(hours), **fields)


def make_event(title="培训", unit=None, held_on=date(2025, 5, 10), hours="8", kind="policy_theory", **fields):
    return TrainingEvent.objects.create(
        title=title,
        kind=kind,
        organiser=fields.pop("organiser", "城固县司法局"),
        held_on=held_on,
        hours=Decimal(hours),
        unit=unit,
        **fields,
    )


@pytest.fixture
def people(users):
    """Unit A: 甲 and 乙 (certificates since 2023-03-01), 丁 (since 2025-07-01), 戊 (no certificate);
    unit B: 丙 (since 2023-03-01)."""
    officer_a, officer_b, justice = users["officer_a"], users["officer_b"], users["justice"]
    return {
        "x": make_lawyer(officer_a, justice, name="甲律师")[0],
        "y": make_lawyer(officer_a, justice, name="乙律师", sex="F")[0],
        "late": make_lawyer(officer_a, justice, name="丁晚发证", issued_on=date(2025, 7, 1))[0],
        "plain": make_person(officer_a, name="戊无证书"),
        "z": make_lawyer(officer_b, justice, name="丙律师")[0],
    }
