"""Demo public lawyers across the county's law-enforcement organs, so the dashboard has a story to tell.

T1 (40 % of enforcement organs with a public lawyer by 2023-12-31) stays below the line all through 2023
and is reached on its deadline by a certificate issued that day, a typical year-end push; more lawyers
follow in 2024-2025. Created directly (person, posting, certificate), clearly fake like the other demo
people, and only when none of them exists yet.
"""

import math
from datetime import date, timedelta

from lawyers.models import Certificate, LegalWorkPeriod, Person, Posting
from lawyers.validators import id_check_char
from units.models import Unit

from .engine import CoverageData
from .models import Target

SURNAMES = "赵钱孙李周吴郑冯陈褚卫蒋沈韩朱秦尤许何吕施孔曹严华金魏陶姜谢邹喻柏水窦章"
MARKER = "覆盖演示"
# The first two have the workflow demo people; the tax bureau is served by a dispatched pool lawyer.
SKIP = {"城固县市场监督管理局", "城固县自然资源局", "国家税务总局城固县税务局"}


def _person(index: int, unit) -> Person:
    sex = "M" if index % 3 else "F"
    birth = date(1975 + index % 20, 1 + index % 12, 1 + index % 27)
    first17 = f"610722{birth:%Y%m%d}{(600 + 2 * index + (1 if sex == 'M' else 0)) % 1000:03d}"
    return Person(
        unit=unit,
        name=f"{SURNAMES[index % len(SURNAMES)]}{index:02d}{MARKER}",
        sex=sex,
        id_number=first17 + id_check_char(first17),
        birth_date=birth,
        legal_work_years=5,
        last_annual_grade="competent",
        legal_qualification_class="A",
        legal_qualification_number=f"A2015610722{index:04d}",
        legal_qualification_year=2015,
        post="法制股",
    )


def _certify(index: int, unit, issued_on: date) -> None:
    person = _person(index, unit)
    person.full_clean()
    person.save()
    Posting.objects.create(person=person, unit=unit, started_on=date(2018, 1, 1))
    LegalWorkPeriod.objects.create(person=person, started_on=date(2018, 1, 1))
    sex_digit = "0" if person.sex == "M" else "1"
    Certificate.objects.create(
        person=person,
        number=f"16107{issued_on.year}6{sex_digit}{800000 + index:06d}",
        issued_on=issued_on,
        issuer="陕西省司法厅",
    )


def load_demo_coverage() -> int:
    if Person.objects.filter(name__contains=MARKER).exists():
        return 0
    t1 = Target.objects.filter(code="T1").first()
    if t1 is None:
        return 0
    deadline = t1.deadline
    statuses = CoverageData.load().statuses_on(deadline - timedelta(days=1))
    population = [s for s in statuses.values() if t1.includes(s.unit)]
    covered = sum(1 for s in population if s.has_lawyer)
    needed = max(math.ceil(float(t1.threshold) * len(population) / 100) - covered, 1)
    candidates = list(
        Unit.objects.filter(pk__in=[s.unit.id for s in population if not s.has_lawyer])
        .exclude(name__in=SKIP)
        .order_by("division_code", "name")
    )
    created = 0
    # needed - 1 lawyers through 2021-2023, the last one on the deadline itself.
    for index, unit in enumerate(candidates[:needed]):
        if index == needed - 1:
            issued_on = deadline
        else:
            issued_on = date(2021, 3, 1) + timedelta(days=index * (1000 // max(needed, 1)))
            issued_on = min(issued_on, deadline - timedelta(days=30))
        _certify(index, unit, issued_on)
        created += 1
    # Growth after the deadline (R1.6): a few more units in 2024 and 2025.
    for offset, unit in enumerate(candidates[needed : needed + 6]):
        _certify(needed + offset, unit, date(2024, 3, 1) + timedelta(days=offset * 90))
        created += 1
    return created
