"""Demo data for a fresh portal: the county's units and one account per role.

Also synthetic people at every stage of the certificate workflow (lawyers/demo.py) and lawyers across the
county's units (coverage/demo.py). Their history (people, postings, legal work, qualification dates,
certificates with their suspensions, cancellations and revocations, bar memberships) is loaded the way a
county onboards: a history workbook built in Python and run through the justice bureau's history import
(lawyers.history); only the workflow still under way (applications, matters, assessments, ...) goes through
the services. Idempotent: a second run finds everything in place and writes nothing (the history workbooks
preview as unchanged and are not committed again). Passwords are set only when an account is created, so a
demo user who changed theirs keeps it.
"""

import csv
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction

from accounts.choices import Role
from accounts.models import User
from advisors.demo import load_demo_advisors
from assessments.demo import load_demo_assessments
from coverage.demo import load_demo_coverage
from discipline.demo import load_demo_discipline
from guarantees.demo import load_demo_guarantees
from lawyers.demo import earlier_demo, load_demo_people
from matters.demo import load_demo_matters
from training.demo import load_demo_training
from units.choices import ManagementMode, UnitKind
from units.models import SystemOrganisation, Unit

UNITS_CSV = Path(settings.BASE_DIR) / "units" / "data" / "chenggu_units.csv"
DEMO_PASSWORD = "Chenggu#2023"
SYSTEMS = {"税务": "税务", "生态环境": "生态环境", "气象": "气象", "烟草": "烟草专卖", "统计": "统计调查"}

TAX_SUPERIOR = "国家税务总局汉中市税务局"
# (username, family name, given name, role, unit or superior organisation)
DEMO_ACCOUNTS = (
    ("county", "依法治", "办", Role.COUNTY_OFFICE, None),
    ("justice", "司法", "局", Role.JUSTICE_BUREAU, None),
    ("officer", "王", "法务", Role.UNIT_OFFICER, "城固县市场监督管理局"),
    ("officer2", "李", "法务", Role.UNIT_OFFICER, "城固县自然资源局"),
    ("taxofficer", "钱", "法务", Role.UNIT_OFFICER, "国家税务总局城固县税务局"),
    ("lawyer", "张", "律师", Role.PUBLIC_LAWYER, "城固县市场监督管理局"),
    ("committee", "赵", "委员", Role.COMMITTEE_MEMBER, "城固县市场监督管理局"),
    ("pool", "税务", "人才库", Role.POOL_OFFICER, TAX_SUPERIOR),
    ("bar", "律", "协", Role.BAR_ASSOCIATION, None),
    ("auditor", "审计", "员", Role.AUDITOR, None),
    ("sysadmin", "系统", "管理员", Role.SYSADMIN, None),
)


def demo_unit_rows():
    with UNITS_CSV.open(encoding="utf-8") as handle:
        yield from csv.DictReader(handle)


class Command(BaseCommand):
    help = "Load the demo units of Chenggu County and one demo account per role (idempotent)."

    def handle(self, *args, **options):
        # Written in one transaction; printed after it commits, so a closed pipe cannot undo the load.
        with transaction.atomic():
            created_units = self.load_units()
            created_accounts = self.load_accounts()
            created_people = load_demo_people()
            load_demo_discipline()
            load_demo_training()
            # Before the coverage demo: it certifies lawyers in units without one, and a unit with its own
            # lawyer may not ask for a dispatch (R1.5).
            load_demo_advisors()
            load_demo_matters()
            load_demo_guarantees()
            created_people += load_demo_coverage()
            # After the coverage demo: the assessed lawyers include the demo lawyers it certifies.
            load_demo_assessments()
        self.stdout.write(
            f"Units created: {created_units}; accounts created: {len(created_accounts)}; "
            f"demo people created: {created_people} (their history through the history import)."
        )
        if earlier_demo():
            self.stdout.write(
                "The demo people were loaded by an earlier version of the demo, without the history import, and "
                "are left as they are; to load them through the history import, start from an empty database "
                "(remove var/db.sqlite3)."
            )
        self.stdout.write("Demo accounts (username / password):")
        for username, *_rest, role, unit in DEMO_ACCOUNTS:
            note = "" if username in created_accounts else " (already existed; password unchanged)"
            where = f" @ {unit}" if unit else ""
            self.stdout.write(f"  {username:<10} {DEMO_PASSWORD}   {Role(role).label}{where}{note}")
        self.stdout.write(
            "The county office, justice bureau, auditor and system administrator also give a two-factor code: "
            "scan the QR code with an authenticator app, or run `make code ACCOUNT=<username>`."
        )

    def load_units(self) -> int:
        created = 0
        for row in demo_unit_rows():
            superior = None
            if row["superior"]:
                system = next((name for key, name in SYSTEMS.items() if key in row["superior"]), "")
                superior, _new = SystemOrganisation.objects.get_or_create(
                    name=row["superior"], defaults={"system": system}
                )
            wanted = {
                "kind": UnitKind(row["kind"]),
                "law_enforcement": row["law_enforcement"] == "yes",
                "management_mode": ManagementMode(row["management_mode"]),
                "superior": superior,
                "division_code": row["division_code"],
            }
            unit = Unit.objects.filter(name=row["name"], abolished_on__isnull=True).first()
            if unit is None:
                Unit.objects.create(name=row["name"], **wanted)
                created += 1
            elif any(getattr(unit, field) != value for field, value in wanted.items()):
                for field, value in wanted.items():
                    setattr(unit, field, value)
                unit.save()
        return created

    def load_accounts(self) -> set[str]:
        created = set()
        for username, last_name, first_name, role, place in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                continue
            user = User(username=username, last_name=last_name, first_name=first_name, role=role)
            if role == Role.POOL_OFFICER:
                user.system_organisation = SystemOrganisation.objects.get(name=place)
            elif place:
                user.unit = Unit.objects.get(name=place, abolished_on__isnull=True)
            user.set_password(DEMO_PASSWORD)
            user.save()
            created.add(username)
        return created
