"""Yearly statistics of matters per lawyer and per unit, for the statistics page and the annual assessment
(R3.3: completion, efficiency, refusals; R2.3: opinions adopted).

Counted over what was assigned (a lawyer) or created (a unit) in the year:
- assigned: assignments (a unit: `created`, its matters, and `assignments`);
- completed: opinion submitted (a unit: matters closed); on time: by the due date;
- overdue: completed after the due date, or still owed and past it as of `today`;
- refused_justified / refused_unjustified: declined assignments as the office ruled them (not yet ruled:
  refused_unruled);
- adopted_fully / adopted_partly / adopted_not: the unit's decision on the closed matter (a lawyer: on the
  matters the lawyer gave an opinion on).

Each function annotates the queryset it is given, so the whole table is one query with conditional
aggregation however many rows; the assessment reads the same numbers through the same functions.

The statistics page breaks each unit's row down by who handled its matters (`assignee_year_stats`): one row
per unit and assignee, a public lawyer, a dispatched pool lawyer (R1.5) or a legal advisor (R1.4), over the
assignments of the matters the unit created in the year, so a unit's assignee rows add up to its
`assignments` and refusals. A lawyer's annual assessment reads `lawyer_year_stats` instead: every
assignment made to the person in the year, whichever unit made it.
"""

from datetime import date, datetime, time

from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .choices import LIVE_ASSIGNMENT_STATUSES, Adoption, AssigneeKind, AssignmentStatus, MatterStatus, RefusalRuling

LAWYER_COLUMNS = (
    ("assigned", _("Assigned")),
    ("completed", _("Completed")),
    ("on_time", _("On time")),
    ("overdue", _("Overdue")),
    ("refused_justified", _("Refused, justified")),
    ("refused_unjustified", _("Refused, unjustified")),
    ("refused_unruled", _("Refused, not yet ruled")),
    ("adopted_fully", _("Adopted fully")),
    ("adopted_partly", _("Adopted in part")),
    ("adopted_not", _("Not adopted")),
)
UNIT_COLUMNS = (
    ("created", _("Matters")),
    ("closed", _("Closed")),
    ("on_time", _("Closed on time")),
    ("overdue", _("Overdue")),
    ("assignments", _("Assignments")),
    ("refused_justified", _("Refused, justified")),
    ("refused_unjustified", _("Refused, unjustified")),
    ("refused_unruled", _("Refused, not yet ruled")),
    ("adopted_fully", _("Adopted fully")),
    ("adopted_partly", _("Adopted in part")),
    ("adopted_not", _("Not adopted")),
)


def year_span(year: int) -> tuple[datetime, datetime]:
    """The year's first instant and the next year's, in the portal's time zone."""
    zone = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(date(year, 1, 1), time.min), zone),
        timezone.make_aware(datetime.combine(date(year + 1, 1, 1), time.min), zone),
    )


def _assignment_counts(prefix: str, year: int, today: date, dated_by: str = "created_at") -> dict:
    """Conditional counts over assignments reached through `prefix` ("matter_assignments__" from a person, ""
    from an assignment), of the year of `dated_by` (the assignment's creation, or its matter's)."""

    def q(**lookups) -> Q:
        return Q(**{f"{prefix}{key}": value for key, value in lookups.items()})

    start, end = year_span(year)
    in_year = q(**{f"{dated_by}__gte": start, f"{dated_by}__lt": end})
    completed = in_year & q(status=AssignmentStatus.COMPLETED)
    declined = in_year & q(status=AssignmentStatus.DECLINED)
    due = F(f"{prefix}due_on")
    pk = f"{prefix}pk"

    def count(condition: Q) -> Count:
        return Count(pk, filter=condition)

    return {
        "assigned": count(in_year),
        "completed": count(completed),
        "on_time": count(completed & q(completed_at__date__lte=due)),
        "overdue": count(
            (completed & q(completed_at__date__gt=due))
            | (in_year & q(status__in=LIVE_ASSIGNMENT_STATUSES, due_on__lt=today))
        ),
        "refused_justified": count(declined & q(ruling=RefusalRuling.JUSTIFIED)),
        "refused_unjustified": count(declined & q(ruling=RefusalRuling.UNJUSTIFIED)),
        "refused_unruled": count(declined & q(ruling="")),
        "adopted_fully": count(completed & q(matter__adoption=Adoption.FULLY)),
        "adopted_partly": count(completed & q(matter__adoption=Adoption.PARTLY)),
        "adopted_not": count(completed & q(matter__adoption=Adoption.NOT_ADOPTED)),
    }


