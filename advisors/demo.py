"""Demo rows for the advisors pages: an advisor of a unit that lost its public lawyers, a pool lawyer of
the tax system serving at the city level, and a dispatch of that lawyer to the county's tax bureau.

Names end in 演示 ("demo"); practice numbers use the 9000xx serials. Terms run through the current year,
so the rows are in force whenever the demo is loaded. Built through the services with the demo accounts;
each row is skipped when it already exists, so loading twice changes nothing. The dispatch is skipped too
when the tax bureau already has a public lawyer of its own (R1.5 gives dispatch to units without), so
load these rows before demo data that certifies lawyers there.
"""

from datetime import date

from django.utils import timezone

from accounts.choices import Role
from accounts.models import User

from . import services
from .models import Dispatch, Engagement, PoolMember

LAND = "城固县自然资源局"
TAX = "国家税务总局城固县税务局"
ADVISOR_NUMBER = "16107201510900001"
POOL_NUMBER = "16107201860900002"


def load_demo_advisors() -> int:
    """Create the demo rows that are missing; returns how many were created."""
    officers = {user.unit.name: user for user in User.objects.filter(role=Role.UNIT_OFFICER).select_related("unit")}
    pool = User.objects.filter(role=Role.POOL_OFFICER).select_related("system_organisation").first()
    if LAND not in officers or TAX not in officers or pool is None:
        return 0
    year = timezone.localdate().year
    starts_on, ends_on = date(year, 1, 1), date(year, 12, 31)
    created = 0
    if not Engagement.objects.filter(practice_number=ADVISOR_NUMBER).exists():
        land = officers[LAND]
        services.engagement_record(
            actor=land,
            engagement=Engagement(
                unit=land.unit,
                advisor_name="陈顾问演示",
                advisor_kind="lawyer",
                organisation="陕西汉风律师事务所（演示）",
                practice_number=ADVISOR_NUMBER,
                phone="13800009001",
                starts_on=starts_on,
                ends_on=ends_on,
                duties="重大行政决策法律论证、重大合同审查、行政复议和诉讼案件代理。",
            ),
        )
        created += 1
    member = PoolMember.objects.filter(system=pool.system_organisation, practice_number=POOL_NUMBER).first()
    if member is None:
        member = services.pool_member_add(
            actor=pool,
            member=PoolMember(
                system=pool.system_organisation,
                name="赵税务律师演示",
                organisation=pool.system_organisation.name,
                practice_number=POOL_NUMBER,
                phone="13800009002",
                expertise="税务行政复议、税务行政诉讼",
                joined_on=date(2023, 1, 1),
            ),
        )
        created += 1
    tax = officers[TAX]
    if not Dispatch.objects.filter(unit=tax.unit).exists() and not services.dispatch_obstacles(tax.unit):
        request = services.dispatch_request(
            actor=tax,
            needs="办理税务行政复议案件，审查重大合同。",
            matter_types=["reconsideration", "contracts"],
            wanted_from=starts_on,
            wanted_until=ends_on,
        )
        services.dispatch_grant(
            actor=pool, dispatch=request, member=member, starts_on=starts_on, ends_on=ends_on, note="跨层级调配。"
        )
        created += 1
    return created
