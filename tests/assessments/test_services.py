"""The workflow: open, committees, scoring, proposals and their rules, review, publication, objections."""

from datetime import timedelta
from decimal import Decimal as D

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from assessments import services
from assessments.choices import CommitteeStatus, Grade, YearStatus
from assessments.models import Assessment, AssessmentYear, Committee, Score
from discipline.services import discipline_record
from matters import services as matter_services
from notices.models import Notice
from tests.matters.factories import assign, make_matter

from .conftest import score_all

pytestmark = pytest.mark.django_db


def propose_all(member, committee, grade=Grade.COMPETENT):
    for assessment in committee.assessments.all():
        services.proposal_save(
            actor=member, assessment=assessment, proposed_grade=grade, comments="好", recommended=True
        )


def through_scoring(users, committee, members=("committee_a", "committee_a2"), value=D(80)):
    for name in members:
        score_all(users[name], committee, value)
        services.scores_submit(actor=users[name], committee=committee)


def test_it_opens_a_year_with_the_default_criteria_scale_and_quota(year):
    assert list(year.criteria.values_list("name", "weight")) == [
        ("工作完成情况", D(40)),
        ("工作效率", D(30)),
        ("服务质量", D(30)),
    ]
    assert set(year.scale.values_list("label", flat=True)) == {"优秀", "称职", "基本称职", "不称职"}
    assert year.excellent_quota_percent == D(20)
    assert year.status == YearStatus.OPEN


def test_it_refuses_to_open_a_year_for_a_unit_officer(users):
    with pytest.raises(PermissionDenied):
        services.year_open(actor=users["officer_a"], year=AssessmentYear(), units=[])


def test_it_refuses_to_start_scoring_while_a_unit_has_no_committee(year, users, unit_a, lawyers):
    services.committee_create(
        actor=users["justice"], committee=Committee(year=year, unit=unit_a), members=[users["committee_a"]]
    )
    with pytest.raises(ValidationError, match="no committee"):
        services.year_start_scoring(actor=users["justice"], year=year)
    assert not Assessment.objects.exists()


def test_it_lets_a_unit_officer_form_only_their_own_units_committee(year, users, unit_b):
    with pytest.raises(PermissionDenied):
        services.committee_create(
            actor=users["officer_a"], committee=Committee(year=year, unit=unit_b), members=[users["committee_b"]]
        )


def test_it_lists_each_committees_lawyers_when_scoring_starts(committees, lawyers):
    a, b = committees
    assert sorted(a.assessments.values_list("person__name", flat=True)) == ["丙", "乙", "甲"]
    assert list(b.assessments.values_list("person__name", flat=True)) == ["丁"]
    assert a.year.status == YearStatus.SCORING
    assert Notice.objects.filter(kind="assessment_scoring").count() == 3


def test_it_refuses_editing_the_rules_once_scoring_started(committees):
    with pytest.raises(ValidationError):
        services.year_check_open(committees[0].year)


def test_it_refuses_a_member_of_another_committee(committees, users):
    a, _b = committees
    with pytest.raises(PermissionDenied):
        services.scores_save(actor=users["committee_b"], assessment=a.assessments.first(), values={})


def test_it_hides_other_members_scores_until_the_committees_evaluation_is_made(committees, users):
    a, _b = committees
    score_all(users["committee_a"], a, D(80))
    score_all(users["committee_a2"], a, D(90))
    mine = Score.objects.visible_to(users["committee_a2"])
    assert set(mine.values_list("member__username", flat=True)) == {"committee_a2"}
    # Having submitted is not enough: committee_a's scores are still being typed, and then still only theirs.
    services.scores_submit(actor=users["committee_a2"], committee=a)
    mine = Score.objects.visible_to(users["committee_a2"])
    assert set(mine.values_list("member__username", flat=True)) == {"committee_a2"}
    services.scores_submit(actor=users["committee_a"], committee=a)
    assert set(Score.objects.visible_to(users["committee_a"]).values_list("member__username", flat=True)) == {
        "committee_a"
    }
    propose_all(users["committee_a"], a)
    services.evaluation_submit(actor=users["committee_a"], committee=a)
    both = Score.objects.visible_to(users["committee_a2"])
    assert set(both.values_list("member__username", flat=True)) == {"committee_a", "committee_a2"}
    assert not Score.objects.visible_to(users["officer_a"]).exists()
    assert not Score.objects.visible_to(users["committee_b"]).exists()


