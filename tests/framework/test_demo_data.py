"""`load_demo` gives a fresh portal the county's units and one account per role, and is idempotent."""

import pytest
from django.core.management import call_command

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.models import AuditEvent
from units.choices import UnitKind
from units.models import Unit

pytestmark = pytest.mark.django_db


def test_it_loads_the_countys_towns_departments_and_a_user_per_role(capsys):
    call_command("load_demo")
    assert Unit.objects.filter(kind=UnitKind.TOWN).count() == 17
    assert Unit.objects.filter(name="博望街道", division_code="610722001").exists()
    assert Unit.objects.filter(kind=UnitKind.COUNTY_DEPARTMENT).count() >= 25
    tax = Unit.objects.get(name="国家税务总局城固县税务局")
    assert tax.superior.name == "国家税务总局汉中市税务局"
    assert set(User.objects.values_list("role", flat=True)) == set(Role.values)
    output = capsys.readouterr().out
    assert "county" in output and "Chenggu#2023" in output
    assert User.objects.get(username="county").check_password("Chenggu#2023")


def test_it_changes_nothing_when_run_twice():
    call_command("load_demo")
    from advisors.models import Engagement
    from lawyers.models import Application, Certificate, LegalWorkPeriod, Membership, Person, Posting, Suspension

    # The history (imported) and the workflow (services) alike.
    models = (Unit, Person, Posting, LegalWorkPeriod, Certificate, Suspension, Membership, Application, Engagement)
    rows = {model: list(model.objects.order_by("pk").values_list("pk", "updated_at")) for model in models}
    accounts = list(User.objects.values_list("pk", "password"))
    events = AuditEvent.objects.count()
    call_command("load_demo")
    assert {model: list(model.objects.order_by("pk").values_list("pk", "updated_at")) for model in models} == rows
    assert list(User.objects.values_list("pk", "password")) == accounts
    # Not even the history import's own entry: the workbooks preview as unchanged and are not committed again.
    assert AuditEvent.objects.count() == events


def test_it_loads_people_at_every_stage_of_the_workflow():
    from lawyers.models import Application, Certificate, Person

    call_command("load_demo")
    assert set(Certificate.objects.values_list("status", flat=True)) == {"active", "suspended", "cancelled", "revoked"}
    assert {"submitted", "returned", "approved", "rejected", "certified"} <= set(
        Application.objects.values_list("status", flat=True)
    )
    assert Person.objects.filter(postings__ended_on__isnull=False).exists()  # a transfer
    assert Person.objects.filter(sitting_exam_this_year=True, legal_qualification_class="").exists()
    assert all(name.endswith("演示") for name in Person.objects.values_list("name", flat=True))
    lawyer = User.objects.get(username="lawyer")
    assert lawyer.person.certificates.get().status == "active"


def test_it_loads_a_discipline_notice_and_bar_memberships():
    from discipline.models import DisciplinaryAction
    from lawyers.models import Membership

    call_command("load_demo")
    action = DisciplinaryAction.objects.get()
    assert {a.side: a.acknowledged_at is not None for a in action.acknowledgements.all()} == {
        "justice_bureau": True,
        "bar_association": False,
    }
    assert Membership.objects.count() == 3


def test_it_shows_t1_reached_on_its_deadline_and_not_the_day_before():
    from datetime import date

    from coverage.engine import CoverageData
    from coverage.evaluation import evaluate
    from coverage.models import Target

    call_command("load_demo")
    t1 = Target.objects.get(code="T1")
    data = CoverageData.load()
    before = evaluate(t1, data.statuses_on(date(2023, 12, 30)), date(2023, 12, 30))
    on = evaluate(t1, data.statuses_on(date(2023, 12, 31)), date(2023, 12, 31))
    assert before.rate < 40 <= on.rate
