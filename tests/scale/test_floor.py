"""The benchmark's floor SQL (bench/floor.py) and the coverage engine give the dashboard the same numbers."""

from datetime import date

import pytest
from django.core.management import call_command
from django.db import connection

from bench.floor import engine_numbers, floor_numbers
from coverage.choices import Metric
from coverage.models import Target
from coverage.reports import dashboard

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="the floor is PostgreSQL's SQL"),
]


@pytest.mark.parametrize("as_of", [date(2025, 12, 31), date(2023, 12, 31), date(2022, 6, 30)])
def test_the_floor_and_the_engine_agree_on_a_seeded_county(as_of):
    call_command("seed_scale", scale="county", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert floor_numbers(as_of) == engine_numbers(dashboard(as_of))


def test_they_agree_when_a_target_counts_every_advisor():
    call_command("seed_scale", scale="county", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert Target.objects.filter(metric=Metric.CARRIES_OUT_WORK).update(advisors_count_regardless=True)
    for as_of in (date(2025, 12, 31), date(2022, 6, 30)):
        assert floor_numbers(as_of) == engine_numbers(dashboard(as_of))
