"""Overtime and leave balances per person and year: the one computation behind the unit's balance page, its
Excel export, a lawyer's own page and the check before leave is recorded.

Leave earned in one year may be taken in the next, so a year's balance starts from what was carried over:
balance = carried over + leave earned in the year − leave taken in the year. Every figure is a subquery
sum annotated on the Person queryset: one query however many people and entries there are.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import DecimalField, Exists, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from chenggu_lawyers.years import FIRST_YEAR, LAST_YEAR, requested_year  # noqa: F401 (re-exported)
from lawyers.models import Person

from .choices import Compensation, OvertimeStatus
from .models import LeaveTaken, OvertimeEntry, year_bounds

HOURS = DecimalField(max_digits=8, decimal_places=1)
ZERO = Value(Decimal("0"), output_field=HOURS)


def _total(queryset):
    sums = queryset.order_by().values("person").annotate(total=Sum("hours")).values("total")
    return Coalesce(Subquery(sums, output_field=HOURS), ZERO, output_field=HOURS)


def with_balances(people, *, year: int):
    """Annotate on a Person queryset, for `year`: `carried` (leave balance brought from earlier years),
    `earned` (approved overtime compensated by leave), `taken` (leave taken), `balance`, `subsidy` (approved
    overtime paid as a subsidy) and `pending` (overtime awaiting a decision)."""
    start, end = year_bounds(year)
    entries = OvertimeEntry.objects.filter(person=OuterRef("pk"))
    as_leave = entries.filter(status=OvertimeStatus.APPROVED, compensation=Compensation.LEAVE)
    leave = LeaveTaken.objects.filter(person=OuterRef("pk"))
    in_year = {"worked_on__gte": start, "worked_on__lte": end}
    return people.annotate(
        carried=_total(as_leave.filter(worked_on__lt=start)) - _total(leave.filter(first_day__lt=start)),
        earned=_total(as_leave.filter(**in_year)),
        taken=_total(leave.filter(first_day__gte=start, first_day__lte=end)),
        subsidy=_total(entries.filter(status=OvertimeStatus.APPROVED, compensation=Compensation.SUBSIDY, **in_year)),
        pending=_total(entries.filter(status=OvertimeStatus.SUBMITTED, **in_year)),
    ).annotate(balance=F("carried") + F("earned") - F("taken"))


def balance_report(user, year: int):
    """The people the user sees who have overtime or leave on record up to the end of `year`, with balances."""
    _start, end = year_bounds(year)
    has_records = Q(Exists(OvertimeEntry.objects.filter(person=OuterRef("pk"), worked_on__lte=end))) | Q(
        Exists(LeaveTaken.objects.filter(person=OuterRef("pk"), first_day__lte=end))
    )
    people = Person.objects.visible_to(user).filter(has_records).select_related("unit")
    return with_balances(people, year=year)


@dataclass(frozen=True)
class Balance:
    carried: Decimal
    earned: Decimal
    taken: Decimal
    balance: Decimal
    subsidy: Decimal
    pending: Decimal


FIGURES = ("carried", "earned", "taken", "balance", "subsidy", "pending")


def balance_of(person_id: int, *, year: int) -> Balance:
    row = with_balances(Person.objects.filter(pk=person_id), year=year).values(*FIGURES)[0]
    return Balance(**row)


def leave_available(person_id: int, *, before: date) -> Decimal:
    """Leave hours a person may still take on `before`: approved overtime worked earlier and compensated by
    leave, less every hour of leave already recorded."""
    row = (
        Person.objects.filter(pk=person_id)
        .annotate(
            available=_total(
                OvertimeEntry.objects.filter(
                    person=OuterRef("pk"),
                    status=OvertimeStatus.APPROVED,
                    compensation=Compensation.LEAVE,
                    worked_on__lt=before,
                )
            )
            - _total(LeaveTaken.objects.filter(person=OuterRef("pk")))
        )
        .values("available")
    )
    return row[0]["available"]