def test_it_refuses_submitting_incomplete_scores(committees, users):
    a, _b = committees
    services.scores_save(
        actor=users["committee_a"], assessment=a.assessments.first(), values={a.year.criteria.first().pk: D(80)}
    )
    with pytest.raises(ValidationError, match="Score every criterion"):
        services.scores_submit(actor=users["committee_a"], committee=a)


def test_it_refuses_changing_scores_after_submitting(committees, users):
    a, _b = committees
    through_scoring(users, a, members=("committee_a",))
    with pytest.raises(ValidationError, match="already submitted"):
        score_all(users["committee_a"], a, D(60))


def test_it_keeps_both_members_scores_saved_from_forms_built_at_the_same_moment(committees, users):
    a, _b = committees
    assessment = a.assessments.first()
    criterion = a.year.criteria.first()
    # Both members opened the form on the same state, then saved one after the other.
    first = Assessment.objects.get(pk=assessment.pk)
    second = Assessment.objects.get(pk=assessment.pk)
    services.scores_save(actor=users["committee_a"], assessment=first, values={criterion.pk: D(70)})
    services.scores_save(actor=users["committee_a2"], assessment=second, values={criterion.pk: D(95)})
    assert dict(Score.objects.filter(assessment=assessment).values_list("member__username", "value")) == {
        "committee_a": D(70),
        "committee_a2": D(95),
    }


def test_it_scores_the_committee_as_the_mean_of_submitted_totals(committees, users):
    a, _b = committees
    score_all(users["committee_a"], a, D(80))
    score_all(users["committee_a2"], a, D(91))
    services.scores_submit(actor=users["committee_a"], committee=a)
    assert set(services.committee_scores(a).values()) == {D("80.00")}
    services.scores_submit(actor=users["committee_a2"], committee=a)
    assert set(services.committee_scores(a).values()) == {D("85.50")}


def test_it_fails_a_lawyer_who_refused_without_a_proper_reason(committees, users, lawyers):
    a, _b = committees
    lawyer = users["lawyer_a"]
    lawyer.person = lawyers[0]
    lawyer.save()
    (assignment,) = assign(users["officer_a"], make_matter(users["officer_a"]), lawyers[0])
    matter_services.assignment_decline(actor=lawyer, assignment=assignment, reason="太忙")
    matter_services.assignment_rule(
        actor=users["officer_a"], assignment=assignment, ruling="unjustified", note="无正当理由"
    )
    assessment = a.assessments.get(person=lawyers[0])
    with pytest.raises(ValidationError, match="fail"):
        services.proposal_save(
            actor=users["committee_a"],
            assessment=assessment,
            proposed_grade=Grade.COMPETENT,
            comments="",
            recommended=True,
        )
    services.proposal_save(
        actor=users["committee_a"],
        assessment=assessment,
        proposed_grade=Grade.INCOMPETENT,
        comments="",
        recommended=False,
    )
    assessment.refresh_from_db()
    assert assessment.proposed_grade == Grade.INCOMPETENT
    assert assessment.rule_note == "Refused an assignment without a proper reason"


def test_it_bars_excellent_after_a_disciplinary_action_in_the_year(committees, users, lawyers):
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
    assessment = a.assessments.get(person=lawyers[1])
    with pytest.raises(ValidationError, match="disciplinary"):
        services.proposal_save(
            actor=users["committee_a"],
            assessment=assessment,
            proposed_grade=Grade.EXCELLENT,
            comments="",
            recommended=True,
        )
    assessment.refresh_from_db()
    assert assessment.proposed_grade == ""


def test_it_rechecks_the_rules_when_the_evaluation_is_submitted(committees, users, lawyers):
    a, _b = committees
    through_scoring(users, a)
    propose_all(users["committee_a"], a, Grade.COMPETENT)
    lawyer = users["lawyer_a"]
    lawyer.person = lawyers[0]
    lawyer.save()
    (assignment,) = assign(users["officer_a"], make_matter(users["officer_a"]), lawyers[0])
    matter_services.assignment_decline(actor=lawyer, assignment=assignment, reason="太忙")
    matter_services.assignment_rule(
        actor=users["officer_a"], assignment=assignment, ruling="unjustified", note="无理由"
    )
    with pytest.raises(ValidationError, match="甲"):
        services.evaluation_submit(actor=users["committee_a"], committee=a)
    a.refresh_from_db()
    assert a.status == CommitteeStatus.SCORING


