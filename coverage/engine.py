"""The one coverage computation (DOMAIN.md, "Coverage: the definitions the dashboards must use").

`CoverageData.load()` reads every dated fact that decides coverage in six queries, however many units there
are: units, the periods in which a certificate holder was posted in a unit while the certificate was issued
and not ended (the intersection is computed by the database, one row per overlapping posting and
certificate), the certificates' numbers and holders, suspensions, legal-advisor engagements and dispatches.
It then turns them into intervals once, so that any number of days is answered without reading the facts
again:
- `statuses_on(day)`: each active unit's two statuses with their reasons (the unit pages, findings, cards);
- `group_counts(days)`: per group of units (kind, enforcement power, management mode) and day, how many are
  active, have a public lawyer, carry out the work: the trend and any target's rate on any day, by binary
  search over sorted interval ends instead of a pass over every unit and day;
- `lawyer_counts(days)`: distinct public lawyers per unit and in total on each day (the headcount).
Every number on the dashboard, its exports and the unit pages comes from here, so they cannot disagree.

The date rules are chenggu_lawyers.in_force's, turned into intervals [start, end) of days by its
`interval` functions: UNIT, POSTING, CERTIFICATE less SUSPENSION, ENGAGEMENT and DISPATCH. The SQL below
intersects postings with certificates by the same half-open rule.

Whether an engagement or a dispatch makes a unit *carry out the work* also depends on R1.2 staff (DOMAIN.md,
clarifications: advisors are a transition): `set_r12_spans` gives the engine, per unit, the days on which it
had R1.2 staff, and a term counts only outside them, unless a target says advisors count regardless.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db import connection
from django.utils.translation import gettext as _

from advisors.choices import DispatchStatus
from advisors.models import Dispatch, Engagement
from chenggu_lawyers.in_force import (
    CERTIFICATE,
    DISPATCH,
    EARLIEST,
    ENGAGEMENT,
    LATEST,
    LEGAL_WORK,
    POSTING,
    QUALIFICATION,
    UNIT,
    HalfOpen,
)
from lawyers.models import Certificate, LegalWorkPeriod, Person, Posting, Suspension
from units.models import Unit

from .choices import ANY_ADVISOR, Metric


def _minus(start: date, end: date, holes) -> list[tuple[date, date]]:
    """[start, end) without the intervals of `holes` (sorted by start)."""
    pieces = []
    for hole_start, hole_end in holes:
        if hole_end <= start or hole_start >= end:
            continue
        if hole_start > start:
            pieces.append((start, hole_start))
        start = max(start, hole_end)
        if start >= end:
            return pieces
    pieces.append((start, end))
    return pieces


def _merge(intervals) -> list[tuple[date, date]]:
    """The union of [start, end) intervals as disjoint, sorted intervals."""
    merged: list[list[date]] = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return [(start, end) for start, end in merged]


def _clip(intervals, start: date, end: date) -> list[tuple[date, date]]:
    return [(max(s, start), min(e, end)) for s, e in intervals if s < end and e > start]


class _Stabbing:
    """How many of a set of [start, end) intervals contain a day, by binary search (no interval overlaps
    another of the same unit, so the count is the number of units)."""

    def __init__(self):
        self.starts: list[date] = []
        self.ends: list[date] = []

    def add(self, intervals):
        for start, end in intervals:
            self.starts.append(start)
            self.ends.append(end)

    def freeze(self):
        self.starts.sort()
        self.ends.sort()

    def count(self, day: date) -> int:
        return bisect_right(self.starts, day) - bisect_right(self.ends, day)


@dataclass(frozen=True)
class UnitInfo:
    id: int
    name: str
    kind: str
    law_enforcement: bool
    management_mode: str
    superior_id: int | None
    established_on: date | None
    abolished_on: date | None

    def active_on(self, day: date) -> bool:
        return UNIT.holds(self, day)

    @property
    def group(self) -> tuple[str, bool, str]:
        return (self.kind, self.law_enforcement, self.management_mode)


@dataclass(frozen=True)
class Group:
    """Units alike in what a target's population filter reads (Target.includes takes it like a unit)."""

    kind: str
    law_enforcement: bool
    management_mode: str


