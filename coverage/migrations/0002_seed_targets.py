from datetime import date
from decimal import Decimal

from django.db import migrations

NOTICE = "《关于进一步加快推进公职律师工作若干措施》(2023-04-19)"

TARGETS = [
    {
        "code": "T1", "name": "执法机关公职律师覆盖率", "unit_kinds": [], "law_enforcement": True,
        "management_modes": [], "metric": "has_lawyer", "threshold": Decimal("40.0"),
        "deadline": date(2023, 12, 31), "source": NOTICE + " R1.3",
    },
    {
        "code": "T2", "name": "执法机关公职律师工作全覆盖", "unit_kinds": [], "law_enforcement": True,
        "management_modes": [], "metric": "carries_out_work", "threshold": Decimal("100.0"),
        "deadline": date(2025, 12, 31), "source": NOTICE + " R1.3",
    },
    {
        "code": "T3", "name": "县级党政机关工作部门公职律师工作全覆盖", "unit_kinds": ["county_department"],
        "law_enforcement": None, "management_modes": [], "metric": "carries_out_work",
        "threshold": Decimal("100.0"), "deadline": date(2025, 12, 31), "source": NOTICE + " R1.1",
    },
]


def seed(apps, schema_editor):
    Target = apps.get_model("coverage", "Target")
    for fields in TARGETS:
        Target.objects.get_or_create(code=fields["code"], defaults=fields)


def unseed(apps, schema_editor):
    apps.get_model("coverage", "Target").objects.filter(code__in=[t["code"] for t in TARGETS]).delete()


class Migration(migrations.Migration):
    dependencies = [("coverage", "0001_targets")]

    operations = [migrations.RunPython(seed, unseed)]
