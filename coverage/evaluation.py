"""Rates and verdicts of the targets, and the findings beside them, all read from one CoverageData."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count
from django.utils.translation import gettext_lazy

from advisors.models import PoolMember
from lawyers.models import Person, Posting
from units.choices import SYSTEM_MODES, ManagementMode, UnitKind

from .choices import ANY_ADVISOR, Metric, Verdict
from .engine import CoverageData, UnitStatus

TREND_START = date(2021, 1, 1)  # the 14th Five-Year Plan's first day
# The earliest as-of date the dashboard answers: a county loads its history from long before the plan
# (docs/dated-facts.md); the first public-lawyer pilots date from the early 2000s.
EARLIEST_AS_OF = date(2000, 1, 1)


def rate(covered: int, population: int) -> Decimal | None:
    """Covered / population as a percentage with one decimal; None ("n/a") for an empty population."""
    if population == 0:
        return None
    return (Decimal(covered) * 100 / Decimal(population)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass
class TargetResult:
    target: object
    day: date
    population: list[UnitStatus]
    covered: list[UnitStatus]

    @property
    def population_count(self) -> int:
        return len(self.population)

    @property
    def covered_count(self) -> int:
        return len(self.covered)

    @property
    def rate(self) -> Decimal | None:
        return rate(self.covered_count, self.population_count)

    @property
    def reached(self) -> bool:
        return self.rate is not None and self.rate >= self.target.threshold

    @property
    def uncovered(self) -> list[UnitStatus]:
        covered = {status.unit.id for status in self.covered}
        return [status for status in self.population if status.unit.id not in covered]


@dataclass
class TargetCount:
    """A target's standing on a day as counts only (a card's deadline), from CoverageData.group_counts."""

    target: object
    day: date
    population_count: int
    covered_count: int

    @property
    def rate(self) -> Decimal | None:
        return rate(self.covered_count, self.population_count)

    @property
    def reached(self) -> bool:
        return self.rate is not None and self.rate >= self.target.threshold


def count_target(target, data: CoverageData, day: date) -> TargetCount:
    population = covered = 0
    for group, count in data.group_counts([day])[day].items():
        if target.includes(group):
            population += count.active
            covered += count.covered(target.measure)
    return TargetCount(target, day, population, covered)


def evaluate(target, statuses: dict[int, UnitStatus], day: date) -> TargetResult:
    population = sorted((s for s in statuses.values() if target.includes(s.unit)), key=lambda s: s.unit.name)
    return TargetResult(target, day, population, [s for s in population if s.holds(target.measure)])


@dataclass
class TargetCard:
    now: TargetResult
    at_deadline: TargetCount | None  # None while the deadline lies after the as-of date
    verdict: str

    @property
    def verdict_label(self):
        return Verdict(self.verdict).label


def target_card(target, data: CoverageData, as_of: date, statuses_now: dict) -> TargetCard:
    now = evaluate(target, statuses_now, as_of)
    if target.deadline <= as_of:
        # Counts only: the card shows the deadline's rate and counts, not its units (no pass over every unit).
        at_deadline = count_target(target, data, target.deadline)
        if at_deadline.rate is None:
            verdict = Verdict.NOT_APPLICABLE
        else:
            verdict = Verdict.MET if at_deadline.reached else Verdict.MISSED
        return TargetCard(now, at_deadline, verdict)
    if now.rate is None:
        return TargetCard(now, None, Verdict.NOT_APPLICABLE)
    return TargetCard(now, None, Verdict.ON_TRACK if now.reached else Verdict.BEHIND)


def month_ends(start: date, end: date) -> list[date]:
    """The last day of every month from `start`'s month to `end`'s, the last one being `end` itself."""
    days = []
    year, month = start.year, start.month
    while (year, month) < (end.year, end.month):
        first_of_next = date(year + (month == 12), month % 12 + 1, 1)
        days.append(first_of_next - timedelta(days=1))
        year, month = first_of_next.year, first_of_next.month
    days.append(end)
    return days


def group_rate(target, groups) -> Decimal | None:
    """A target's rate from the day's counts per group of units (CoverageData.group_counts)."""
    population = covered = 0
    for group, count in groups.items():
        if target.includes(group):
            population += count.active
            covered += count.covered(target.measure)
    return rate(covered, population)


def trend(targets, data: CoverageData, as_of: date) -> list[tuple[date, list[Decimal | None]]]:
    """Each month-end from January 2021 to the as-of date with every target's rate that day."""
    days = month_ends(TREND_START, as_of) if as_of >= TREND_START else []
    counts = data.group_counts(days)
    return [(day, [group_rate(target, counts[day]) for target in targets]) for day in days]