# What a target measures (coverage.models.Target.measure): its metric, and for "carries out the work" whether
# every legal advisor counts (the target's switch) or only those of units without R1.2 staff (the rule).
HAS_LAWYER = Metric.HAS_LAWYER
CARRIES_OUT_WORK = Metric.CARRIES_OUT_WORK


@dataclass
class GroupCount:
    active: int = 0
    has_lawyer: int = 0
    carries_out_work: int = 0
    with_any_advisor: int = 0

    def covered(self, measure: str) -> int:
        return {HAS_LAWYER: self.has_lawyer, ANY_ADVISOR: self.with_any_advisor}.get(measure, self.carries_out_work)


@dataclass
class UnitStatus:
    """A unit's standing on one day, with what makes it so."""

    unit: UnitInfo
    lawyers: list[tuple[int, str, str]] = field(default_factory=list)  # (person id, name, certificate number)
    engagements: list[str] = field(default_factory=list)
    dispatches: list[str] = field(default_factory=list)
    r12_staff: set[int] = field(default_factory=set)  # people of the unit who are R1.2 staff on the day

    @property
    def has_lawyer(self) -> bool:
        return bool(self.lawyers)

    @property
    def advisor_counts(self) -> bool:
        """An engagement carries out the work only for a unit without R1.2 staff (advisors are a transition)."""
        return bool(self.engagements) and not self.r12_staff

    @property
    def carries_out_work(self) -> bool:
        return bool(self.lawyers or self.dispatches or self.advisor_counts)

    @property
    def carries_out_work_with_any_advisor(self) -> bool:
        return bool(self.lawyers or self.dispatches or self.engagements)

    @property
    def covered_only_by_advisor(self) -> bool:
        """An R1.2 unit whose only cover is a legal advisor: a finding of its own (it must set up lawyers)."""
        return bool(self.r12_staff and self.engagements and not self.lawyers and not self.dispatches)

    def holds(self, measure: str) -> bool:
        if measure == HAS_LAWYER:
            return self.has_lawyer
        return self.carries_out_work_with_any_advisor if measure == ANY_ADVISOR else self.carries_out_work

    @property
    def reasons(self) -> list[str]:
        """What makes the unit covered, in words: each lawyer, advisor and dispatched lawyer."""
        if self.engagements and not self.advisor_counts:
            advisors = [
                _("legal advisor %(name)s (not counted: the unit has qualified full-time legal staff)") % {"name": name}
                for name in self.engagements
            ]
        else:
            advisors = [_("legal advisor %(name)s") % {"name": name} for name in self.engagements]
        return (
            [
                _("public lawyer %(name)s (%(number)s)") % {"name": name, "number": number}
                for _pk, name, number in self.lawyers
            ]
            + advisors
            + [_("dispatched lawyer %(name)s") % {"name": name} for name in self.dispatches]
        )


def _pieces_sql(unit_ids) -> tuple[str, list]:
    """Postings of certificate holders joined with the certificates that overlap them (set-based)."""
    posting, certificate = Posting._meta.db_table, Certificate._meta.db_table
    narrow = ""
    params: list = []
    if unit_ids is not None:
        narrow = f"AND p.unit_id IN ({', '.join(['%s'] * len(unit_ids))})"
        params = list(unit_ids)
    sql = f"""
        SELECT p.unit_id, p.person_id, c.id, p.started_on, p.ended_on, c.issued_on, c.ended_on
        FROM {posting} p JOIN {certificate} c ON c.person_id = p.person_id
        WHERE (p.ended_on IS NULL OR p.ended_on > c.issued_on)
          AND (c.ended_on IS NULL OR p.started_on IS NULL OR c.ended_on > p.started_on) {narrow}
        ORDER BY p.person_id, p.started_on, c.issued_on DESC, c.id
    """  # noqa: S608 (table names from the models, values as parameters)
    return sql, params


