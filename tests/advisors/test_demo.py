"""The advisors demo rows: loaded after the demo units, accounts and people, and idempotent."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from advisors.demo import load_demo_advisors
from advisors.models import Dispatch, Engagement, PoolMember
from advisors.services import covered_without_own_lawyer
from chenggu_lawyers.management.commands.load_demo import Command
from lawyers.demo import load_demo_people
from units.models import Unit

pytestmark = pytest.mark.django_db

MODELS = (Engagement, PoolMember, Dispatch)


def snapshot():
    return [list(model.objects.values_list("pk", "updated_at")) for model in MODELS]


def test_it_covers_a_unit_by_an_advisor_and_one_by_a_dispatch_and_changes_nothing_when_run_twice():
    command = Command()
    command.load_units()
    command.load_accounts()
    load_demo_people()
    assert load_demo_advisors() == 3
    covered = Unit.objects.filter(covered_without_own_lawyer(timezone.localdate())).values_list("name", flat=True)
    assert set(covered) == {"城固县自然资源局", "国家税务总局城固县税务局"}
    rows = snapshot()
    assert load_demo_advisors() == 0
    assert snapshot() == rows


def test_it_skips_the_dispatch_when_the_tax_bureau_has_its_own_lawyer_by_then():
    call_command("load_demo", stdout=StringIO())
    load_demo_advisors()
    assert Engagement.objects.exists() and PoolMember.objects.exists()
    assert Dispatch.objects.filter(unit__name="国家税务总局城固县税务局").exists() == (
        not Unit.objects.get(name="国家税务总局城固县税务局").people.filter(certificates__isnull=False).exists()
    )
