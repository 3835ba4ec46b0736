"""The demo people's records hold together as a user reads them: application steps in the order and on the
days they happened, bar membership after the certificate, the retired off the roster, and the unit page's
and the statistics' figures agreeing with the coverage computation."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from coverage.engine import CoverageData
from lawyers.models import Application, Membership, Person
from tests.conftest import sign_in
from units.models import Unit

pytestmark = pytest.mark.django_db

MARKET = "城固县市场监督管理局"
LAND = "城固县自然资源局"


def test_the_demo_timelines_hold_together():
    call_command("load_demo")
    today = timezone.localdate()
    applications = list(Application.objects.prefetch_related("steps").select_related("certificate"))
    assert applications
    for application in applications:
        steps = list(application.steps.all())
        days = [timezone.localtime(step.created_at).date() for step in steps]
        assert days == sorted(days) and days[0] >= application.consent_on, application
        assert timezone.localtime(application.created_at).date() == days[0]
        assert application.updated_at == steps[-1].created_at
        assert days[-1] < today  # nothing stamped with the load time
        certificate = getattr(application, "certificate", None)
        if certificate is not None:
            assert steps[-1].action == "certify" and days[-1] == certificate.issued_on
            assert application.consent_on <= certificate.issued_on
    for membership in Membership.objects.select_related("person"):
        first = membership.person.certificates.order_by("issued_on").first()
        assert membership.joined_on >= first.issued_on, membership.person
    zhang = Person.objects.get(name="张律师演示")
    assert zhang.membership.joined_on > zhang.certificates.get().issued_on
    assert zhang.applications.get().consent_on < zhang.certificates.get().issued_on
    retired = Person.objects.get(name="杨退休演示")
    assert [(p.started_on.isoformat(), p.ended_on.isoformat()) for p in retired.postings.all()] == [
        ("2018-01-01", "2024-06-30")
    ]
    assert all(
        timedelta(0) < today - a.consent_on < timedelta(days=60) for a in applications if a.status == "submitted"
    )


def test_the_demo_units_pages_agree_with_the_coverage_computation(client):
    call_command("load_demo")
    market = Unit.objects.get(name=MARKET, abolished_on__isnull=True)
    officer = sign_in(client, User.objects.get(username="officer"))
    page = officer.get(reverse("units:unit_detail", args=[market.pk]))
    status = CoverageData.load(unit_ids=[market.pk]).statuses_on(timezone.localdate())[market.pk]
    assert page.context["lawyer_count"] == len(status.lawyers) == len(page.context["lawyers"])
    assert {p.name for p in page.context["lawyers"]} == {name for _pk, name, _number in status.lawyers}
    assert [p.name for p in page.context["suspended_lawyers"]] == ["陈暂停演示"]
    r12 = {p.name for p in page.context["r12_people"]}
    assert "杨退休演示" not in r12 and "陈暂停演示" not in r12
    people = officer.get(reverse("lawyers:person_list"), {"lawyer": "true"})
    assert {row.record.name for row in people.context["table"].page.object_list} == {
        p.name for p in page.context["lawyers"]
    }

    # 城固县自然资源局's matters of the year went to its legal advisor: the advisor is an assignee row.
    stats = sign_in(client, User.objects.get(username="officer2")).get(reverse("matters:statistics")).context
    ((land, _values),) = stats["unit_rows"]
    assert land.name == LAND and land.assignments > 0
    assert sum(row["assigned"] for row, _values in stats["assignee_rows"]) == land.assignments
    assert any(row["kind"] == "advisor" for row, _values in stats["assignee_rows"])