@dataclass
class BreakdownRow:
    key: str
    label: object
    population: int
    has_lawyer: int
    carries_out_work: int

    @property
    def has_lawyer_rate(self):
        return rate(self.has_lawyer, self.population)

    @property
    def work_rate(self):
        return rate(self.carries_out_work, self.population)


def breakdown(statuses: dict[int, UnitStatus], attribute: str, choices) -> list[BreakdownRow]:
    rows = {value: BreakdownRow(value, label, 0, 0, 0) for value, label in choices.choices}
    for status in statuses.values():
        row = rows[getattr(status.unit, attribute)]
        row.population += 1
        row.has_lawyer += status.has_lawyer
        row.carries_out_work += status.carries_out_work
    return [row for row in rows.values() if row.population]


def breakdown_by_kind(statuses):
    return breakdown(statuses, "kind", UnitKind)


def breakdown_by_mode(statuses):
    return breakdown(statuses, "management_mode", ManagementMode)


@dataclass
class Abolished:
    """A unit abolished in a year while it had public lawyers, and where they went (DOMAIN.md, clarifications:
    not a fall of the headcount, listed apart)."""

    unit: object
    year: int
    lawyers: int  # public lawyers on the day before the abolition
    went_to: list[str]  # the units they were public lawyers of next, by name


@dataclass
class Headcount:
    years: list[int]
    county: dict[int, int]
    by_unit: list[tuple[object, dict[int, int], list[int]]]  # (unit, counts by year, years it fell)
    abolished: list[Abolished] = field(default_factory=list)


def headcount(data: CoverageData, as_of: date, unit_ids=None) -> Headcount:
    """Public lawyers at each year's end since 2021 (the as-of date for its own year), county-wide and per
    unit, with the years in which a unit's count fell (R1.6: the headcount grows every year). A fall compares
    only a unit active at both year ends; a unit abolished in a year is listed apart with where its lawyers
    went."""
    years = list(range(min(TREND_START.year, as_of.year), as_of.year + 1))
    days = {year: min(date(year, 12, 31), as_of) for year in years}
    total, per_unit = data.lawyer_counts(set(days.values()))
    county = {year: total[days[year]] for year in years}
    rows, abolished = [], []
    for unit_id, unit in sorted(data.units.items(), key=lambda item: item[1].name):
        if unit_ids is not None and unit_id not in unit_ids or unit_id not in per_unit:
            continue
        counts = {year: per_unit[unit_id][days[year]] for year in years}
        fell = [
            year
            for year in years[1:]
            if counts[year] < counts[year - 1] and unit.active_on(days[year]) and unit.active_on(days[year - 1])
        ]
        if unit.abolished_on and date(years[0], 1, 1) <= unit.abolished_on <= as_of:
            gone = _abolished(data, unit)
            if gone is not None:
                abolished.append(gone)
        if any(counts.values()):
            rows.append((unit, counts, fell))
    return Headcount(years, county, rows, abolished)


