"""The 优秀 quota over the year's pool (county-wide by default, the unit, or the committee), its rounding, the
justice bureau's allocation of the county's places, the rules over scores as the year's configuration, and the
year's settings with their audit trail."""

from datetime import date
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from accounts.choices import Role
from assessments import services
from assessments.choices import CommitteeStatus, Grade, QuotaPool, QuotaRounding
from assessments.models import Assessment, AssessmentYear, Committee
from chenggu_lawyers.models import AuditEvent
from discipline.services import discipline_record
from matters import services as matter_services
from tests.conftest import make_unit, make_user
from tests.lawyers.factories import make_lawyer
from tests.matters.factories import assign, make_matter

from .conftest import score_all, this_year

pytestmark = pytest.mark.django_db


def submit_scores(users, committee, names, value=D(95)):
    for name in names:
        score_all(users[name], committee, value)
        services.scores_submit(actor=users[name], committee=committee)


def propose(member, committee, excellent=()):
    """`member` proposes 优秀 for the people named in `excellent`, 称职 for the others."""
    for assessment in committee.assessments.select_related("person"):
        grade = Grade.EXCELLENT if assessment.person.name in excellent else Grade.COMPETENT
        services.proposal_save(actor=member, assessment=assessment, proposed_grade=grade, comments="", recommended=True)


def test_it_counts_the_quota_county_wide_and_rounds_half_up_by_default(year):
    assert (year.quota_pool, year.quota_rounding) == (QuotaPool.COUNTY, QuotaRounding.HALF_UP)
    assert (year.rule_refusal_fails, year.rule_discipline_bars_excellent, year.rule_civil_grade_bars_excellent) == (
        True,
        True,
        True,
    )


def test_it_gives_a_unit_of_three_lawyers_an_excellent_place_under_the_county_pool(committees, users):
    # Unit A has three lawyers, unit B one: 20 % of 4 is 0.8, one place for the county, and A's share (0.75)
    # is the largest. Counted per committee and rounded down, A could never have one: floor(0.6) = 0.
    a, b = committees
    assert services.county_places(a.year) == 1
    assert (a.excellent_places, b.excellent_places) == (1, 0)
    submit_scores(users, a, ("committee_a", "committee_a2"))
    propose(users["committee_a"], a, excellent=("甲",))
    services.evaluation_submit(actor=users["committee_a"], committee=a)
    services.committee_review(actor=users["justice"], committee=a, decision="confirm")
    assert Assessment.objects.get(committee=a, person__name="甲").proposed_grade == Grade.EXCELLENT


def test_it_holds_a_committee_to_the_places_the_bureau_allocated(committees, users):
    a, b = committees
    services.places_allocate(actor=users["justice"], year=a.year, places={a.pk: 0, b.pk: 1})
    a.refresh_from_db()
    submit_scores(users, a, ("committee_a", "committee_a2"))
    propose(users["committee_a"], a, excellent=("甲",))
    with pytest.raises(ValidationError, match="allocated this committee 0 of the county's excellent places"):
        services.evaluation_submit(actor=users["committee_a"], committee=a)
    assert Committee.objects.get(pk=a.pk).status == CommitteeStatus.SCORING


def test_it_keeps_the_allocation_within_the_county_and_each_committee(committees, users):
    a, b = committees
    justice = users["justice"]
    with pytest.raises(ValidationError, match="2 places allocated; the county has 1"):
        services.places_allocate(actor=justice, year=a.year, places={a.pk: 1, b.pk: 1})
    with pytest.raises(ValidationError, match="between 0 and 1 places"):
        services.places_allocate(actor=justice, year=a.year, places={a.pk: 0, b.pk: 2})
    with pytest.raises(PermissionDenied):
        services.places_allocate(actor=users["county"], year=a.year, places={a.pk: 0, b.pk: 1})
    assert list(Committee.objects.order_by("pk").values_list("excellent_places", flat=True)) == [1, 0]


def test_it_never_takes_a_place_from_an_excellent_lawyer_already_submitted(committees, users):
    a, b = committees
    submit_scores(users, a, ("committee_a", "committee_a2"))
    propose(users["committee_a"], a, excellent=("甲",))
    services.evaluation_submit(actor=users["committee_a"], committee=a)
    with pytest.raises(ValidationError, match="keeps at least as many places"):
        services.places_allocate(actor=users["justice"], year=a.year, places={a.pk: 0, b.pk: 1})


