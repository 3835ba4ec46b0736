"""Training hours per public lawyer and year, against the year's plan: the one computation behind the hours
report, its Excel export and a lawyer's own page.
"""

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db.models import DecimalField, Exists, ExpressionWrapper, F, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Greatest

from chenggu_lawyers import in_force
from chenggu_lawyers.years import requested_year  # noqa: F401 (re-exported for the views)
from lawyers.models import Certificate, Person, Suspension

from .models import Attendance, ExternalTraining, TrainingPlan, year_bounds

HOURS = DecimalField(max_digits=7, decimal_places=1)
ZERO = Value(Decimal("0"), output_field=HOURS)


def certificates_in_force_during(year: int):
    """Certificates in force on at least one day of `year` (the [issued, ended) interval meets the year and
    no suspension covers the whole year)."""
    start, end = year_bounds(year)
    suspended_all_year = Suspension.objects.filter(
        in_force.SUSPENSION.covers_all_q(start, end), certificate=OuterRef("pk")
    )
    return Certificate.objects.filter(in_force.CERTIFICATE.overlaps_q(start, end + timedelta(days=1))).exclude(
        Exists(suspended_all_year)
    )


def plan_for(user, year: int) -> TrainingPlan | None:
    return TrainingPlan.objects.visible_to(user).filter(year=year).first()


def with_hours(people, *, year: int, plan: TrainingPlan | None):
    """Annotate `attended` (hours of events held in `year` and of the external training the lawyer recorded
    in it), `external` (those external hours alone), `required` and `shortfall` (required − attended, at
    least 0; empty without a plan) on a Person queryset, with subqueries: one query however many rows."""
    start, end = year_bounds(year)
    events = (
        Attendance.objects.filter(person=OuterRef("pk"), event__held_on__gte=start, event__held_on__lte=end)
        .order_by()
        .values("person")
        .annotate(total=Sum("event__hours"))
        .values("total")
    )
    external = (
        ExternalTraining.objects.filter(person=OuterRef("pk"), held_on__gte=start, held_on__lte=end)
        .order_by()
        .values("person")
        .annotate(total=Sum("hours"))
        .values("total")
    )
    people = people.annotate(
        external=Coalesce(Subquery(external, output_field=HOURS), ZERO, output_field=HOURS),
        attended=ExpressionWrapper(
            Coalesce(Subquery(events, output_field=HOURS), ZERO, output_field=HOURS) + F("external"),
            output_field=HOURS,
        ),
    )
    if plan is None:
        return people.annotate(required=Value(None, output_field=HOURS), shortfall=Value(None, output_field=HOURS))
    required = Value(plan.required_hours, output_field=HOURS)
    return people.annotate(required=required, shortfall=Greatest(required - F("attended"), ZERO, output_field=HOURS))


def lawyers_of_year(user, year: int):
    """The public lawyers whose certificate was in force at some time in `year`, as the user sees the register
    (the bar association sees every certificate, a unit officer those of its unit)."""
    in_force = certificates_in_force_during(year).visible_to(user).filter(person=OuterRef("pk"))
    return Person.objects.filter(Exists(in_force)).select_related("unit")


def hours_report(user, year: int):
    """(plan or None, queryset of the year's public lawyers with their hours)."""
    plan = plan_for(user, year)
    return plan, with_hours(lawyers_of_year(user, year), year=year, plan=plan)


@dataclass(frozen=True)
class OwnHours:
    attended: Decimal
    external: Decimal
    required: Decimal | None
    shortfall: Decimal | None


def own_hours(person_id: int, *, year: int, plan: TrainingPlan | None) -> OwnHours:
    row = with_hours(Person.objects.filter(pk=person_id), year=year, plan=plan).values(
        "attended", "external", "required", "shortfall"
    )[0]
    return OwnHours(**row)