def test_it_refuses_more_excellent_than_the_committees_share_when_the_year_counts_per_committee(committees, users):
    a, _b = committees
    AssessmentYear.objects.filter(pk=a.year_id).update(quota_pool="committee", quota_rounding="floor")
    a = Committee.objects.get(pk=a.pk)
    through_scoring(users, a, value=D(95))
    # Three lawyers at 20 %, rounded down: floor(0.6) = 0 may be excellent.
    first = a.assessments.first()
    services.proposal_save(
        actor=users["committee_a"], assessment=first, proposed_grade=Grade.EXCELLENT, comments="", recommended=True
    )
    for other in a.assessments.exclude(pk=first.pk):
        services.proposal_save(
            actor=users["committee_a"], assessment=other, proposed_grade=Grade.COMPETENT, comments="", recommended=True
        )
    with pytest.raises(ValidationError, match="quota"):
        services.evaluation_submit(actor=users["committee_a"], committee=a)
    a.year.excellent_quota_percent = D(34)
    a.year.save()
    services.evaluation_submit(actor=users["committee_a"], committee=Committee.objects.get(pk=a.pk))


def test_it_waits_for_every_member_before_the_evaluation(committees, users):
    a, _b = committees
    through_scoring(users, a, members=("committee_a",))
    propose_all(users["committee_a"], a)
    with pytest.raises(ValidationError, match="Every member"):
        services.evaluation_submit(actor=users["committee_a"], committee=a)


def submitted(users, committee):
    through_scoring(users, committee)
    propose_all(users["committee_a"], committee)
    services.evaluation_submit(actor=users["committee_a"], committee=committee)
    committee.refresh_from_db()
    return committee


def test_it_stores_score_and_fact_sheet_at_the_evaluation(committees, users):
    a = submitted(users, committees[0])
    assert a.status == CommitteeStatus.SUBMITTED
    assessment = a.assessments.first()
    assert assessment.score == D("80.00")
    assert assessment.facts["assigned"] == 0
    assert Notice.objects.filter(kind="assessment_submitted", recipient=users["justice"]).exists()


def test_it_returns_with_a_reason_and_lets_the_committee_revise(committees, users):
    a = submitted(users, committees[0])
    with pytest.raises(ValidationError):
        services.committee_review(actor=users["justice"], committee=a, decision="return", comment="")
    services.committee_review(actor=users["justice"], committee=a, decision="return", comment="请补充评语")
    a.refresh_from_db()
    assert a.status == CommitteeStatus.RETURNED and a.review_comment == "请补充评语"
    # Scoring reopens: the submissions are withdrawn, a member changes a score, and all submit again.
    assert not a.submissions.exists()
    score_all(users["committee_a"], a, D(70))
    propose_all(users["committee_a"], a, Grade.BASICALLY_COMPETENT)
    with pytest.raises(ValidationError, match="Every member"):
        services.evaluation_submit(actor=users["committee_a"], committee=a)
    for name in ("committee_a", "committee_a2"):
        services.scores_submit(actor=users[name], committee=a)
    services.evaluation_submit(actor=users["committee_a"], committee=a)
    assert set(a.assessments.values_list("score", flat=True)) == {D("75.00")}
    a.refresh_from_db()
    assert a.status == CommitteeStatus.SUBMITTED


def test_it_lets_only_the_justice_bureau_review(committees, users):
    a = submitted(users, committees[0])
    with pytest.raises(PermissionDenied):
        services.committee_review(actor=users["county"], committee=a, decision="confirm")


def test_it_refuses_reviewing_an_evaluation_not_submitted(committees, users):
    with pytest.raises(ValidationError):
        services.committee_review(actor=users["justice"], committee=committees[0], decision="confirm")


def test_it_publishes_on_confirmation_and_closes_the_year_with_the_last_committee(committees, users, lawyers):
    a = submitted(users, committees[0])
    services.committee_review(actor=users["justice"], committee=a, decision="confirm")
    a.refresh_from_db()
    assert a.status == CommitteeStatus.PUBLISHED and a.published_at
    assert AssessmentYear.objects.get().status == YearStatus.SCORING
    b = committees[1]
    score_all(users["committee_b"], b, D(75))
    services.scores_submit(actor=users["committee_b"], committee=b)
    propose_all(users["committee_b"], b)
    services.evaluation_submit(actor=users["committee_b"], committee=b)
    services.committee_review(actor=users["justice"], committee=b, decision="confirm")
    assert AssessmentYear.objects.get().status == YearStatus.PUBLISHED


