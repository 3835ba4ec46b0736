"""Demo training data: plans for 2024–2026, events of every kind, attendee lists with some lawyers short.

Attendees are the people whose certificate was in force on each event's day, written through the same
service the attendee page uses. Loading twice changes nothing: nothing is created once a 2025 plan exists.
"""

from datetime import date
from decimal import Decimal

from django.db import transaction
from django.utils import timezone

from accounts.choices import Role
from accounts.models import User
from lawyers.models import Certificate, Person
from units.models import Unit

from . import services
from .choices import TrainingKind
from .models import TrainingEvent, TrainingPlan

MARKET = "城固县市场监督管理局"
JUSTICE = "城固县司法局"
BAR = "城固县律师协会"
PLAN_HOURS = Decimal("40")

# title, kind, organiser, day, hours, for the unit MARKET (else county-wide), who is left out
DEMO_EVENTS = (
    ("习近平法治思想专题学习", TrainingKind.POLICY_THEORY, JUSTICE, date(2024, 4, 18), "8", False, None),
    (
        "政法系统同堂培训",
        TrainingKind.JOINT_TRAINING,
        "城固县人民法院、城固县人民检察院、城固县公安局、城固县司法局",
        date(2024, 6, 20),
        "16",
        False,
        None,
    ),
    ("行政复议与行政诉讼实务", TrainingKind.PRACTICAL_SKILLS, BAR, date(2024, 9, 12), "16", False, None),
    ("2025年公职律师政策理论培训", TrainingKind.POLICY_THEORY, JUSTICE, date(2025, 3, 20), "8", False, None),
    (
        "法官、检察官、警官、律师同堂培训",
        TrainingKind.JOINT_TRAINING,
        "城固县人民法院、城固县人民检察院、城固县公安局、城固县司法局",
        date(2025, 6, 17),
        "12",
        False,
        None,
    ),
    # The first lawyer (by name) misses this one, so at least one lawyer falls short of the 2025 plan.
    ("律师事务所实训基地跟班学习", TrainingKind.PRACTICE_BASE, BAR, date(2025, 10, 15), "16", False, "first"),
    ("市场监管行政处罚案件模拟法庭", TrainingKind.MOOT_COURT, MARKET, date(2025, 11, 6), "6", True, None),
    ("重大合同审查实务", TrainingKind.PRACTICAL_SKILLS, BAR, date(2026, 4, 9), "12", False, None),
    ("2026年公职律师政策理论培训", TrainingKind.POLICY_THEORY, JUSTICE, date(2026, 9, 24), "8", False, None),
)


def _attendees(day: date, unit: Unit | None, leave_out: str | None) -> list[Person]:
    people = Person.objects.filter(
        pk__in=Certificate.objects.active_on(day).values("person_id"),
    ).order_by("name")
    if unit is not None:
        people = people.filter(unit=unit)
    people = list(people)
    return people[1:] if leave_out == "first" else people


@transaction.atomic
def load_demo_training() -> int:
    """Create the demo plans and events; returns how many events were created (0 when already loaded)."""
    if TrainingPlan.objects.filter(year=2025).exists():
        return 0
    for year in (2024, 2025, 2026):
        TrainingPlan.objects.get_or_create(
            year=year,
            defaults={"required_hours": PLAN_HOURS, "note": f"{year}年度公职律师业务培训不少于40学时。"},
        )
    justice = User.objects.filter(role=Role.JUSTICE_BUREAU, is_active=True).first()
    bar = User.objects.filter(role=Role.BAR_ASSOCIATION, is_active=True).first() or justice
    market = Unit.objects.filter(name=MARKET, abolished_on__isnull=True).first()
    market_officer = (
        User.objects.filter(role=Role.UNIT_OFFICER, unit=market, is_active=True).first() if market else None
    )
    today = timezone.localdate()
    created = 0
    for title, kind, organiser, day, hours, for_market, leave_out in DEMO_EVENTS:
        if for_market and market is None:
            continue
        unit = market if for_market else None
        event = TrainingEvent(title=title, kind=kind, organiser=organiser, held_on=day, hours=Decimal(hours), unit=unit)
        event.full_clean()
        event.save()
        created += 1
        actor = market_officer if for_market else (bar if organiser == BAR else justice)
        if actor is None or day > today:
            continue
        services.attendance_set(actor=actor, event=event, people=_attendees(day, unit, leave_out))
    return created