def test_it_allocates_places_only_under_the_county_pool(committees, users):
    a, _b = committees
    AssessmentYear.objects.filter(pk=a.year_id).update(quota_pool=QuotaPool.COMMITTEE)
    with pytest.raises(ValidationError, match="not county-wide"):
        services.places_allocate(actor=users["justice"], year=a.year, places={a.pk: 1})


def test_it_counts_the_quota_per_committee_with_the_years_rounding(committees, users):
    a, _b = committees
    AssessmentYear.objects.filter(pk=a.year_id).update(quota_pool=QuotaPool.COMMITTEE, quota_rounding="ceiling")
    a = Committee.objects.get(pk=a.pk)
    submit_scores(users, a, ("committee_a", "committee_a2"))
    propose(users["committee_a"], a, excellent=("甲", "乙"))
    # Three lawyers at 20 %, rounded up: one place.
    with pytest.raises(ValidationError, match="the quota of 20% of the committee's 3 lawyers allows 1"):
        services.evaluation_submit(actor=users["committee_a"], committee=a)
    propose(users["committee_a"], a, excellent=("甲",))
    services.evaluation_submit(actor=users["committee_a"], committee=a)


@pytest.fixture
def system_committee(users, superior):
    """A vertical system's committee over two units: 税务一 with three lawyers, 税务二 with two."""
    y = this_year()
    units = [make_unit(name, superior=superior, management_mode="vertical") for name in ("税务一", "税务二")]
    issued = date(y - 1, 3, 1)
    for unit, names in zip(units, (("赵", "钱", "孙"), ("李", "周")), strict=True):
        officer = make_user(f"officer_{unit.pk}", Role.UNIT_OFFICER, unit)
        for name in names:
            make_lawyer(officer, users["justice"], issued_on=issued, name=name)
    draft = AssessmentYear(
        year=y,
        period_start=date(y, 1, 1),
        period_end=date(y, 12, 31),
        scoring_deadline=date(y, 12, 20),
        review_deadline=date(y, 12, 31),
        quota_pool=QuotaPool.UNIT,
    )
    year = services.year_open(actor=users["justice"], year=draft, units=units)
    member = make_user("tax_member", Role.COMMITTEE_MEMBER, units[0])
    committee = services.committee_create(
        actor=users["justice"], committee=Committee(year=year, system_organisation=superior), members=[member]
    )
    services.year_start_scoring(actor=users["justice"], year=year)
    users["tax_member"] = member
    return Committee.objects.get(pk=committee.pk)


def test_it_counts_the_quota_per_unit_inside_a_systems_committee(system_committee, users):
    committee = system_committee
    submit_scores(users, committee, ("tax_member",))
    # 税务二: 20 % of 2 is 0.4, no place; 税务一: 20 % of 3 is 0.6, one place (half up).
    propose(users["tax_member"], committee, excellent=("李",))
    with pytest.raises(ValidationError, match="税务二: 1 lawyers are proposed as excellent"):
        services.evaluation_submit(actor=users["tax_member"], committee=committee)
    propose(users["tax_member"], committee, excellent=("赵",))
    services.evaluation_submit(actor=users["tax_member"], committee=committee)


def test_it_bars_excellent_after_a_civil_servant_grade_incompetent_unless_the_year_drops_the_rule(committees, users):
    a, _b = committees
    assessment = a.assessments.get(person__name="甲")
    services.civil_grade_save(actor=users["officer_a"], assessment=assessment, grade="incompetent")
    with pytest.raises(ValidationError, match="civil-servant annual grade this year is incompetent"):
        services.proposal_save(
            actor=users["committee_a"],
            assessment=assessment,
            proposed_grade=Grade.EXCELLENT,
            comments="",
            recommended=True,
        )
    AssessmentYear.objects.filter(pk=a.year_id).update(rule_civil_grade_bars_excellent=False)
    services.proposal_save(
        actor=users["committee_a"], assessment=assessment, proposed_grade=Grade.EXCELLENT, comments="", recommended=True
    )
    assert Assessment.objects.get(pk=assessment.pk).proposed_grade == Grade.EXCELLENT


