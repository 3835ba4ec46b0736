"""The one place that says whether a dated fact holds "as of the end of day d".

Every dated fact of the portal is one of three shapes, and each shape is written here once as a Python check
(`holds`) and once as a queryset filter (`q`), side by side, with the interval it stands for (`interval`),
which the coverage engine turns into spans. tests/framework/test_in_force.py holds the two versions to the
same answer on randomly generated histories. No other module writes a date comparison for these facts.

- `HalfOpen(start, end)`: [start, end). The fact holds from its first day and no longer on its end day: a
  posting ended on D means the person left the unit on D; a certificate cancelled on D is no longer in force
  on D. An empty start, where allowed, means "since before the records"; an empty end means "still".
- `Term(starts, ends, terminated)`: a contract term, both ends included, unless ended early with effect from
  a day: [starts, min(ends + 1, terminated)).
- `Since(field)`: holds from a day on, for good (a qualification obtained).

The rules, by the facts they govern, are the module's constants below. This module is framework code: it
names fields, never models, so that every app may use it.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import models
from django.db.models import Q

# Open ends: a fact with no start began before the records, one with no end still holds.
EARLIEST = date.min
LATEST = date.max


def _lookup(prefix: str, name: str, op: str) -> str:
    return f"{prefix}{name}__{op}"


@dataclass(frozen=True)
class HalfOpen:
    """A fact that holds on [start, end)."""

    start: str
    end: str

    def holds(self, obj, day: date) -> bool:
        return self.dates_hold(getattr(obj, self.start), getattr(obj, self.end), day)

    @staticmethod
    def dates_hold(start: date | None, end: date | None, day: date) -> bool:
        return (start is None or start <= day) and (end is None or day < end)

    def q(self, day: date, prefix: str = "") -> Q:
        return (Q(**{_lookup(prefix, self.start, "isnull"): True}) | Q(**{_lookup(prefix, self.start, "lte"): day})) & (
            Q(**{_lookup(prefix, self.end, "isnull"): True}) | Q(**{_lookup(prefix, self.end, "gt"): day})
        )

    @staticmethod
    def interval(start: date | None, end: date | None) -> tuple[date, date]:
        """The days as [first, after last), open ends as EARLIEST / LATEST."""
        return (start or EARLIEST, end or LATEST)

    def covers_all(self, obj, first: date, last: date) -> bool:
        """Whether the fact holds on every day from `first` to `last` (a suspension lasting a whole year)."""
        start, end = self.interval(getattr(obj, self.start), getattr(obj, self.end))
        return start <= first and last < end

    def covers_all_q(self, first: date, last: date, prefix: str = "") -> Q:
        return (
            Q(**{_lookup(prefix, self.start, "isnull"): True}) | Q(**{_lookup(prefix, self.start, "lte"): first})
        ) & (Q(**{_lookup(prefix, self.end, "isnull"): True}) | Q(**{_lookup(prefix, self.end, "gt"): last}))

    def overlaps(self, obj, start: date | None, end: date | None) -> bool:
        """Whether the fact holds on some day of [start, end)."""
        return self.dates_overlap((getattr(obj, self.start), getattr(obj, self.end)), (start, end))

    def overlaps_q(self, start: date | None, end: date | None, prefix: str = "") -> Q:
        """Rows whose interval shares a day with [start, end) (two postings of one person may not)."""
        q = Q()
        if end is not None:
            q &= Q(**{_lookup(prefix, self.start, "isnull"): True}) | Q(**{_lookup(prefix, self.start, "lt"): end})
        if start is not None:
            q &= Q(**{_lookup(prefix, self.end, "isnull"): True}) | Q(**{_lookup(prefix, self.end, "gt"): start})
        return q

    @staticmethod
    def dates_overlap(a: tuple[date | None, date | None], b: tuple[date | None, date | None]) -> bool:
        a_start, a_end = HalfOpen.interval(*a)
        b_start, b_end = HalfOpen.interval(*b)
        return a_start < b_end and b_start < a_end


@dataclass(frozen=True)
class Term:
    """A term from its first to its last day, both included, unless terminated with effect from a day."""

    starts: str
    ends: str
    terminated: str

    def holds(self, obj, day: date) -> bool:
        return self.dates_hold(getattr(obj, self.starts), getattr(obj, self.ends), getattr(obj, self.terminated), day)

    @staticmethod
    def dates_hold(starts: date | None, ends: date | None, terminated: date | None, day: date) -> bool:
        # A term without dates (a dispatch not yet decided) covers no day, as the filter's comparisons say.
        if starts is None or ends is None:
            return False
        return starts <= day <= ends and (terminated is None or day < terminated)

    def q(self, day: date, prefix: str = "") -> Q:
        return Q(**{_lookup(prefix, self.starts, "lte"): day, _lookup(prefix, self.ends, "gte"): day}) & (
            Q(**{_lookup(prefix, self.terminated, "isnull"): True}) | Q(**{_lookup(prefix, self.terminated, "gt"): day})
        )

    @staticmethod
    def interval(starts: date, ends: date, terminated: date | None) -> tuple[date, date]:
        after = ends + timedelta(days=1) if ends < LATEST else LATEST
        return (starts, after if terminated is None else min(after, terminated))

    def overlaps(self, obj, start: date | None, end: date | None) -> bool:
        """Whether the term covers some day of [start, end) (an empty end: any day from `start` on)."""
        starts, ends = getattr(obj, self.starts), getattr(obj, self.ends)
        if starts is None or ends is None:
            return False
        covered = self.interval(starts, ends, getattr(obj, self.terminated))
        return covered[0] < covered[1] and HalfOpen.dates_overlap(covered, (start, end))

    def overlaps_q(self, start: date | None, end: date | None, prefix: str = "") -> Q:
        q = (
            Q(**{_lookup(prefix, self.starts, "lt"): end})
            if end is not None
            else Q(**{_lookup(prefix, self.starts, "isnull"): False})
        )
        if start is not None:
            q &= Q(**{_lookup(prefix, self.ends, "gte"): start}) & (
                Q(**{_lookup(prefix, self.terminated, "isnull"): True})
                | Q(**{_lookup(prefix, self.terminated, "gt"): start})
            )
        # A term ended early on its first day covers no day at all.
        return (
            q
            & (
                Q(**{_lookup(prefix, self.terminated, "isnull"): True})
                | Q(**{_lookup(prefix, self.terminated, "gt"): models.F(prefix + self.starts)})
            )
            & Q(**{_lookup(prefix, self.ends, "isnull"): False})
        )


@dataclass(frozen=True)
class Since:
    """A fact that holds from a day on (an empty day: not at all)."""

    field: str

    def holds(self, obj, day: date) -> bool:
        return self.dates_hold(getattr(obj, self.field), day)

    @staticmethod
    def dates_hold(since: date | None, day: date) -> bool:
        return since is not None and since <= day

    def q(self, day: date, prefix: str = "") -> Q:
        return Q(**{_lookup(prefix, self.field, "lte"): day})

    @staticmethod
    def interval(since: date | None) -> tuple[date, date]:
        """[since, LATEST); an empty day holds on no day (an empty interval)."""
        return (since, LATEST) if since is not None else (LATEST, LATEST)


# --- the rules, one per kind of fact ---------------------------------------------------------------------
UNIT = HalfOpen("established_on", "abolished_on")  # counts from establishment until the day before abolition
POSTING = HalfOpen("started_on", "ended_on")  # a person works in a unit
CERTIFICATE = HalfOpen("issued_on", "ended_on")  # issued and not ended; in force unless also suspended that day
SUSPENSION = HalfOpen("started_on", "ended_on")  # a certificate suspended until reinstated
LEGAL_WORK = HalfOpen("started_on", "ended_on")  # a period of full-time legal work
POOL_MEMBERSHIP = HalfOpen("joined_on", "left_on")  # a lawyer in a system's talent pool
ENGAGEMENT = Term("starts_on", "ends_on", "terminated_on")  # a legal-advisor contract
DISPATCH = Term("starts_on", "ends_on", "terminated_on")  # a pool lawyer dispatched to a unit
QUALIFICATION = Since("qualified_on")  # the legal (or lawyer) qualification obtained
ENDED = Since("ended_on")  # a certificate ended (cancelled or revoked) on or before the day


def certificate_in_force(certificate, suspensions, day: date) -> bool:
    """A certificate in force on `day`: CERTIFICATE holds and no suspension of it does (`suspensions`: its own)."""
    return CERTIFICATE.holds(certificate, day) and not any(SUSPENSION.holds(s, day) for s in suspensions)


def certificate_in_force_q(day: date, suspended_exists) -> Q:
    """The filter twin of certificate_in_force: `suspended_exists(day)` is an Exists() of the certificate's
    suspensions holding that day (built by the model, which this module does not import)."""
    return CERTIFICATE.q(day) & ~Q(suspended_exists(day))