def published(users, committees, lawyers):
    a = submitted(users, committees[0])
    services.committee_review(actor=users["justice"], committee=a, decision="confirm")
    lawyer = users["lawyer_a"]
    lawyer.person = lawyers[0]
    lawyer.save()
    return a.assessments.get(person=lawyers[0])


def test_it_sends_each_member_to_their_committee_and_each_lawyer_to_their_result(committees, users, lawyers, login):
    a, b = committees
    scoring = {n.recipient.username: n.url for n in Notice.objects.filter(kind="assessment_scoring")}
    assert scoring == {
        "committee_a": a.get_absolute_url(),
        "committee_a2": a.get_absolute_url(),
        "committee_b": b.get_absolute_url(),
    }
    users["lawyer_a"].person = lawyers[0]
    users["lawyer_a"].save()
    submitted(users, a)
    services.committee_review(actor=users["justice"], committee=a, decision="confirm")
    notice = Notice.objects.get(kind="assessment_published")
    assert notice.recipient == users["lawyer_a"]
    assert notice.url == a.assessments.get(person=lawyers[0]).get_absolute_url()
    assert login("lawyer_a").get(notice.url).status_code == 200
    assert login("committee_b").get(scoring["committee_b"]).status_code == 200


def test_it_shows_a_lawyer_only_their_own_published_result(committees, users, lawyers):
    lawyer = users["lawyer_a"]
    lawyer.person = lawyers[0]
    lawyer.save()
    assert not Assessment.objects.visible_to(lawyer).exists()
    published(users, committees, lawyers)
    assert list(Assessment.objects.visible_to(lawyer).values_list("person__name", flat=True)) == ["甲"]


def test_it_takes_an_objection_within_five_working_days_and_the_committee_answers(committees, users, lawyers):
    assessment = published(users, committees, lawyers)
    objection = services.objection_file(actor=users["lawyer_a"], assessment=assessment, text="评分偏低")
    with pytest.raises(ValidationError, match="already"):
        services.objection_file(actor=users["lawyer_a"], assessment=assessment, text="再次")
    assert Notice.objects.filter(kind="assessment_objection", recipient=users["committee_a2"]).exists()
    with pytest.raises(PermissionDenied):
        services.objection_answer(actor=users["committee_b"], objection=objection, answer="维持")
    services.objection_answer(actor=users["committee_a"], objection=objection, answer="维持原评定")
    objection.refresh_from_db()
    assert objection.answer == "维持原评定" and objection.answered_by == users["committee_a"]
    assert Notice.objects.filter(kind="assessment_objection_answered", recipient=users["lawyer_a"]).exists()


def test_it_refuses_an_objection_after_five_working_days(committees, users, lawyers):
    assessment = published(users, committees, lawyers)
    deadline = services.objection_deadline(Committee.objects.get(pk=assessment.committee_id))
    assert deadline >= timezone.localdate() + timedelta(days=5)
    with (
        time_machine.travel(f"{deadline + timedelta(days=1)} 12:00 +0800", tick=False),
        pytest.raises(ValidationError, match="due by"),
    ):
        services.objection_file(actor=users["lawyer_a"], assessment=assessment, text="迟到")


def test_it_refuses_an_objection_to_someone_elses_result(committees, users, lawyers):
    assessment = published(users, committees, lawyers)
    other = assessment.committee.assessments.exclude(pk=assessment.pk).first()
    with pytest.raises(PermissionDenied):
        services.objection_file(actor=users["lawyer_a"], assessment=other, text="x")


def test_it_lets_the_unit_enter_the_civil_servant_grade(committees, users, lawyers):
    a, _b = committees
    assessment = a.assessments.first()
    services.civil_grade_save(actor=users["officer_a"], assessment=assessment, grade="excellent")
    assessment.refresh_from_db()
    assert assessment.civil_servant_grade == "excellent"
    with pytest.raises(PermissionDenied):
        services.civil_grade_save(actor=users["officer_b"], assessment=assessment, grade="competent")


def test_it_lists_units_not_yet_finished(committees, users, lawyers, unit_a, unit_b):
    a = submitted(users, committees[0])
    assert list(services.unfinished_units(a.year)) == [unit_a, unit_b] or set(services.unfinished_units(a.year)) == {
        unit_a,
        unit_b,
    }
    services.committee_review(actor=users["justice"], committee=a, decision="confirm")
    assert list(services.unfinished_units(a.year)) == [unit_b]