@dataclass
class R12Facts:
    """The dated survey facts of R1.2 (DOMAIN.md, clarifications): postings of qualified people with the day
    they qualified, their full-time legal work periods, and the certificates they held (in force or
    suspended). A person is R1.2 staff of unit u on d when posted in u, qualified on or before d, in legal
    work on d and holding no certificate on d."""

    postings: list = field(default_factory=list)  # (unit id, person id, started_on, ended_on, qualified_on)
    work: list = field(default_factory=list)  # (person id, started_on, ended_on)
    held: list = field(default_factory=list)  # (person id, issued_on, ended_on)

    @classmethod
    def load(cls, unit_ids=None) -> "R12Facts":
        """Three queries, narrowed to the people posted in `unit_ids` when given."""
        postings = Posting.objects.filter(person__qualified_on__isnull=False)
        people = Person.objects.filter(qualified_on__isnull=False)
        if unit_ids is not None:
            postings = postings.filter(unit__in=unit_ids)
            people = people.filter(pk__in=Posting.objects.filter(unit__in=unit_ids).values("person_id"))
        return cls(
            postings=list(
                postings.values_list("unit_id", "person_id", "started_on", "ended_on", "person__qualified_on")
            ),
            work=list(
                LegalWorkPeriod.objects.filter(person__in=people.values("pk")).values_list(
                    "person_id", "started_on", "ended_on"
                )
            ),
            held=list(
                Certificate.objects.filter(person__in=people.values("pk")).values_list(
                    "person_id", "issued_on", "ended_on"
                )
            ),
        )

    def spans(self) -> dict[int, list[tuple[date, date, int]]]:
        work, held = defaultdict(list), defaultdict(list)
        for person_id, start, end in self.work:
            work[person_id].append(LEGAL_WORK.interval(start, end))
        for person_id, issued_on, ended_on in self.held:
            held[person_id].append(CERTIFICATE.interval(issued_on, ended_on))
        work = {person_id: _merge(intervals) for person_id, intervals in work.items()}
        held = {person_id: _merge(intervals) for person_id, intervals in held.items()}
        spans = defaultdict(list)
        for unit_id, person_id, started_on, ended_on, qualified_on in self.postings:
            posted_start, posted_end = POSTING.interval(started_on, ended_on)
            start = max(posted_start, QUALIFICATION.interval(qualified_on)[0])
            for s, e in _clip(work.get(person_id, []), start, posted_end):
                for piece_start, piece_end in _minus(s, e, held.get(person_id, ())):
                    spans[unit_id].append((piece_start, piece_end, person_id))
        return spans