def lawyer_year_stats(year: int, people_qs, today: date | None = None):
    """`people_qs` (lawyers.Person) annotated with their assignments' numbers for `year` (see the module)."""
    today = today or timezone.localdate()
    return people_qs.annotate(**_assignment_counts("matter_assignments__", year, today))


# The assignee of an assignment row: its kind, the one of the three that names it, and that one's name.
ASSIGNEE_FIELDS = (
    "matter__unit",
    "matter__unit__name",
    "kind",
    "person",
    "person__name",
    "pool_member",
    "pool_member__name",
    "engagement",
    "engagement__advisor_name",
)


def assignee_year_stats(year: int, assignments_qs, today: date | None = None) -> list[dict]:
    """`assignments_qs` (matters.Assignment) of the matters created in `year`, one row per unit and assignee
    with the LAWYER_COLUMNS numbers, `name` and `kind_label`; in one query (see the module)."""
    today = today or timezone.localdate()
    start, end = year_span(year)
    rows = (
        assignments_qs.filter(matter__created_at__gte=start, matter__created_at__lt=end)
        .order_by()
        .values(*ASSIGNEE_FIELDS)
        .annotate(**_assignment_counts("", year, today, dated_by="matter__created_at"))
        .order_by("matter__unit__name", "kind", "person__name", "pool_member__name", "engagement__advisor_name")
    )
    names = {
        AssigneeKind.PUBLIC_LAWYER: "person__name",
        AssigneeKind.DISPATCHED: "pool_member__name",
        AssigneeKind.ADVISOR: "engagement__advisor_name",
    }
    return [{**row, "name": row[names[row["kind"]]], "kind_label": AssigneeKind(row["kind"]).label} for row in rows]


def unit_year_stats(year: int, units_qs, today: date | None = None):
    """`units_qs` (units.Unit) annotated with their matters' numbers for `year` (see the module).

    Matters and their assignments are joined in one query, so every count is distinct. A unit's
    assignments and refusals are counted by the year of their matter, so the row adds up within itself."""
    today = today or timezone.localdate()
    start, end = year_span(year)
    in_year = Q(matters__created_at__gte=start, matters__created_at__lt=end)
    closed = in_year & Q(matters__status=MatterStatus.CLOSED)
    declined = in_year & Q(matters__assignments__status=AssignmentStatus.DECLINED)

    def matters(condition: Q) -> Count:
        return Count("matters", filter=condition, distinct=True)

    def assignments(condition: Q) -> Count:
        return Count("matters__assignments", filter=condition, distinct=True)

    return units_qs.annotate(
        created=matters(in_year),
        closed=matters(closed),
        on_time=matters(closed & Q(matters__closed_at__date__lte=F("matters__due_on"))),
        overdue=matters(
            (closed & Q(matters__closed_at__date__gt=F("matters__due_on")))
            | (in_year & ~Q(matters__status=MatterStatus.CLOSED) & Q(matters__due_on__lt=today))
        ),
        assignments=assignments(in_year),
        refused_justified=assignments(declined & Q(matters__assignments__ruling=RefusalRuling.JUSTIFIED)),
        refused_unjustified=assignments(declined & Q(matters__assignments__ruling=RefusalRuling.UNJUSTIFIED)),
        refused_unruled=assignments(declined & Q(matters__assignments__ruling="")),
        adopted_fully=matters(closed & Q(matters__adoption=Adoption.FULLY)),
        adopted_partly=matters(closed & Q(matters__adoption=Adoption.PARTLY)),
        adopted_not=matters(closed & Q(matters__adoption=Adoption.NOT_ADOPTED)),
    )
