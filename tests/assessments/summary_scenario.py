"""A 2024 assessment year over the coverage tests' county (tests/coverage/scenario.py), for the summaries.

On 2024-12-31, as hand-computed:
- A 市场监管局: public lawyers 甲 (since 2022) and 乙 (transferred from B on 2024-07-01): 2, a year before 1.
  Matters created in 2024: a contract review (assigned to 甲, answered, closed on time), a lawsuit (assigned
  to 甲, open past its due date of 2024-05-10), a publicity event (not assigned, due 2025-01-31); a contract
  of December 2023 does not count. Training plan 2024: 40 hours; 甲 attended 8. Results published: both
  graded 称职.
- B 自然资源局: no public lawyer after 乙 left (1 → 0, the headcount fell); 丁待申请, qualified and full-time
  in legal work, waits on the roster (R1.2; shortest path: apply).
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from assessments import services
from assessments.models import AssessmentYear, Committee
from lawyers.models import Person
from matters import services as matter_services
from matters.choices import Adoption
from tests.coverage.scenario import build
from tests.lawyers.factories import make_person
from tests.matters.factories import assign, make_matter
from training.models import Attendance, TrainingEvent, TrainingPlan

YEAR = 2024
YEAR_END = date(2024, 12, 31)


def on(day):
    return time_machine.travel(datetime(day.year, day.month, day.day, 10, tzinfo=ZoneInfo("Asia/Shanghai")), tick=False)


def open_year(users, units, year=YEAR) -> AssessmentYear:
    draft = AssessmentYear(
        year=year,
        period_start=date(year, 1, 1),
        period_end=date(year, 12, 31),
        scoring_deadline=date(year + 1, 1, 20),
        review_deadline=date(year + 1, 1, 31),
    )
    return services.year_open(actor=users["justice"], year=draft, units=units)


def publish(users, committee, grade="competent"):
    member = users["committee_a"]
    criteria = list(committee.year.criteria.values_list("pk", flat=True))
    for assessment in committee.assessments.all():
        services.scores_save(actor=member, assessment=assessment, values=dict.fromkeys(criteria, Decimal(80)))
    services.scores_submit(actor=member, committee=committee)
    for assessment in committee.assessments.all():
        services.proposal_save(
            actor=member, assessment=assessment, proposed_grade=grade, comments="认真", recommended=True
        )
    services.evaluation_submit(actor=member, committee=committee)
    services.committee_review(actor=users["justice"], committee=committee, decision="confirm")


def build_summary_year(users, superior) -> dict:
    county = build(users, superior)
    a, b = county["A"], county["B"]
    officer = users["officer_a"]
    jia = Person.objects.get(name="甲")
    lawyer = users["lawyer_a"]
    lawyer.person = jia
    lawyer.save()
    make_person(users["officer_b"], name="丁待申请")

    with on(date(2023, 12, 15)):
        make_matter(officer, title="旧合同", due_on=date(2023, 12, 30))
    with on(date(2024, 3, 1)):
        contract = make_matter(officer, title="采购合同审查", due_on=date(2024, 3, 20))
        (first,) = assign(officer, contract, jia)
    with on(date(2024, 3, 2)):
        matter_services.assignment_accept(actor=lawyer, assignment=first)
        matter_services.opinion_submit(actor=lawyer, assignment=first, text="可以签订。")
    with on(date(2024, 3, 10)):
        matter_services.matter_close(actor=officer, matter=contract, adoption=Adoption.FULLY)
    with on(date(2024, 5, 1)):
        lawsuit = make_matter(officer, category="litigation_petitions", title="行政诉讼应诉", due_on=date(2024, 5, 10))
        assign(officer, lawsuit, jia)
    with on(date(2024, 6, 1)):
        make_matter(officer, category="publicity", title="宪法宣传", due_on=date(2025, 1, 31))

    TrainingPlan.objects.create(year=YEAR, required_hours=Decimal("40"))
    event = TrainingEvent.objects.create(
        title="行政诉讼实务", kind="policy_theory", organiser="县司法局", held_on=date(2024, 5, 10), hours=Decimal("8")
    )
    Attendance.objects.create(event=event, person=jia)

    year = open_year(users, [a, b])
    committee_a = services.committee_create(
        actor=users["justice"], committee=Committee(year=year, unit=a), members=[users["committee_a"]]
    )
    services.committee_create(
        actor=users["justice"], committee=Committee(year=year, unit=b), members=[users["committee_b"]]
    )
    services.year_start_scoring(actor=users["justice"], year=year)
    publish(users, Committee.objects.get(pk=committee_a.pk))
    return {**county, "year": AssessmentYear.objects.get(pk=year.pk)}
