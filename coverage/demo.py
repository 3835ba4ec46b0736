"""Demo public lawyers across the county's law-enforcement organs, so the dashboard has a story to tell.

T1 (40 % of enforcement organs with a public lawyer by 2023-12-31) stays below the line all through 2023
and is reached on its deadline by a certificate issued that day, a typical year-end push; more lawyers
follow in 2024-2025. Until their certificate, each of them is qualified full-time legal staff of their unit
(R1.2): on 2023-12-31 the units certified in 2024-2025 are R1.2 units without a public lawyer, and the first
of them managed locally was served that year by a legal advisor only (the finding "covered only by a legal
advisor": advisors are a transition, such a unit must set up its own lawyers, and it did in 2024).

The people, their postings, legal work, qualification dates and certificates are history: they come through
the justice bureau's history import (lawyers.history, via lawyers.demo.import_history), as the county's
onboarding would bring them, in a second workbook after the workflow demo people's. Clearly fake like the
other demo people. The advisor's past term is written as the unit's page would record it (checked with
full_clean), once. Loading twice changes nothing: the same workbook previews as unchanged and is not
committed again, and the engagement is found by its practice number. Lawyers written by an earlier version of
this demo, without the history import, are left as they are.
"""

import math
from datetime import date, timedelta

from accounts.choices import Role
from accounts.models import User
from advisors.models import Engagement
from lawyers.demo import ISSUER, import_history, loaded_before_history_import
from lawyers.validators import id_check_char
from units.choices import ManagementMode
from units.models import Unit

from .engine import CoverageData
from .models import Target

SURNAMES = "赵钱孙李周吴郑冯陈褚卫蒋沈韩朱秦尤许何吕施孔曹严华金魏陶姜谢邹喻柏水窦章"
MARKER = "覆盖演示"
# The first two have the workflow demo people; the tax bureau is served by a dispatched pool lawyer.
SKIP = {"城固县市场监督管理局", "城固县自然资源局", "国家税务总局城固县税务局"}
POSTED_ON = date(2018, 1, 1)
QUALIFIED_ON = date(2015, 12, 21)
# The legal advisor of the first unit certified after the deadline, for 2023 (before its own lawyer).
ADVISOR_NUMBER = "16107201510900003"
ADVISOR_TERM = (date(2023, 1, 1), date(2023, 12, 31))
HISTORY_FILE = "覆盖演示历史数据.xlsx"


def _id_number(index: int) -> tuple[str, str]:
    sex = "M" if index % 3 else "F"
    birth = date(1975 + index % 20, 1 + index % 12, 1 + index % 27)
    first17 = f"610722{birth:%Y%m%d}{(600 + 2 * index + (1 if sex == 'M' else 0)) % 1000:03d}"
    return first17 + id_check_char(first17), sex


def _facts(facts: dict, index: int, unit: Unit, issued_on: date) -> None:
    """One lawyer's history: posted and in legal work since 2018, qualified in 2015, certified on `issued_on`."""
    id_number, sex = _id_number(index)
    facts["people"].append(
        {
            "id_number": id_number,
            "name": f"{SURNAMES[index % len(SURNAMES)]}{index:02d}{MARKER}",
            "sex": sex,
            "post": "法制股",
            "legal_work_years": 5,
            "last_annual_grade": "competent",
            "legal_qualification_class": "A",
            "legal_qualification_number": f"A2015610722{index:04d}",
            "legal_qualification_year": 2015,
            "qualified_on": QUALIFIED_ON,
        }
    )
    facts["postings"].append({"id_number": id_number, "unit": unit.name, "started_on": POSTED_ON})
    facts["legal_work"].append({"id_number": id_number, "started_on": POSTED_ON})
    facts["certificates"].append(
        {
            "number": f"16107{issued_on.year}6{'0' if sex == 'M' else '1'}{800000 + index:06d}",
            "id_number": id_number,
            "issued_on": issued_on,
            "issuer": ISSUER,
        }
    )


def _own_lawyer(status) -> bool:
    """A public lawyer that is not one of this demo's (so a second load plans the same as the first)."""
    return any(MARKER not in name for _pk, name, _number in status.lawyers)


def load_demo_coverage() -> int:
    """Import the coverage demo's history; returns how many people were new."""
    justice = User.objects.filter(role=Role.JUSTICE_BUREAU).order_by("pk").first()
    t1 = Target.objects.filter(code="T1").first()
    if justice is None or t1 is None or loaded_before_history_import(_id_number(0)[0], HISTORY_FILE):
        return 0
    deadline = t1.deadline
    statuses = CoverageData.load().statuses_on(deadline - timedelta(days=1))
    population = [s for s in statuses.values() if t1.includes(s.unit)]
    covered = sum(1 for s in population if _own_lawyer(s))
    needed = max(math.ceil(float(t1.threshold) * len(population) / 100) - covered, 1)
    candidates = list(
        Unit.objects.filter(pk__in=[s.unit.id for s in population if not _own_lawyer(s)])
        .exclude(name__in=SKIP)
        .order_by("division_code", "name")
    )
    facts = {key: [] for key in ("people", "postings", "legal_work", "certificates", "suspensions", "memberships")}
    # needed - 1 lawyers through 2021-2023, the last one on the deadline itself.
    for index, unit in enumerate(candidates[:needed]):
        if index == needed - 1:
            issued_on = deadline
        else:
            issued_on = date(2021, 3, 1) + timedelta(days=index * (1000 // max(needed, 1)))
            issued_on = min(issued_on, deadline - timedelta(days=30))
        _facts(facts, index, unit, issued_on)
    # Growth after the deadline (R1.6): a few more units in 2024 and 2025.
    growth = candidates[needed : needed + 6]
    for offset, unit in enumerate(growth):
        _facts(facts, needed + offset, unit, date(2024, 3, 1) + timedelta(days=offset * 90))
    if not facts["people"]:
        return 0
    preview = import_history(justice, facts, HISTORY_FILE)
    _advisor_before_lawyer(growth)
    return preview.sheet("people").new_count


def _advisor_before_lawyer(growth) -> None:
    """The first locally managed unit certified after the deadline had a legal advisor for 2023."""
    unit = next((unit for unit in growth if unit.management_mode == ManagementMode.LOCAL), None)
    if unit is None or Engagement.objects.filter(practice_number=ADVISOR_NUMBER).exists():
        return
    engagement = Engagement(
        unit=unit,
        advisor_name="林顾问演示",
        advisor_kind="lawyer",
        organisation="陕西汉江律师事务所（演示）",
        practice_number=ADVISOR_NUMBER,
        phone="13800009003",
        starts_on=ADVISOR_TERM[0],
        ends_on=ADVISOR_TERM[1],
        duties="规范性文件合法性审查、行政执法案卷评查、行政复议和诉讼案件代理。",
    )
    engagement.full_clean()
    engagement.save()