class CoverageData:
    """Every dated fact coverage depends on, loaded once and turned into intervals; ask it about any days."""

    def __init__(self, *, units, pieces, certificates, suspensions, engagements, dispatches, r12=None):
        self.units = {unit.id: unit for unit in units}
        holes = defaultdict(list)  # certificate id → suspensions [(start, end)], sorted
        for certificate_id, start, end in suspensions:
            holes[certificate_id].append(HalfOpen.interval(start, end))
        for spans in holes.values():
            spans.sort()
        self.suspensions = holes
        self.certificates = {pk: (number, name) for pk, number, name in certificates}
        # unit id → [(start, end, person id, certificate id)]: the days a certificate in force was held by
        # someone posted in the unit, suspensions cut out; in the order the reasons list them.
        self.lawyer_spans = defaultdict(list)
        for unit_id, person_id, certificate_id, p_start, p_end, issued_on, ended_on in pieces:
            posted, held = HalfOpen.interval(p_start, p_end), CERTIFICATE.interval(issued_on, ended_on)
            start, end = max(posted[0], held[0]), min(posted[1], held[1])
            for s, e in _minus(start, end, holes.get(certificate_id, ())):
                self.lawyer_spans[unit_id].append((s, e, person_id, certificate_id))
        # unit id → [(label, start, end)] for engagements and for dispatches.
        self.engagements = defaultdict(list)
        for unit_id, label, starts_on, ends_on, terminated_on in engagements:
            self.engagements[unit_id].append((label, *ENGAGEMENT.interval(starts_on, ends_on, terminated_on)))
        self.dispatches = defaultdict(list)
        for unit_id, label, starts_on, ends_on, terminated_on in dispatches:
            self.dispatches[unit_id].append((label, *DISPATCH.interval(starts_on, ends_on, terminated_on)))
        # unit id → [(start, end, person id)]: the days a person of the unit was R1.2 staff (R12Facts).
        self.r12_spans = (r12 or R12Facts()).spans()
        self._groups = None
        self._people = None

    @classmethod
    def load(cls, unit_ids=None) -> "CoverageData":
        """Six queries; `unit_ids` narrows every one of them to some units (a unit page)."""

        def narrow(queryset, lookup):
            return queryset if unit_ids is None else queryset.filter(**{f"{lookup}__in": unit_ids})

        units = [
            UnitInfo(*row)
            for row in narrow(Unit.objects.all(), "pk").values_list(
                "id",
                "name",
                "kind",
                "law_enforcement",
                "management_mode",
                "superior_id",
                "established_on",
                "abolished_on",
            )
        ]
        with connection.cursor() as cursor:
            cursor.execute(*_pieces_sql(unit_ids))
            pieces = cursor.fetchall()
        # Numbers and holders' names once per certificate, for the reasons (not repeated on every piece).
        holders = Person.objects.filter(postings__unit__in=unit_ids) if unit_ids is not None else Person.objects.all()
        certificates = list(
            Certificate.objects.filter(person__in=holders.values("pk")).values_list("id", "number", "person__name")
        )
        suspensions = narrow(Suspension.objects.all(), "certificate__person__postings__unit").distinct()
        suspensions = list(suspensions.values_list("certificate_id", "started_on", "ended_on"))
        engagements = list(
            narrow(Engagement.objects.all(), "unit").values_list(
                "unit_id", "advisor_name", "starts_on", "ends_on", "terminated_on"
            )
        )
        dispatches = list(
            narrow(Dispatch.objects.filter(status=DispatchStatus.DISPATCHED), "unit").values_list(
                "unit_id", "member__name", "starts_on", "ends_on", "terminated_on"
            )
        )
        return cls(
            units=units,
            pieces=pieces,
            certificates=certificates,
            suspensions=suspensions,
            engagements=engagements,
            dispatches=dispatches,
            r12=R12Facts.load(unit_ids),
        )

    def certificate_in_force(self, certificate_id, issued_on, ended_on, day: date) -> bool:
        if not CERTIFICATE.dates_hold(issued_on, ended_on, day):
            return False
        return not any(start <= day < end for start, end in self.suspensions.get(certificate_id, ()))

    # --- one day, unit by unit --------------------------------------------------------------------------
    def statuses_on(self, day: date) -> dict[int, UnitStatus]:
        """Each unit active on `day` with its two statuses and their reasons."""
        statuses = {unit.id: UnitStatus(unit) for unit in self.units.values() if unit.active_on(day)}
        for unit_id, spans in self.lawyer_spans.items():
            status = statuses.get(unit_id)
            if status is None:
                continue
            for start, end, person_id, certificate_id in spans:
                if start <= day < end:
                    number, name = self.certificates.get(certificate_id, ("", ""))
                    status.lawyers.append((person_id, name, number))
        for unit_id, spans in self.r12_spans.items():
            status = statuses.get(unit_id)
            if status is not None:
                status.r12_staff.update(person_id for start, end, person_id in spans if start <= day < end)
        for source, target in ((self.engagements, "engagements"), (self.dispatches, "dispatches")):
            for unit_id, terms in source.items():
                status = statuses.get(unit_id)
                if status is None:
                    continue
                for label, start, end in terms:
                    if start <= day < end:
                        getattr(status, target).append(label)
        return statuses

    # --- many days, aggregated ----------------------------------------------------------------------------
    def _unit_periods(self, unit: UnitInfo):
        """(active, has a lawyer, carries out the work, ... counting every advisor) of a unit as disjoint
        intervals. An engagement counts only on days without R1.2 staff in the unit."""
        active_start, active_end = UNIT.interval(unit.established_on, unit.abolished_on)
        active = [(active_start, active_end)] if active_start < active_end else []
        lawyers = _merge((s, e) for s, e, _p, _c in self.lawyer_spans.get(unit.id, ()))
        dispatched = [(s, e) for _l, s, e in self.dispatches.get(unit.id, []) if s < e]
        advised = _merge((s, e) for _l, s, e in self.engagements.get(unit.id, []) if s < e)
        r12 = _merge((s, e) for s, e, _p in self.r12_spans.get(unit.id, ()))
        advised_counting = [piece for s, e in advised for piece in _minus(s, e, r12)]
        work = _merge(lawyers + dispatched + advised_counting)
        any_advisor = _merge(lawyers + dispatched + advised)
        return (
            active,
            _clip(lawyers, active_start, active_end),
            _clip(work, active_start, active_end),
            _clip(any_advisor, active_start, active_end),
        )

    def _group_index(self):
        if self._groups is None:
            groups = defaultdict(lambda: (_Stabbing(), _Stabbing(), _Stabbing(), _Stabbing()))
            for unit in self.units.values():
                for index, periods in zip(groups[unit.group], self._unit_periods(unit), strict=True):
                    index.add(periods)
            for indexes in groups.values():
                for index in indexes:
                    index.freeze()
            self._groups = dict(groups)
        return self._groups

    def group_counts(self, days) -> dict[date, dict[Group, GroupCount]]:
        """Per day and group of units: active units, units with a public lawyer, units carrying out the work."""
        groups = self._group_index()
        return {
            day: {
                Group(*key): GroupCount(active.count(day), lawyers.count(day), work.count(day), any_advisor.count(day))
                for key, (active, lawyers, work, any_advisor) in groups.items()
            }
            for day in days
        }

    def lawyer_counts(self, days) -> tuple[dict[date, int], dict[int, dict[date, int]]]:
        """Distinct public lawyers on each day: in total, and per unit (only units that ever had one)."""
        days = sorted(days)
        per_unit: dict[int, dict[date, int]] = {}
        by_person = defaultdict(list)
        for unit_id, spans in self.lawyer_spans.items():
            unit = self.units.get(unit_id)
            if unit is None:
                continue
            active_start, active_end = UNIT.interval(unit.established_on, unit.abolished_on)
            people = defaultdict(list)
            for start, end, person_id, _certificate in spans:
                people[person_id].append((start, end))
            counts = dict.fromkeys(days, 0)
            for person_id, intervals in people.items():
                # A person's spans in one unit are usually one; merged first when not, so each counts once.
                held = _clip(intervals if len(intervals) == 1 else _merge(intervals), active_start, active_end)
                by_person[person_id].extend(held)
                for start, end in held:
                    for day in days[bisect_left(days, start) : bisect_left(days, end)]:
                        counts[day] += 1
            per_unit[unit_id] = counts
        total = dict.fromkeys(days, 0)
        for intervals in by_person.values():
            for start, end in intervals if len(intervals) == 1 else _merge(intervals):
                for day in days[bisect_left(days, start) : bisect_left(days, end)]:
                    total[day] += 1
        return total, per_unit

    def change_days(self, unit_id: int) -> list[date]:
        """Every day on which something about `unit_id`'s coverage may change, in order."""
        unit = self.units[unit_id]
        days = {d for d in (unit.established_on, unit.abolished_on) if d}
        for start, end, _person, _certificate in self.lawyer_spans.get(unit_id, ()):
            days.update((start, end))
        for _label, start, end in self.engagements.get(unit_id, []) + self.dispatches.get(unit_id, []):
            days.update((start, end))
        for start, end, _person in self.r12_spans.get(unit_id, ()):
            days.update((start, end))
        return sorted(day for day in days if EARLIEST < day < LATEST)
