"""Public lawyers in two units with their accounts linked, matters assigned to them, and attachment files
kept in a temporary folder."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import timezone

from guarantees import services
from matters.choices import AssigneeKind, AssignmentStatus, MatterCategory, PartyRole
from matters.models import Assignment, Matter
from tests.lawyers.factories import make_lawyer

# 2025's calendar (chinesecalendar): National Day 1–8 October; Sunday 28 September and Saturday 11 October
# were working days in exchange (调休); Thursday 9 October is an ordinary working day.
NATIONAL_DAY = date(2025, 10, 1)
ADJUSTED_SUNDAY = date(2025, 9, 28)
ADJUSTED_SATURDAY = date(2025, 10, 11)
ORDINARY_WEEKDAY = date(2025, 10, 9)
ORDINARY_SUNDAY = date(2025, 10, 19)


TODAY = date(2025, 12, 15)


@pytest.fixture(autouse=True)
def _english_messages(english):
    """These tests match messages in English (see tests/conftest.py `english`)."""


@pytest.fixture(autouse=True)
def frozen_today():
    """The tests run on 15 December 2025, so the days of 2025 they log lie in the past."""
    with time_machine.travel(datetime(2025, 12, 15, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai")), tick=True):
        yield TODAY


@pytest.fixture(autouse=True)
def attachment_folder(settings, tmp_path):
    """Attachments go under VAR_DIR/attachments: a temporary folder for each test."""
    settings.VAR_DIR = tmp_path
    return tmp_path / "attachments"


@pytest.fixture
def people(users):
    """Unit A: 甲 (lawyer_a's person) and 乙; unit B: 丙 (lawyer_b's person). Certificates since 2023-03-01."""
    justice = users["justice"]
    jia = make_lawyer(users["officer_a"], justice, name="甲律师")[0]
    yi = make_lawyer(users["officer_a"], justice, name="乙律师", sex="F")[0]
    bing = make_lawyer(users["officer_b"], justice, name="丙律师")[0]
    for account, person in (("lawyer_a", jia), ("lawyer_b", bing)):
        users[account].person = person
        users[account].save()
    return {"jia": jia, "yi": yi, "bing": bing}


def make_matter(
    officer, title="汉中某商贸有限公司诉我局行政处罚案", category=MatterCategory.LITIGATION_PETITIONS, **fields
):
    case = category in (MatterCategory.LITIGATION_PETITIONS, MatterCategory.RECONSIDERATION)
    defaults = {
        "forum": "城固县人民法院" if case else "",
        "parties": "原告：汉中某商贸有限公司\n被告：城固县市场监督管理局" if case else "",
        "our_role": PartyRole.RESPONDENT if case else "",
        "case_number": "（2025）陕0722行初12号" if case else "",
        "due_on": date(2025, 12, 31),
    }
    return Matter.objects.create(
        unit=officer.unit, category=category, title=title, created_by=officer, **{**defaults, **fields}
    )


def assign(matter, person, officer, status=AssignmentStatus.ACCEPTED):
    answered = status != AssignmentStatus.PENDING
    return Assignment.objects.create(
        matter=matter,
        kind=AssigneeKind.PUBLIC_LAWYER,
        person=person,
        assignee_name=person.name,
        status=status,
        due_on=date(2025, 12, 1),
        assigned_by=officer,
        answered_at=timezone.make_aware(datetime(2025, 9, 1, 9)) if answered else None,
        decline_reason="另有紧急任务" if status == AssignmentStatus.DECLINED else "",
        completed_at=timezone.make_aware(datetime(2025, 10, 1, 9)) if status == AssignmentStatus.COMPLETED else None,
    )


@pytest.fixture
def matters(users, people):
    """Unit A's case handled by 甲 (accepted) with 乙 still to answer; unit A's contract matter 乙 declined;
    unit B's case handled by 丙."""
    officer_a, officer_b = users["officer_a"], users["officer_b"]
    case_a = make_matter(officer_a)
    assign(case_a, people["jia"], officer_a)
    assign(case_a, people["yi"], officer_a, status=AssignmentStatus.PENDING)
    contract_a = make_matter(
        officer_a, title="食堂承包合同审查", category=MatterCategory.CONTRACTS, counterparty="城固县某餐饮公司"
    )
    assign(contract_a, people["yi"], officer_a, status=AssignmentStatus.DECLINED)
    case_b = make_matter(officer_b, title="某村民诉我局土地行政登记案", forum="汉中铁路运输法院")
    assign(case_b, people["bing"], officer_b)
    return {"case_a": case_a, "contract_a": contract_a, "case_b": case_b}


def log(actor, person, day, hours, description="加班处理案件材料", **fields):
    return services.overtime_log(
        actor=actor, person=person, worked_on=day, hours=Decimal(hours), description=description, **fields
    )
