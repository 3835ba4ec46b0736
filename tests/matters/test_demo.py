"""The demo matters: a year of every category in both demo units, at every stage, and idempotent."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from matters.choices import Adoption, MatterCategory, MatterStatus, RefusalRuling
from matters.demo import LAND, MARKET, load_demo_matters
from matters.models import Assignment, Matter, OpinionVersion
from matters.views.decisions import decisions_without_prior_opinion
from tests.conftest import sign_in

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo():
    # load_demo loads the demo matters after the people and advisors they need; a second load adds none.
    call_command("load_demo", stdout=StringIO())
    return load_demo_matters()


def test_it_loads_every_category_in_both_units_at_every_stage(demo):
    assert demo == 0 and Matter.objects.count() > 20
    for unit in (MARKET, LAND):
        assert set(Matter.objects.filter(unit__name=unit).values_list("category", flat=True)) == set(
            MatterCategory.values
        )
    assert set(Matter.objects.values_list("status", flat=True)) == set(MatterStatus.values)
    assert set(Matter.objects.exclude(adoption="").values_list("adoption", flat=True)) == set(Adoption.values)
    assert set(Assignment.objects.exclude(ruling="").values_list("ruling", flat=True)) == set(RefusalRuling.values)
    assert Matter.objects.overdue(timezone.localdate()).filter(unit__name=MARKET).count() >= 2
    assert decisions_without_prior_opinion(Matter.objects.all()).count() == 2
    # Opinions of 张律师演示 are signed by the demo lawyer's own account; the rest recorded by the office.
    assert OpinionVersion.objects.filter(submitted_by__username="lawyer", signed_name="张律师演示").exists()
    # Every step is backdated to its day: nothing looks as if it happened while the demo loaded.
    today = timezone.localdate()
    assert not Assignment.objects.filter(created_at__date=today).exists()
    assert Matter.objects.filter(unit__name=MARKET).earliest("created_at").created_at.date() <= today - timedelta(
        days=300
    )


def test_it_changes_nothing_when_run_twice(demo):
    rows = list(Matter.objects.values_list("pk", "updated_at"))
    assert load_demo_matters() == 0
    assert list(Matter.objects.values_list("pk", "updated_at")) == rows


def test_the_demo_pages_open(demo, client):
    from accounts.models import User

    for username in ("officer", "officer2", "lawyer", "county"):
        sign_in(client, User.objects.get(username=username))
        assert client.get("/matters/statistics/").status_code == (403 if username == "lawyer" else 200)
        for matter in Matter.objects.visible_to(User.objects.get(username=username))[:30]:
            assert client.get(matter.get_absolute_url()).status_code == 200
