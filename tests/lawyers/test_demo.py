"""The demo people's records hold together as a user reads them: application steps in the order and on the
days they happened, bar membership after the certificate, the retired off the roster, and the unit page's
and the statistics' figures agreeing with the coverage computation. Their history comes through the history
import, as a county's onboarding would bring it, and gives the dashboard's R1.2 findings something to show."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from chenggu_lawyers.management.commands.load_demo import Command
from chenggu_lawyers.models import AuditEvent
from coverage.demo import MARKER
from coverage.engine import CoverageData
from coverage.evaluation import advisor_only_units, r12_units
from lawyers import services
from lawyers.demo import DEMO_PEOPLE, HISTORY_FILE, demo_history, demo_id_number
from lawyers.history import HistoryImporter, build_workbook
from lawyers.models import Application, Membership, Person
from tests.conftest import sign_in
from units.models import Unit

pytestmark = pytest.mark.django_db

MARKET = "城固县市场监督管理局"
LAND = "城固县自然资源局"
FORMER = "城固县工商行政管理局"


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
    # 张's certificate is history (imported, no application); the first one through the portal is recent.
    assert not zhang.applications.exists() and zhang.certificates.get().application is None
    (certified,) = [a for a in applications if a.status == "certified"]
    assert certified.person.name == "何新证演示"
    assert timedelta(0) < today - certified.certificate.issued_on < timedelta(days=60)
    # Moved from the old office in the 2019 reform, certified in 2019, retired at 60 in 2024.
    retired = Person.objects.get(name="杨退休演示")
    assert [(p.unit.name, p.started_on.isoformat(), p.ended_on.isoformat()) for p in retired.postings.all()] == [
        (FORMER, "2003-03-01", "2019-03-01"),
        (MARKET, "2019-03-01", "2024-02-01"),
    ]
    certificate = retired.certificates.get()
    assert (certificate.issued_on.isoformat(), certificate.status, certificate.cancellation_reason) == (
        "2019-05-06",
        "cancelled",
        "retired",
    )
    assert certificate.ended_on.isoformat() == "2024-02-01"
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


def test_the_demo_history_comes_through_the_history_import(tmp_path):
    call_command("load_demo", stdout=StringIO())
    justice = User.objects.get(username="justice")
    # Two workbooks, imported by the justice bureau as a county onboarding would: the workflow people's and the
    # coverage demo's. Every person, posting, period of legal work, certificate, suspension and membership of
    # the history was written by them.
    imports = AuditEvent.objects.filter(action="import", object_type="lawyers.history")
    assert imports.count() == 2 and set(imports.values_list("outcome", flat=True)) == {"success"}
    for model in ("person", "posting", "legalworkperiod", "suspension", "membership"):
        created = AuditEvent.objects.filter(action="create", object_type=f"lawyers.{model}")
        assert created.exists() and all(event.changes.get("history") for event in created), model
        assert set(created.values_list("actor", flat=True)) == {justice.pk}
    # All certificates but the one recorded through the workflow, recently.
    certificates = AuditEvent.objects.filter(action="create", object_type="lawyers.certificate")
    assert {event.object_repr for event in certificates if not event.changes.get("history")} == {
        str(application.certificate) for application in Application.objects.filter(status="certified")
    }
    # The same workbook again: nothing new, nothing changed.
    path = tmp_path / "again.xlsx"
    path.write_bytes(build_workbook(demo_history()))
    preview = HistoryImporter(user=justice).preview(path)
    assert preview.ok and (preview.new_total, preview.changed_total) == (0, 0) and preview.unchanged_total > 0

    # The dated facts are there for every demo person: the day they qualified, their legal work.
    people = Person.objects.all()
    qualified = [p for p in people if p.is_qualified]
    assert qualified and all(p.qualified_on is not None for p in qualified)
    assert all(p.legal_work_periods.exists() for p in people)
    assert Person.objects.filter(name__contains=MARKER).count() > 10
    # The reform: the old office abolished on 2019-03-01, its staff starting in the market regulator that day.
    former = Unit.objects.get(name=FORMER)
    assert former.abolished_on.isoformat() == "2019-03-01"
    assert {p.person.name for p in former.postings.select_related("person")} == {"陈暂停演示", "杨退休演示"}
    assert AuditEvent.objects.filter(object_type="units.unit", changes__reorganised_on="2019-03-01").exists()


def test_the_demo_dashboard_has_r12_findings():
    call_command("load_demo", stdout=StringIO())
    data = CoverageData.load()
    # Today: qualified full-time legal staff and no public lawyer in the natural-resources bureau (R1.2).
    assert LAND in {status.unit.name for status, _count in r12_units(data.statuses_on(timezone.localdate()))}
    # On T1's deadline: R1.2 units, one of them served by a legal advisor only (certified its own in 2024).
    year_end = data.statuses_on(date(2023, 12, 31))
    assert len(r12_units(year_end)) >= 2
    (advised,) = advisor_only_units(year_end)
    assert advised.engagements and not advised.lawyers
    later = data.statuses_on(date(2024, 12, 31))[advised.unit.id]
    assert later.has_lawyer and not later.engagements


def test_demo_people_of_an_earlier_demo_are_left_as_they_are():
    """A database loaded before the demo went through the history import keeps its people; load_demo says so."""
    command = Command()
    command.load_units()
    command.load_accounts()
    officer = User.objects.get(username="officer")
    zhang = DEMO_PEOPLE[0]
    services.person_register(
        actor=officer,
        person=Person(
            unit=officer.unit, name=zhang.name, sex=zhang.sex, id_number=demo_id_number(0, zhang.birth, zhang.sex)
        ),
        joined_on=date(2018, 1, 1),
    )
    output = StringIO()
    call_command("load_demo", stdout=output)
    assert "earlier version of the demo" in output.getvalue()
    assert not AuditEvent.objects.filter(action="import", object_repr=HISTORY_FILE).exists()
    assert list(Person.objects.exclude(name__contains=MARKER).values_list("name", flat=True)) == [zhang.name]
