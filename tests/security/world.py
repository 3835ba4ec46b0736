"""One object of every model a URL takes the pk of, on two sides: unit A (and the tax system) and unit B
(and the meteorology system). Every B object carries a marker name found nowhere else, so a page that shows
B's data to a user of A can be caught by looking for the marker."""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile

from accounts.choices import Role
from assessments import services as summary_services
from assessments.choices import YearStatus
from assessments.models import Assessment, AssessmentYear, Committee, Objection, UnitSummary
from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction
from coverage.models import Target
from discipline import services as discipline_services
from guarantees import services as guarantee_services
from lawyers import services as lawyer_services
from lawyers.attachments import application_attachment_add
from matters import services as matter_services
from matters.choices import AssignmentStatus
from notices.models import Notice
from notices.services import notify
from tests.advisors.factories import make_dispatch, make_engagement, make_member
from tests.conftest import make_unit, make_user
from tests.lawyers.factories import make_lawyer, make_person
from tests.matters.factories import assign, make_decision_item, make_matter
from training import services as training_services
from training.models import TrainingEvent, TrainingPlan
from units.choices import ManagementMode, UnitKind

PDF = b"%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"
# A past Sunday: overtime outside statutory working days (R3.4).
SUNDAY = date(2025, 3, 2)


@dataclass
class Side:
    """The objects of one side, by model, and the marker strings that must not leak to the other side."""

    objects: dict = field(default_factory=dict)
    markers: dict = field(default_factory=dict)
    # Other objects through which a user may rightly know an object: the bar association sees a lawyer's
    # certificate (the register) and so the lawyer's name, without seeing the person's record.
    witnesses: dict = field(default_factory=dict)

    def add(self, obj, marker=None):
        self.objects[type(obj)] = obj
        self.witnesses.setdefault(obj, [obj])
        if marker:
            self.markers[obj] = marker
        return obj