def _abolished(data: CoverageData, unit) -> Abolished | None:
    last_day = unit.abolished_on - timedelta(days=1)
    people = {person for start, end, person, _c in data.lawyer_spans.get(unit.id, ()) if start <= last_day < end}
    if not people:
        return None
    went_to = set()
    for other_id, spans in data.lawyer_spans.items():
        if other_id != unit.id and any(p in people and s <= unit.abolished_on < e for s, e, p, _c in spans):
            went_to.add(data.units[other_id].name)
    return Abolished(unit, unit.abolished_on.year, len(people), sorted(went_to))


class Path:
    """The shortest way for an uncovered unit to be covered (DOMAIN.md, findings)."""

    APPLY = "apply"
    DISPATCH = "dispatch"
    ADVISOR = "advisor"
    RECRUIT = "recruit"


PATH_LABELS = {
    Path.APPLY: gettext_lazy("Apply for a certificate for eligible staff already on the roster"),
    Path.DISPATCH: gettext_lazy("Request a dispatch from its system's talent pool"),
    Path.ADVISOR: gettext_lazy("Engage a legal advisor"),
    Path.RECRUIT: gettext_lazy("No eligible staff: recruit or train qualified staff"),  # R1.7
}


@dataclass
class Finding:
    status: UnitStatus
    path: str
    eligible_staff: int

    @property
    def path_label(self):
        return PATH_LABELS[self.path]


def eligible_staff(day: date, unit_ids=None) -> dict[int, int]:
    """Per unit: the people posted there on `day` who are eligible that day (lawyers.eligibility) and hold no
    certificate that day, in one query. R1.2 staff come from the coverage engine (UnitStatus.r12_staff), so
    that the headline, the target rows and the unit page count the same people."""
    candidates = Person.objects.eligible(day).exclude(pk__in=Person.objects.holding_certificate(day).values("pk"))
    postings = Posting.objects.on(day).filter(person__in=candidates.values("pk"))
    if unit_ids is not None:
        postings = postings.filter(unit__in=unit_ids)
    return dict(postings.values("unit").annotate(n=Count("person", distinct=True)).values_list("unit", "n"))


def systems_with_pool(day: date) -> set[int]:
    return set(PoolMember.objects.current_on(day).values_list("system_id", flat=True).distinct())


def findings(result: TargetResult, eligible: dict[int, int], pools: set[int]) -> list[Finding]:
    """Every uncovered unit of a target's population with its shortest path to coverage."""
    rows = []
    for status in result.uncovered:
        unit = status.unit
        staff = eligible.get(unit.id, 0)
        if staff:
            path = Path.APPLY
        elif result.target.metric == Metric.HAS_LAWYER:
            # A dispatch or an advisor carries out the work but does not give the unit its own lawyer.
            path = Path.RECRUIT
        elif (
            status.r12_staff
            and result.target.measure != ANY_ADVISOR
            and not (unit.management_mode in SYSTEM_MODES and unit.superior_id in pools)
        ):
            # An advisor would not count for a unit with R1.2 staff: it must set up its own lawyers.
            path = Path.RECRUIT
        elif unit.management_mode in SYSTEM_MODES and unit.superior_id in pools:
            path = Path.DISPATCH
        else:
            path = Path.ADVISOR
        rows.append(Finding(status, path, staff))
    return rows


def r12_units(statuses: dict[int, UnitStatus]) -> list[tuple[UnitStatus, int]]:
    """R1.2: units with qualified full-time legal staff and no public lawyer on the day, with how many."""
    return sorted(
        ((status, len(status.r12_staff)) for status in statuses.values() if status.r12_staff and not status.has_lawyer),
        key=lambda item: item[0].unit.name,
    )


def advisor_only_units(statuses: dict[int, UnitStatus]) -> list[UnitStatus]:
    """R1.2 units whose only cover on the day is a legal advisor (DOMAIN.md, clarifications): a finding of
    their own, since such units must set up public lawyers (notice 一(一))."""
    return sorted((s for s in statuses.values() if s.covered_only_by_advisor), key=lambda s: s.unit.name)
