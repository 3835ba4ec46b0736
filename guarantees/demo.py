"""Demo data for R3.4: overtime on 2025's public holidays with leave, a subsidy and a refusal, and expense
claims against the demo matters (when the matters demo has loaded some).

Everything goes through the services the pages use. Loading twice changes nothing: the overtime part is
skipped once the demo lawyers have overtime, the expenses part once a claim exists on the chosen matters.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from lawyers.models import Person
from matters.models import Assignment

from . import services
from .choices import ExpenseDecision, ExpenseKind, OvertimeDecision
from .matter_access import HANDLING
from .models import ExpenseClaim, OvertimeEntry

MARKET = "城固县市场监督管理局"
ZHANG, LIU = "张律师演示", "刘守法演示"

# person, day (a holiday of 2025), hours, work done, decision, reason
DEMO_OVERTIME = (
    (ZHANG, date(2025, 1, 31), "6", "春节假期处理涉企行政处罚听证材料。", OvertimeDecision.LEAVE, ""),
    (ZHANG, date(2025, 5, 2), "8", "劳动节假期赶写行政诉讼答辩状。", OvertimeDecision.LEAVE, ""),
    (ZHANG, date(2025, 10, 3), "4", "国庆假期审查食品安全专项整治方案。", None, ""),
    (
        LIU,
        date(2025, 10, 1),
        "8",
        "国庆假期参与节日市场突发事件应急处置。",
        OvertimeDecision.SUBSIDY,
        "该同志承担全年重大合同审查任务，年内无法安排补休，按规定发放加班补贴。",
    ),
    (
        LIU,
        date(2025, 6, 1),
        "3",
        "端午假期值班期间接听法律咨询。",
        OvertimeDecision.REFUSE,
        "当日为正常值班，已按值班补助发放，不另计加班。",
    ),
)
# person, first day, last day, hours, note
DEMO_LEAVE = (
    (ZHANG, date(2025, 2, 10), date(2025, 2, 10), "6", "补休春节加班。"),
    (ZHANG, date(2025, 5, 9), date(2025, 5, 9), "4", "补休劳动节加班（半天）。"),
)
# kind, amount, description, decision, reason
DEMO_CLAIMS = (
    (ExpenseKind.TRAVEL, "86.50", "往返汉中市中级人民法院参加庭审的交通费。", ExpenseDecision.APPROVE, ""),
    (
        ExpenseKind.ACCOMMODATION,
        "420.00",
        "外地调查取证住宿一晚。",
        ExpenseDecision.REFUSE,
        "超出差旅住宿标准（每晚350元），请按标准重新申报。",
    ),
    (ExpenseKind.FEES, "50.00", "调取工商登记档案复印费。", None, ""),
)


@transaction.atomic
def load_demo_guarantees() -> int:
    """Create the demo overtime, leave and expense claims; returns how many rows were created."""
    officer = User.objects.filter(role=Role.UNIT_OFFICER, unit__name=MARKET, is_active=True).first()
    people = {person.name: person for person in Person.objects.filter(unit__name=MARKET, name__in=(ZHANG, LIU))}
    if officer is None or len(people) < 2:
        return 0
    return _load_overtime(officer, people) + _load_claims()


def _actor_for(person, officer):
    """The lawyer logs their own overtime when they have an account; the unit office logs it otherwise."""
    return User.objects.filter(role=Role.PUBLIC_LAWYER, person=person, is_active=True).first() or officer


def _load_overtime(officer, people) -> int:
    if OvertimeEntry.objects.filter(person__in=people.values()).exists():
        return 0
    created = 0
    for name, day, hours, work, decision, reason in DEMO_OVERTIME:
        person = people[name]
        entry = services.overtime_log(
            actor=_actor_for(person, officer), person=person, worked_on=day, hours=Decimal(hours), description=work
        )
        created += 1
        if decision is not None:
            services.overtime_decide(actor=officer, entry=entry, decision=decision, reason=reason)
    for name, first_day, last_day, hours, note in DEMO_LEAVE:
        services.leave_record(
            actor=officer,
            person=people[name],
            first_day=first_day,
            last_day=last_day,
            hours=Decimal(hours),
            note=note,
        )
        created += 1
    return created


def _load_claims() -> int:
    """Claims by a lawyer with an account on a matter they took on, decided by the matter's unit office."""
    handled = (
        Assignment.objects.filter(status__in=HANDLING, person__account__isnull=False, person__account__is_active=True)
        .select_related("matter", "person__account")
        .order_by("matter__created_at", "pk")
        .first()
    )
    if handled is None or ExpenseClaim.objects.filter(matter=handled.matter).exists():
        return 0
    matter, lawyer = handled.matter, handled.person.account
    officer = User.objects.filter(role=Role.UNIT_OFFICER, unit_id=matter.unit_id, is_active=True).first()
    day = min(timezone.localtime(matter.created_at).date(), timezone.localdate())
    created = 0
    for kind, amount, description, decision, reason in DEMO_CLAIMS:
        claim = services.expense_claim(
            actor=lawyer, matter=matter, incurred_on=day, kind=kind, amount=Decimal(amount), description=description
        )
        created += 1
        if decision is not None and officer is not None:
            services.expense_decide(actor=officer, claim=claim, decision=decision, reason=reason)
    return created
