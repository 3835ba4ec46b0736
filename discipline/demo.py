"""A demo discipline notice: reported by the unit, acknowledged by the justice bureau, pending at the bar."""

from datetime import date

from accounts.choices import Role
from accounts.models import User
from lawyers.models import Person

from . import services
from .models import DisciplinaryAction


def load_demo_discipline() -> int:
    person = Person.objects.filter(name="陈暂停演示").select_related("unit").first()
    if person is None or DisciplinaryAction.objects.filter(person=person).exists():
        return 0
    officer = User.objects.filter(role=Role.UNIT_OFFICER, unit=person.unit).first()
    justice = User.objects.filter(role=Role.JUSTICE_BUREAU).first()
    if officer is None or justice is None:
        return 0
    action = services.discipline_record(
        actor=officer,
        person=person,
        kind="government_sanction",
        measure="警告",
        authority="城固县监察委员会",
        decided_on=date(2024, 8, 20),
        summary="演示数据：违反工作纪律，给予警告处分。",
    )
    services.discipline_acknowledge(actor=justice, action=action)
    return 1
