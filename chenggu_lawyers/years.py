"""Calendar years as the portal's yearly reports read them (training hours, overtime balances, statistics)."""

from datetime import date

from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2000, 2100


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def requested_year(params) -> int:
    """The `year` of a query string when it is a sensible year, otherwise the current year."""
    try:
        year = int(params.get("year") or "")
    except (TypeError, ValueError):
        return timezone.localdate().year
    return year if FIRST_YEAR <= year <= LAST_YEAR else timezone.localdate().year