def test_it_refuses_to_confirm_an_excellent_barred_after_the_evaluation(committees, users):
    a, _b = committees
    submit_scores(users, a, ("committee_a", "committee_a2"))
    propose(users["committee_a"], a, excellent=("甲",))
    services.evaluation_submit(actor=users["committee_a"], committee=a)
    # The unit enters the civil-servant grade while the bureau has the evaluation.
    assessment = a.assessments.get(person__name="甲")
    services.civil_grade_save(actor=users["officer_a"], assessment=assessment, grade="incompetent")
    with pytest.raises(ValidationError, match="甲"):
        services.committee_review(actor=users["justice"], committee=a, decision="confirm")
    services.committee_review(actor=users["justice"], committee=a, decision="return", comment="甲年度考核不称职")
    assert Committee.objects.get(pk=a.pk).status == CommitteeStatus.RETURNED


def test_it_lets_a_year_switch_off_the_discipline_and_refusal_rules(committees, users, lawyers):
    a, _b = committees
    discipline_record(
        actor=users["officer_a"],
        person=lawyers[1],
        kind="government_sanction",
        measure="警告",
        authority="城固县监察委员会",
        decided_on=timezone.localdate(),
        summary="违反工作纪律",
    )
    lawyer = users["lawyer_a"]
    lawyer.person = lawyers[0]
    lawyer.save()
    (assignment,) = assign(users["officer_a"], make_matter(users["officer_a"]), lawyers[0])
    matter_services.assignment_decline(actor=lawyer, assignment=assignment, reason="太忙")
    matter_services.assignment_rule(actor=users["officer_a"], assignment=assignment, ruling="unjustified", note="无")
    refused, disciplined = (a.assessments.get(person=person) for person in lawyers[:2])
    member = users["committee_a"]
    with pytest.raises(ValidationError, match="fail"):
        services.proposal_save(
            actor=member, assessment=refused, proposed_grade=Grade.COMPETENT, comments="", recommended=True
        )
    AssessmentYear.objects.filter(pk=a.year_id).update(rule_refusal_fails=False, rule_discipline_bars_excellent=False)
    services.proposal_save(
        actor=member, assessment=refused, proposed_grade=Grade.COMPETENT, comments="", recommended=True
    )
    services.proposal_save(
        actor=member, assessment=disciplined, proposed_grade=Grade.EXCELLENT, comments="", recommended=True
    )
    assert Assessment.objects.get(pk=refused.pk).rule_note == ""


def test_it_saves_the_years_settings_in_the_audit_log(committees, users):
    year = AssessmentYear.objects.get(pk=committees[0].year_id)
    year.quota_rounding = QuotaRounding.CEILING
    year.rule_civil_grade_bars_excellent = False
    services.year_update(actor=users["justice"], year=year)
    event = AuditEvent.objects.filter(object_type="assessments.assessmentyear", action="update").latest("at")
    assert event.changes["before"] == {"quota_rounding": "half_up", "rule_civil_grade_bars_excellent": True}
    assert event.changes["after"] == {"quota_rounding": "ceiling", "rule_civil_grade_bars_excellent": False}
    with pytest.raises(PermissionDenied):
        services.year_update(actor=users["officer_a"], year=year)


def test_it_refuses_settings_that_leave_fewer_places_than_allocated(committees, users):
    year = AssessmentYear.objects.get(pk=committees[0].year_id)
    year.quota_rounding = QuotaRounding.FLOOR  # 20 % of 4 rounded down: no place, but one is allocated
    with pytest.raises(ValidationError, match="Reduce the allocation first"):
        services.year_update(actor=users["justice"], year=year)
    assert AssessmentYear.objects.get(pk=year.pk).quota_rounding == QuotaRounding.HALF_UP


def test_it_freezes_the_settings_once_the_year_is_published(year, users):
    AssessmentYear.objects.filter(pk=year.pk).update(status="published")
    year.excellent_quota_percent = D(30)
    with pytest.raises(ValidationError, match="published"):
        services.year_update(actor=users["justice"], year=year)


def test_it_shares_the_places_when_a_year_being_scored_switches_to_the_county_pool(committees, users):
    a, b = committees
    Committee.objects.update(excellent_places=None)
    AssessmentYear.objects.filter(pk=a.year_id).update(quota_pool=QuotaPool.COMMITTEE)
    year = AssessmentYear.objects.get(pk=a.year_id)
    year.quota_pool = QuotaPool.COUNTY
    services.year_update(actor=users["justice"], year=year)
    assert list(Committee.objects.order_by("pk").values_list("excellent_places", flat=True)) == [1, 0]
