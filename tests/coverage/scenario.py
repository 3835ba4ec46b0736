"""A small county with hand-computed coverage, shared by the coverage tests.

Units (all county departments with law-enforcement power unless said):
- A 市场监管局: lawyer 甲 certified 2022-03-01; suspended 2023-06-01, reinstated 2023-09-01.
- B 自然资源局: lawyer 乙 certified 2022-01-10 in B, transferred to A on 2024-07-01.
- C 交通局: legal advisor engaged 2023-01-01 to 2024-06-30 (both included); no lawyer.
- D 税务局 (stationed, vertical, tax system): a pool lawyer dispatched from 2024-01-02 to 2025-12-31.
- E 旧局: abolished 2023-07-01 (active up to 2023-06-30); lawyer 丙 certified 2021-05-01.
- F 总工会 (people's organisation, no law-enforcement power): nothing.
"""

from datetime import date

from advisors.models import Dispatch, Engagement, PoolMember
from lawyers import services
from tests.conftest import make_unit, make_user
from tests.lawyers.factories import make_lawyer
from units.choices import ManagementMode, UnitKind


def build(users, superior):
    justice = users["justice"]
    a = users["officer_a"].unit
    b = users["officer_b"].unit
    c = make_unit("城固县交通运输局")
    d = make_unit(
        "国家税务总局城固县税务局",
        kind=UnitKind.STATIONED_UNIT,
        management_mode=ManagementMode.VERTICAL,
        superior=superior,
    )
    e = make_unit("城固县旧局", established_on=date(2015, 1, 1), abolished_on=date(2023, 7, 1))
    f = make_unit("城固县总工会", kind=UnitKind.PEOPLES_ORGANISATION, law_enforcement=False)
    officer_e = make_user("officer_e", "unit_officer", e)

    jia, jia_certificate = make_lawyer(users["officer_a"], justice, issued_on=date(2022, 3, 1), name="甲")
    services.certificate_suspend(actor=justice, certificate=jia_certificate, on=date(2023, 6, 1), reason="调查")
    services.certificate_reinstate(actor=justice, certificate=jia_certificate, on=date(2023, 9, 1))
    yi, _ = make_lawyer(users["officer_b"], justice, issued_on=date(2022, 1, 10), name="乙")
    services.person_transfer(actor=justice, person=yi, to_unit=a, on=date(2024, 7, 1))
    make_lawyer(officer_e, justice, issued_on=date(2021, 5, 1), name="丙")

    Engagement.objects.create(
        unit=c,
        advisor_name="王顾问",
        advisor_kind="lawyer",
        organisation="陕西某律师事务所",
        practice_number="16107201810012345",
        starts_on=date(2023, 1, 1),
        ends_on=date(2024, 6, 30),
    )
    member = PoolMember.objects.create(
        system=superior,
        name="赵派驻",
        organisation="国家税务总局汉中市税务局",
        practice_number="16107201960012345",
        joined_on=date(2023, 1, 1),
    )
    Dispatch.objects.create(
        unit=d,
        system=superior,
        needs="税务行政复议",
        wanted_from=date(2024, 1, 1),
        status="dispatched",
        requested_by=users["county"],
        member=member,
        starts_on=date(2024, 1, 2),
        ends_on=date(2025, 12, 31),
    )
    return {"A": a, "B": b, "C": c, "D": d, "E": e, "F": f}
