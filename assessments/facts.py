"""The fact sheet of each lawyer and year, compiled from the portal's own records (R3.3).

Matters come from `matters.statistics.lawyer_year_stats`, training hours from `training.hours.with_hours`
against the year's plan, overtime from `guarantees.balances.with_balances` and discipline from the
disciplinary actions decided in the year: the same computations as those apps' own pages, so the numbers
agree. Two queries however many lawyers.
"""

from dataclasses import asdict, dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce

from discipline.models import DisciplinaryAction
from guarantees.balances import with_balances
from lawyers.models import Person
from matters.statistics import LAWYER_COLUMNS, lawyer_year_stats
from training.hours import with_hours
from training.models import TrainingPlan

MATTER_FIELDS = tuple(name for name, _label in LAWYER_COLUMNS)


@dataclass(frozen=True)
class FactSheet:
    assigned: int
    completed: int
    on_time: int
    overdue: int
    refused_justified: int
    refused_unjustified: int
    refused_unruled: int
    adopted_fully: int
    adopted_partly: int
    adopted_not: int
    training_attended: Decimal
    training_required: Decimal | None
    overtime_hours: Decimal
    disciplinary_actions: int

    @property
    def bars_excellent(self) -> bool:
        """A disciplinary action decided in the year bars 优秀."""
        return self.disciplinary_actions > 0

    @property
    def fails(self) -> bool:
        """An unjustified refusal makes the result 不合格 (R3.3)."""
        return self.refused_unjustified > 0

    def as_json(self) -> dict:
        return {key: (str(value) if isinstance(value, Decimal) else value) for key, value in asdict(self).items()}


def fact_sheets(year: int, person_ids, today: date | None = None) -> dict[int, FactSheet]:
    """{person id: FactSheet} for `year`."""
    people = Person.objects.filter(pk__in=list(person_ids)).order_by()
    matters = {row["pk"]: row for row in lawyer_year_stats(year, people, today=today).values("pk", *MATTER_FIELDS)}
    plan = TrainingPlan.objects.filter(year=year).first()
    discipline = (
        DisciplinaryAction.objects.filter(person=OuterRef("pk"), decided_on__year=year)
        .order_by()
        .values("person")
        .annotate(n=Count("pk"))
        .values("n")
    )
    others = with_balances(with_hours(people, year=year, plan=plan), year=year).annotate(
        actions=Coalesce(Subquery(discipline), 0)
    )
    sheets = {}
    for row in others.values("pk", "attended", "required", "earned", "subsidy", "actions"):
        counts = matters.get(row["pk"], {})
        sheets[row["pk"]] = FactSheet(
            **{name: counts.get(name, 0) for name in MATTER_FIELDS},
            training_attended=row["attended"],
            training_required=row["required"],
            # Approved overtime worked in the year, whether compensated by leave or paid as a subsidy.
            overtime_hours=row["earned"] + row["subsidy"],
            disciplinary_actions=row["actions"],
        )
    return sheets


def fact_sheet(year: int, person_id: int) -> FactSheet:
    return fact_sheets(year, [person_id])[person_id]
