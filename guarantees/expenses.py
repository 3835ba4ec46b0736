"""Expense totals: per list, per matter and per lawyer and year, each one aggregate query."""

from decimal import Decimal

from django.db.models import Count, DecimalField, F, OuterRef, Q, Subquery, Sum, Value
from django.db.models.functions import Coalesce

from .choices import ExpenseStatus
from .models import ExpenseClaim

MONEY = DecimalField(max_digits=14, decimal_places=2)
NOTHING = Value(Decimal("0.00"), output_field=MONEY)


def _sum(status, prefix=""):
    return Coalesce(Sum(f"{prefix}amount", filter=Q(**{f"{prefix}status": status})), NOTHING, output_field=MONEY)


def expense_totals(claims) -> dict:
    """Sums of `claims` by status, and how many there are."""
    return claims.order_by().aggregate(
        approved=_sum(ExpenseStatus.APPROVED),
        submitted=_sum(ExpenseStatus.SUBMITTED),
        refused=_sum(ExpenseStatus.REFUSED),
        count=Count("pk"),
    )


def people_expense_totals(user, year: int):
    """One row per claimant of the claims the user sees in `year` (the matter's unit decides the scope):
    name, unit, claims, approved, submitted (waiting) and refused amounts."""
    return (
        ExpenseClaim.objects.visible_to(user)
        .in_year(year)
        .values("person")
        .annotate(
            name=F("person__name"),
            unit=F("person__unit__name"),
            claims=Count("pk"),
            approved=_sum(ExpenseStatus.APPROVED),
            submitted=_sum(ExpenseStatus.SUBMITTED),
            refused=_sum(ExpenseStatus.REFUSED),
        )
        .order_by("unit", "name")
    )


def with_expense_totals(matters):
    """Annotate `approved_expenses` and `pending_expenses` on a Matter queryset, for the matters app's lists:
    subqueries, so one query however many matters."""

    def total(status):
        sums = (
            ExpenseClaim.objects.filter(matter=OuterRef("pk"), status=status)
            .order_by()
            .values("matter")
            .annotate(total=Sum("amount"))
            .values("total")
        )
        return Coalesce(Subquery(sums, output_field=MONEY), NOTHING, output_field=MONEY)

    return matters.annotate(
        approved_expenses=total(ExpenseStatus.APPROVED), pending_expenses=total(ExpenseStatus.SUBMITTED)
    )
