from datetime import date

import pytest
from django.utils import timezone

from accounts.choices import Role
from assessments import services
from assessments.models import AssessmentYear, Committee
from tests.conftest import make_user
from tests.lawyers.factories import make_lawyer


def this_year() -> int:
    return timezone.localdate().year


@pytest.fixture(autouse=True)
def _english_messages(english):
    """These tests match messages in English (see tests/conftest.py `english`)."""


@pytest.fixture
def year(users, unit_a, unit_b):
    y = this_year()
    draft = AssessmentYear(
        year=y,
        period_start=date(y, 1, 1),
        period_end=date(y, 12, 31),
        scoring_deadline=date(y, 12, 20),
        review_deadline=date(y, 12, 31),
    )
    return services.year_open(actor=users["justice"], year=draft, units=[unit_a, unit_b])


@pytest.fixture
def lawyers(users):
    """Three lawyers in unit A, one in unit B, all certified before the year."""
    issued = date(this_year() - 1, 3, 1)
    a = [
        make_lawyer(users["officer_a"], users["justice"], issued_on=issued, name=name)[0] for name in ("甲", "乙", "丙")
    ]
    b = make_lawyer(users["officer_b"], users["justice"], issued_on=issued, name="丁")[0]
    return a + [b]


@pytest.fixture
def committees(year, users, unit_a, unit_b, lawyers):
    """A committee per unit (A: committee_a and committee_a2; B: committee_b), scoring started."""
    users["committee_a2"] = make_user("committee_a2", Role.COMMITTEE_MEMBER, unit_a)
    a = services.committee_create(
        actor=users["justice"],
        committee=Committee(year=year, unit=unit_a),
        members=[users["committee_a"], users["committee_a2"]],
    )
    b = services.committee_create(
        actor=users["justice"], committee=Committee(year=year, unit=unit_b), members=[users["committee_b"]]
    )
    services.year_start_scoring(actor=users["justice"], year=year)
    return Committee.objects.get(pk=a.pk), Committee.objects.get(pk=b.pk)


def score_all(member, committee, value):
    """`member` scores every lawyer of `committee` `value` on every criterion."""
    criteria = list(committee.year.criteria.values_list("pk", flat=True))
    for assessment in committee.assessments.all():
        services.scores_save(actor=member, assessment=assessment, values=dict.fromkeys(criteria, value))
