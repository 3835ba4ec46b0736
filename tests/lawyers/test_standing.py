"""Who is a public lawyer today: the unit page, the people list and its filter agree with the coverage
computation (DOMAIN.md: a certificate in force; a suspended one is not), while the workflow still treats a
suspended certificate as live."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from coverage.engine import CoverageData
from lawyers import services
from lawyers.choices import Standing
from lawyers.models import Person
from tests.lawyers.factories import make_lawyer, make_person

pytestmark = pytest.mark.django_db

PEOPLE = reverse("lawyers:person_list")


def unit_page(unit):
    return reverse("units:unit_detail", args=[unit.pk])


@pytest.fixture
def staff(users):
    """Unit A: 甲 in force, 乙 suspended (涉嫌违纪), 丙 qualified without a certificate."""
    officer, justice = users["officer_a"], users["justice"]
    in_force, _c = make_lawyer(officer, justice, name="甲在职", issued_on=date(2023, 3, 1))
    suspended, certificate = make_lawyer(officer, justice, name="乙暂停", issued_on=date(2023, 3, 1))
    services.certificate_suspend(
        actor=justice, certificate=certificate, on=date(2024, 9, 1), reason="涉嫌违纪，正在调查。"
    )
    waiting = make_person(officer, name="丙待申请")
    return {"in_force": in_force, "suspended": suspended, "waiting": waiting}


def engine_lawyers(unit):
    status = CoverageData.load(unit_ids=[unit.pk]).statuses_on(timezone.localdate())[unit.pk]
    return {name for _pk, name, _number in status.lawyers}


def test_the_unit_page_counts_the_lawyers_the_coverage_computation_counts(login, staff, unit_a):
    response = login("officer_a").get(unit_page(unit_a))
    assert engine_lawyers(unit_a) == {"甲在职"}
    assert response.context["lawyer_count"] == 1
    assert [person.name for person in response.context["lawyers"]] == ["甲在职"]
    # The suspended lawyer is shown apart, not counted, and not put forward again under R1.2.
    assert [person.name for person in response.context["suspended_lawyers"]] == ["乙暂停"]
    assert [person.name for person in response.context["r12_people"]] == ["丙待申请"]
    body = response.content.decode()
    assert f'data-suspended="{staff["suspended"].pk}"' in body and f'data-lawyer="{staff["suspended"].pk}"' not in body
    headcount = response.context["headcount_row"][1]
    assert headcount[timezone.localdate().year] == response.context["lawyer_count"]


def test_a_public_lawyer_sees_the_units_count_with_only_their_own_name(login, users, staff, unit_a):
    users["lawyer_a"].person = staff["in_force"]
    users["lawyer_a"].save()
    make_lawyer(users["officer_a"], users["justice"], name="丁同事", issued_on=date(2023, 3, 1))
    response = login("lawyer_a").get(unit_page(unit_a))
    assert response.context["lawyer_count"] == 2 == len(engine_lawyers(unit_a))
    assert [person.name for person in response.context["lawyers"]] == ["甲在职"]
    assert response.context["unlisted_lawyers"] == 1
    assert "丁同事" not in response.content.decode()


def test_the_people_list_says_yes_suspended_or_no(login, staff):
    response = login("officer_a").get(PEOPLE)
    shown = {row.record.name: row.get_cell("standing") for row in response.context["table"].page.object_list}
    assert shown == {"甲在职": "是", "乙暂停": "暂停执业", "丙待申请": "否"}


@pytest.mark.parametrize(
    "value,expected",
    [("true", {"甲在职"}), ("suspended", {"乙暂停"}), ("false", {"丙待申请"}), ("", {"甲在职", "乙暂停", "丙待申请"})],
)
def test_the_public_lawyer_filter_leaves_the_suspended_out_of_yes(login, staff, value, expected):
    response = login("officer_a").get(PEOPLE, {"lawyer": value})
    assert {row.record.name for row in response.context["table"].page.object_list} == expected


def test_the_standing_follows_the_days_of_the_suspension_and_the_posting(staff, unit_b, users):
    suspended = Person.objects.with_standing
    assert suspended(date(2024, 8, 31)).get(pk=staff["suspended"].pk).standing == Standing.IN_FORCE
    assert suspended(date(2024, 9, 1)).get(pk=staff["suspended"].pk).standing == Standing.SUSPENDED
    assert suspended(date(2023, 2, 28)).get(pk=staff["in_force"].pk).standing == Standing.NONE
    services.person_transfer(actor=users["justice"], person=staff["in_force"], to_unit=unit_b, on=date(2025, 7, 1))
    # In force in the new unit from the day of the transfer, as the coverage computation counts it.
    assert suspended(date(2025, 7, 1)).get(pk=staff["in_force"].pk).standing == Standing.IN_FORCE
    assert engine_lawyers(unit_b) == {"甲在职"}


def test_the_workflow_still_treats_a_suspended_certificate_as_live(users, staff):
    person = staff["suspended"]
    with pytest.raises(ValidationError):
        services.application_submit(actor=users["officer_a"], person=person, consent_on=date(2025, 1, 1))
    assert Person.objects.with_live_certificate().get(pk=person.pk).has_certificate
    services.membership_record(actor=users["bar"], person=person, number="HZ001", joined_on=date(2023, 6, 1))
    services.certificate_reinstate(actor=users["justice"], certificate=person.certificates.get(), on=date(2025, 1, 1))
    assert Person.objects.with_standing().get(pk=person.pk).standing == Standing.IN_FORCE


def test_the_person_page_does_not_tick_no_investigation_beside_a_current_suspension(login, staff):
    response = login("officer_a").get(reverse("lawyers:person_detail", args=[staff["suspended"].pk]))
    item = next(item for item in response.context["checklist"] if item.code == "investigation")
    assert not item.met and not response.context["eligible"]
    body = response.content.decode()
    assert "2024-09-01" in str(item.reason) and str(item.reason) in body
    # The list's eligibility filter reads the same rule.
    eligible = login("officer_a").get(PEOPLE, {"eligible": "true"}).context["table"].page.object_list
    assert {row.record.name for row in eligible} == {"甲在职", "丙待申请"}