def build_side(
    users, *, tag, unit, officer, lawyer_account, committee_account, pool_user, system, serial, year
) -> Side:
    """`tag` is a rare word put into every name of the side, so a leaked name is found by a substring."""
    side = Side()
    justice = users["justice"]
    # A unit's name is no secret (organs of the county are public); its pages are checked by status alone.
    side.add(unit)
    side.add(system)
    system_unit = make_unit(
        f"{tag}系统驻县单位",
        kind=UnitKind.STATIONED_UNIT,
        management_mode=ManagementMode.VERTICAL,
        superior=system,
    )
    system_officer = make_user(f"officer_{serial}_system", Role.UNIT_OFFICER, system_unit)

    person, certificate = make_lawyer(officer, justice, name=f"{tag}律师", issued_on=date(2023, 3, 1))
    side.add(person, person.name)
    side.add(certificate, certificate.number)
    side.witnesses[person].append(certificate)
    lawyer_account.person = person
    lawyer_account.save()

    applicant = make_person(officer, name=f"{tag}申请人")
    application = lawyer_services.application_submit(actor=officer, person=applicant, consent_on=date(2024, 1, 5))
    side.add(application, applicant.name)
    side.add(
        application_attachment_add(
            actor=officer,
            application=application,
            upload=SimpleUploadedFile(f"{tag}申请材料.pdf", PDF, "application/pdf"),
        ),
        f"{tag}申请材料",
    )

    side.add(make_engagement(officer, name=f"{tag}顾问"), f"{tag}顾问")

    member = make_member(pool_user, name=f"{tag}库律师", number=f"1610720186001{serial:04d}")
    side.add(member, member.name)
    dispatch = make_dispatch(system_officer, pool_user, member)
    side.add(dispatch)

    event = TrainingEvent.objects.create(
        title=f"{tag}培训",
        kind="policy_theory",
        organiser=f"{tag}培训主办",
        held_on=date(2025, 5, 10),
        hours=Decimal("8"),
        unit=unit,
    )
    side.add(event, event.title)

    action = discipline_services.discipline_record(
        actor=officer,
        person=person,
        kind="government_sanction",
        measure=f"{tag}警告",
        authority=f"{tag}监察委",
        decided_on=date(2025, 1, 10),
        summary=f"{tag}事实",
    )
    side.add(action, action.measure)

    matter = make_matter(officer, title=f"{tag}合同审查")
    side.add(matter, matter.title)
    assignment = assign(officer, matter, person)[0]
    side.add(assignment)
    matter_services.assignment_accept(actor=lawyer_account, assignment=assignment)
    assignment.refresh_from_db()
    assert assignment.status == AssignmentStatus.ACCEPTED
    side.add(make_decision_item(officer, title=f"{tag}决策事项"))

    side.add(
        guarantee_services.attachment_add(
            actor=officer, matter=matter, upload=SimpleUploadedFile(f"{tag}附件.pdf", PDF, "application/pdf")
        )
    )
    overtime = guarantee_services.overtime_log(
        actor=officer, person=person, worked_on=SUNDAY, hours=Decimal("4"), description=f"{tag}加班"
    )
    side.add(overtime, overtime.description)
    claim = guarantee_services.expense_claim(
        actor=lawyer_account,
        matter=matter,
        incurred_on=date(2025, 3, 3),
        kind="travel",
        amount=Decimal("120.00"),
        description=f"{tag}差旅",
    )
    side.add(claim, claim.description)
    receipt = guarantee_services.receipt_add(
        actor=lawyer_account, claim=claim, upload=SimpleUploadedFile(f"{tag}票据.pdf", PDF, "application/pdf")
    )
    side.add(receipt, receipt.original_name)
    external = training_services.external_training_record(
        actor=lawyer_account,
        title=f"{tag}外部培训",
        organiser=f"{tag}律协",
        held_on=date(2025, 4, 20),
        hours=Decimal("6"),
        certificate=SimpleUploadedFile(f"{tag}结业证书.pdf", PDF, "application/pdf"),
    )
    side.add(external, external.title)

    if year is not None:
        committee = Committee.objects.create(year=year, unit=unit)
        committee.members.add(committee_account)
        side.add(committee)
        assessment = side.add(Assessment.objects.create(committee=committee, person=person, unit=unit))
        objection = Objection.objects.create(assessment=assessment, text=f"{tag}异议", filed_by=lawyer_account)
        side.add(objection, objection.text)
        summary = summary_services.summary_start(actor=officer, year=year)
        summary_services.summary_save_text(
            actor=officer, summary=summary, work_done=f"{tag}年度总结", problems=f"{tag}问题", plans=f"{tag}计划"
        )
        if serial == 2:  # B's summary is submitted, A's a draft: the county office reads one, not the other.
            summary_services.summary_submit(actor=officer, summary=summary)
        side.add(UnitSummary.objects.get(pk=summary.pk), f"{tag}年度总结")

    notify(recipients=[officer], kind="test", title=f"{tag}通知", email=False)
    side.add(Notice.objects.filter(recipient=officer).latest("id"), f"{tag}通知")
    side.add(officer)
    return side


def build_world(users, superior, other_superior, tax_unit):
    """(side A, side B, shared objects) — shared ones (plans, targets, the audit log) belong to no unit."""
    # Built row by row: the assessment workflow's services check dates and states this world need not meet.
    year = AssessmentYear.objects.create(
        year=2025,
        period_start=date(2025, 1, 1),
        period_end=date(2025, 12, 31),
        scoring_deadline=date(2026, 1, 15),
        review_deadline=date(2026, 1, 31),
        opened_by=users["county"],
        status=YearStatus.SCORING,
    )
    year.units.set([users["officer_a"].unit, users["officer_b"].unit])
    a = build_side(
        users,
        tag="森淼",
        unit=users["officer_a"].unit,
        officer=users["officer_a"],
        lawyer_account=users["lawyer_a"],
        committee_account=users["committee_a"],
        year=year,
        pool_user=users["pool"],
        system=superior,
        serial=1,
    )
    b = build_side(
        users,
        tag="鑫垚",
        unit=users["officer_b"].unit,
        officer=users["officer_b"],
        lawyer_account=users["lawyer_b"],
        committee_account=users["committee_b"],
        year=year,
        pool_user=users["pool_other"],
        system=other_superior,
        serial=2,
    )
    shared = {
        AssessmentYear: year,
        TrainingPlan: TrainingPlan.objects.create(year=2025, required_hours=Decimal("40")),
        Target: Target.objects.create(
            code="TX", name="共享目标", metric="has_lawyer", threshold=Decimal("40"), deadline=date(2025, 12, 31)
        ),
    }
    shared_event = record(action=AuditAction.LOGIN_FAILED, object_repr="someone")
    shared[type(shared_event)] = shared_event
    return a, b, shared
