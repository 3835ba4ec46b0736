"""The matter workflow (指派 → 承办 → 反馈, R2.3): every step, every refusal, and the independence of the
opinion: signed by its author, every version kept, nobody else adds to it, the unit's decision beside it."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from matters import services
from matters.candidates import candidates_for
from matters.choices import Adoption, AssigneeKind, AssignmentStatus, MatterStatus, RefusalRuling
from matters.models import Assignment, Matter, Opinion, OpinionVersion, WorkEntry
from notices.models import Notice
from tests.advisors.factories import make_dispatch, make_member
from tests.conftest import make_user
from tests.matters.factories import answered, assign, make_matter

pytestmark = pytest.mark.django_db


def notices_of(user):  # the matter workflow's notices, not the certificate news of the fixtures
    return list(Notice.objects.filter(recipient=user, kind__startswith="matter_").values_list("title", flat=True))


def test_it_creates_a_matter_open_and_unassigned(users):
    matter = make_matter(users["officer_a"], title="审查租赁合同")
    assert matter.status == MatterStatus.OPEN and matter.created_by == users["officer_a"]


def test_it_refuses_a_matter_for_another_unit_or_by_another_role(users):
    for actor in (users["officer_b"], users["lawyer_a"], users["county"]):
        with pytest.raises(PermissionDenied):
            services.matter_create(
                actor=actor,
                matter=Matter(unit=users["officer_a"].unit, category="other", title="x", due_on=date(2030, 1, 1)),
            )
    assert not Matter.objects.exists()


def test_it_names_the_missing_field_of_the_category(users):
    with pytest.raises(ValidationError) as error:
        make_matter(users["officer_a"], category="litigation_petitions", forum="", parties="")
    assert set(error.value.message_dict) == {"forum", "parties"}


def test_it_empties_the_fields_of_other_categories(users):
    matter = make_matter(users["officer_a"], category="publicity", event="宪法宣传周", counterparty="某公司")
    matter.refresh_from_db()
    assert matter.event == "宪法宣传周" and matter.counterparty == ""


def test_it_assigns_to_public_lawyers_and_tells_them(users, lawyers, matter):
    assignments = assign(users["officer_a"], matter, lawyers["first"], lawyers["second"])
    assert [a.kind for a in assignments] == [AssigneeKind.PUBLIC_LAWYER] * 2
    assert {a.assignee_name for a in assignments} == {"甲律师", "乙律师"}
    matter.refresh_from_db()
    assert matter.status == MatterStatus.ASSIGNED
    assert notices_of(users["lawyer_a"]) == ["New matter assigned to you: 审查采购合同"]
    assert notices_of(users["lawyer_a2"]) == ["New matter assigned to you: 审查采购合同"]


def test_it_refuses_a_lawyer_of_another_unit_twice_the_same_lawyer_or_a_late_due_date(users, lawyers, matter):
    officer = users["officer_a"]
    with pytest.raises(ValidationError, match="cannot be assigned"):
        assign(officer, matter, lawyers["other"])
    assign(officer, matter, lawyers["first"])
    with pytest.raises(ValidationError, match="already assigned"):
        assign(officer, matter, lawyers["first"])
    with pytest.raises(ValidationError) as error:
        assign(officer, matter, lawyers["second"], due_on=matter.due_on + timedelta(days=1))
    assert "due_on" in error.value.message_dict
    with pytest.raises(ValidationError):
        assign(officer, matter, lawyers["second"], due_on=timezone.localdate() - timedelta(days=1))
    with pytest.raises(ValidationError, match="at least one"):
        assign(officer, matter)
    assert Assignment.objects.count() == 1


def test_it_refuses_a_lawyer_whose_certificate_is_no_longer_in_force(users, lawyers, matter):
    from lawyers import services as lawyer_services

    certificate = lawyers["second"].certificates.get()
    lawyer_services.certificate_suspend(
        actor=users["justice"], certificate=certificate, on=timezone.localdate() - timedelta(days=1), reason="调查"
    )
    with pytest.raises(ValidationError, match="cannot be assigned"):
        assign(users["officer_a"], matter, lawyers["second"])


def test_it_assigns_the_units_legal_advisor_and_a_dispatched_pool_lawyer(users, advisor, tax_unit):
    matter_b = make_matter(users["officer_b"], title="审查土地出让合同")
    (assignment,) = assign(users["officer_b"], matter_b, engagements=[advisor])
    assert assignment.kind == AssigneeKind.ADVISOR and assignment.assignee_name == "王顾问"
    assert assignment.person is None

    officer_tax = make_user("officer_tax", "unit_officer", tax_unit)
    member = make_member(users["pool"])
    today = timezone.localdate()
    make_dispatch(
        officer_tax, users["pool"], member, starts_on=today - timedelta(days=10), ends_on=today + timedelta(days=100)
    )
    matter_tax = make_matter(officer_tax, title="税务复议")
    (dispatched,) = assign(officer_tax, matter_tax, members=[member])
    assert dispatched.kind == AssigneeKind.DISPATCHED and dispatched.pool_member == member


def test_the_database_holds_one_assignee_per_assignment(users, lawyers, advisor, matter):
    with pytest.raises(IntegrityError), transaction.atomic():
        Assignment.objects.create(
            matter=matter,
            kind=AssigneeKind.ADVISOR,
            engagement=advisor,
            person=lawyers["first"],
            assignee_name="x",
            due_on=matter.due_on,
            assigned_by=users["officer_a"],
        )


def test_the_lawyer_accepts_and_the_office_hears_of_it(users, lawyers, matter):
    (assignment,) = assign(users["officer_a"], matter, lawyers["first"])
    services.assignment_accept(actor=users["lawyer_a"], assignment=assignment)
    assignment.refresh_from_db()
    matter.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED and assignment.answered_at is not None
    assert matter.status == MatterStatus.IN_PROGRESS
    assert notices_of(users["officer_a"]) == ["甲律师 accepted 审查采购合同"]


def test_only_the_assignee_answers_and_only_once(users, lawyers, matter):
    (assignment,) = assign(users["officer_a"], matter, lawyers["first"])
    # Another lawyer, the office (the assignee has an account) and the county office may not answer.
    for actor in (users["lawyer_a2"], users["officer_a"], users["county"]):
        with pytest.raises(PermissionDenied):
            services.assignment_accept(actor=actor, assignment=assignment)
    services.assignment_accept(actor=users["lawyer_a"], assignment=assignment)
    with pytest.raises(ValidationError, match="already been answered"):
        services.assignment_decline(actor=users["lawyer_a"], assignment=assignment, reason="太忙")


def test_a_decline_needs_its_reason_and_the_office_rules_on_it(users, lawyers, matter):
    (assignment,) = assign(users["officer_a"], matter, lawyers["first"])
    with pytest.raises(ValidationError):
        services.assignment_decline(actor=users["lawyer_a"], assignment=assignment, reason="  ")
    services.assignment_decline(actor=users["lawyer_a"], assignment=assignment, reason="与本人有利害关系")
    matter.refresh_from_db()
    assert matter.status == MatterStatus.OPEN
    assert notices_of(users["officer_a"]) == ["甲律师 declined 审查采购合同"]
    with pytest.raises(PermissionDenied):
        services.assignment_rule(actor=users["lawyer_a"], assignment=assignment, ruling=RefusalRuling.JUSTIFIED)
    with pytest.raises(PermissionDenied):
        services.assignment_rule(actor=users["officer_b"], assignment=assignment, ruling=RefusalRuling.JUSTIFIED)
    services.assignment_rule(actor=users["officer_a"], assignment=assignment, ruling=RefusalRuling.JUSTIFIED)
    assignment.refresh_from_db()
    assert assignment.ruling == RefusalRuling.JUSTIFIED and assignment.ruled_by == users["officer_a"]
    assert "Refusal of 审查采购合同: Refusal justified" in notices_of(users["lawyer_a"])
    with pytest.raises(ValidationError, match="not been ruled on"):
        services.assignment_rule(actor=users["officer_a"], assignment=assignment, ruling=RefusalRuling.UNJUSTIFIED)


def test_an_unjustified_ruling_needs_its_reason(users, lawyers, matter):
    (assignment,) = assign(users["officer_a"], matter, lawyers["first"])
    services.assignment_decline(actor=users["lawyer_a"], assignment=assignment, reason="不想办")
    with pytest.raises(ValidationError) as error:
        services.assignment_rule(actor=users["officer_a"], assignment=assignment, ruling=RefusalRuling.UNJUSTIFIED)
    assert "note" in error.value.message_dict
    services.assignment_rule(
        actor=users["officer_a"], assignment=assignment, ruling=RefusalRuling.UNJUSTIFIED, note="理由不成立"
    )
    assert Assignment.objects.get().ruling == RefusalRuling.UNJUSTIFIED


def test_a_pending_assignment_cannot_be_ruled_on(users, lawyers, matter):
    (assignment,) = assign(users["officer_a"], matter, lawyers["first"])
    with pytest.raises(ValidationError):
        services.assignment_rule(actor=users["officer_a"], assignment=assignment, ruling=RefusalRuling.JUSTIFIED)


def test_the_lawyer_logs_work_after_accepting(users, lawyers, matter):
    (assignment,) = assign(users["officer_a"], matter, lawyers["first"])
    work = {"worked_on": timezone.localdate(), "hours": Decimal("2.5"), "description": "审阅合同文本"}
    with pytest.raises(ValidationError, match="Accept the assignment first"):
        services.work_log_add(actor=users["lawyer_a"], assignment=assignment, **work)
    services.assignment_accept(actor=users["lawyer_a"], assignment=assignment)
    with pytest.raises(PermissionDenied):
        services.work_log_add(actor=users["lawyer_a2"], assignment=assignment, **work)
    with pytest.raises(ValidationError) as error:
        services.work_log_add(actor=users["lawyer_a"], assignment=assignment, **{**work, "worked_on": date(2099, 1, 1)})
    assert "worked_on" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        services.work_log_add(actor=users["lawyer_a"], assignment=assignment, **{**work, "hours": Decimal("25")})
    assert "hours" in error.value.message_dict
    entry = services.work_log_add(actor=users["lawyer_a"], assignment=assignment, **work)
    assert list(WorkEntry.objects.all()) == [entry] and entry.hours == Decimal("2.5")


def test_each_submission_is_a_new_signed_version_and_earlier_ones_are_kept(users, lawyers, matter):
    assignment = answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"], text="第一稿")
    assert assignment.status == AssignmentStatus.COMPLETED and assignment.completed_at is not None
    first_completed = assignment.completed_at
    services.opinion_submit(actor=users["lawyer_a"], assignment=assignment, text="第二稿")
    opinion = Opinion.objects.get()
    assert opinion.author == users["lawyer_a"] and opinion.signed_name == "甲律师"
    assert [(v.number, v.text, v.signed_name) for v in opinion.versions.all()] == [
        (1, "第一稿", "甲律师"),
        (2, "第二稿", "甲律师"),
    ]
    assignment.refresh_from_db()
    assert assignment.completed_at == first_completed
    matter.refresh_from_db()
    assert matter.status == MatterStatus.ANSWERED
    assert "甲律师 submitted an opinion (version 2) on 审查采购合同" in notices_of(users["officer_a"])


def test_nobody_else_adds_to_a_lawyers_opinion(users, lawyers, matter):
    assignment = answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"])
    for actor in (users["lawyer_a2"], users["officer_a"], users["county"], users["justice"]):
        with pytest.raises(PermissionDenied):
            services.opinion_submit(actor=actor, assignment=assignment, text="改写的意见")
    assert OpinionVersion.objects.count() == 1


def test_the_office_records_the_written_opinion_of_an_assignee_without_an_account(users, lawyers, matter):
    (assignment,) = assign(users["officer_a"], matter, lawyers["paper"])
    with pytest.raises(PermissionDenied):
        services.assignment_accept(actor=users["lawyer_a"], assignment=assignment)
    services.assignment_accept(actor=users["officer_a"], assignment=assignment)
    version = services.opinion_submit(actor=users["officer_a"], assignment=assignment, text="书面意见")
    assert version.signed_name == "丙律师" and version.submitted_by == users["officer_a"]
    assert Opinion.objects.get().author is None


def test_the_office_closes_with_the_adoption_beside_the_opinion(users, lawyers, matter):
    assignment = answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"], text="不宜签订")
    with pytest.raises(ValidationError) as error:
        services.matter_close(actor=users["officer_a"], matter=matter, adoption=Adoption.PARTLY)
    assert "reason" in error.value.message_dict
    with pytest.raises(PermissionDenied):
        services.matter_close(actor=users["lawyer_a"], matter=matter, adoption=Adoption.FULLY)
    services.matter_close(actor=users["officer_a"], matter=matter, adoption=Adoption.NOT_ADOPTED, reason="工期紧迫")
    matter.refresh_from_db()
    assert matter.status == MatterStatus.CLOSED and matter.adoption == Adoption.NOT_ADOPTED
    assert matter.adoption_reason == "工期紧迫" and matter.closed_by == users["officer_a"]
    # The opinion's text is untouched by the unit's decision.
    assert [v.text for v in assignment.opinion.versions.all()] == ["不宜签订"]
    assert "Matter closed: 审查采购合同 (Not adopted)" in notices_of(users["lawyer_a"])


def test_a_closed_matter_takes_no_more_steps(users, lawyers, matter):
    assignment = answered(users["officer_a"], users["lawyer_a"], matter, lawyers["first"])
    services.matter_close(actor=users["officer_a"], matter=matter, adoption=Adoption.FULLY)
    with pytest.raises(ValidationError, match="closed"):
        services.opinion_submit(actor=users["lawyer_a"], assignment=assignment, text="补充意见")
    with pytest.raises(ValidationError, match="closed"):
        services.matter_close(actor=users["officer_a"], matter=matter, adoption=Adoption.FULLY)
    with pytest.raises(ValidationError, match="closed"):
        assign(users["officer_a"], matter, lawyers["second"])
    assert OpinionVersion.objects.count() == 1


def test_a_matter_without_an_opinion_cannot_be_closed(users, lawyers, matter):
    assign(users["officer_a"], matter, lawyers["first"])
    with pytest.raises(ValidationError, match="after an opinion"):
        services.matter_close(actor=users["officer_a"], matter=matter, adoption=Adoption.FULLY)
    matter.refresh_from_db()
    assert matter.status == MatterStatus.ASSIGNED


def test_an_edit_keeps_the_status_the_workflow_set(users, lawyers, matter):
    stale = Matter.objects.get(pk=matter.pk)
    assign(users["officer_a"], matter, lawyers["first"])
    stale.title = "审查采购合同（修订）"
    services.matter_update(actor=users["officer_a"], matter=stale)
    matter.refresh_from_db()
    assert matter.title == "审查采购合同（修订）" and matter.status == MatterStatus.ASSIGNED


def test_the_candidates_are_the_units_lawyers_dispatched_lawyers_and_advisors(users, lawyers, advisor):
    today = timezone.localdate()
    candidates = candidates_for(users["officer_a"].unit_id, today)
    assert {p.name for p in candidates.people} == {"甲律师", "乙律师", "丙律师"}
    candidates_b = candidates_for(users["officer_b"].unit_id, today)
    assert [p.name for p in candidates_b.people] == ["丁律师"]
    assert candidates_b.engagements == [advisor] and candidates_b.members == []
    # Before their certificates were issued they were no public lawyers, and before the engagement no advisor.
    before = candidates_for(users["officer_b"].unit_id, date(2022, 12, 31))
    assert before.people == [] and before.engagements == []
