"""The demo training data: plans, events of every kind, and lawyers short of the plan; loading twice is harmless."""

import pytest
from django.utils import timezone

from lawyers.demo import load_demo_people
from training.demo import load_demo_training
from training.hours import hours_report
from training.models import Attendance, TrainingEvent, TrainingPlan

pytestmark = pytest.mark.django_db


def test_it_loads_plans_events_and_attendees_once(users):
    load_demo_people()
    created = load_demo_training()
    assert created == TrainingEvent.objects.count() == 9
    assert set(TrainingPlan.objects.values_list("year", flat=True)) == {2024, 2025, 2026}
    assert TrainingEvent.objects.filter(unit__name="城固县市场监督管理局").count() == 1
    assert len(set(TrainingEvent.objects.values_list("kind", flat=True))) == 5
    assert Attendance.objects.exists()
    if timezone.localdate().year >= 2026:
        _plan, report = hours_report(users["justice"], 2025)
        assert report.filter(shortfall__gt=0).exists()
        assert report.filter(attended__gt=0).exists()
    counts = (TrainingPlan.objects.count(), TrainingEvent.objects.count(), Attendance.objects.count())
    assert load_demo_training() == 0
    assert (TrainingPlan.objects.count(), TrainingEvent.objects.count(), Attendance.objects.count()) == counts
