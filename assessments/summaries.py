"""The figures of a unit's yearly summary (工作推进情况总结, R4.3), computed from the portal's own records.

The figures are as of the year's last day, or today while the year runs (`as_of_for`). Each part reads the
computation the portal's own pages use, so the summary and those pages agree for the same unit and day:

- coverage status and its reasons: `coverage.engine.CoverageData` (the unit dashboard's statuses);
- the targets the unit counts in, whether it is covered, the shortest path where it is not, and R1.2 staff:
  `coverage.evaluation`, read as the unit dashboard reads it;
- public lawyers at this and the previous year's end and whether the count fell (R1.6):
  `coverage.evaluation.headcount` (the county dashboard's headcount table);
- matters of the year by R2.1 category: `matters.statistics.unit_year_stats` (the matter statistics page),
  grouped by category, with the as-of date as "today";
- training hours against the year's plan: `training.hours.with_hours` (the hours report) for the unit's
  public lawyers on the as-of date;
- grades: the unit's published results of the year, counted as the county overview counts them.

The figures are plain JSON (codes, names, numbers as text), so a submitted summary keeps them unchanged in
`UnitSummary.figures`; `Figures` turns them into the rows the page, the .docx and the .xlsx show, in the
reader's language.
"""

from datetime import date
from decimal import Decimal

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext as _

from coverage import evaluation
from coverage.engine import CoverageData, UnitStatus
from coverage.models import Target
from lawyers.models import Person
from matters.choices import MatterCategory
from matters.statistics import unit_year_stats
from training.hours import with_hours
from training.models import TrainingPlan
from units.models import Unit

from .choices import GRADE_ORDER, CommitteeStatus, Grade
from .models import Assessment, AssessmentYear

MATTER_FIELDS = ("created", "assignments", "closed", "overdue")


def as_of_for(year: int, today: date | None = None) -> date:
    """The day a year's summary is computed for: the year's last day, or today while the year runs."""
    today = today or timezone.localdate()
    return min(date(year, 12, 31), today)


def year_has_ended(year: int, today: date | None = None) -> bool:
    """Whether the year is over, so its figures are final: before that a submission freezes them early, and
    the page asks for an explicit confirmation first."""
    today = today or timezone.localdate()
    return today > date(year, 12, 31)


def _hours(value) -> str | None:
    """Hours with one decimal, as the training pages show them, whatever the database returns."""
    return None if value is None else f"{Decimal(value):.1f}"


def _coverage(unit: Unit, as_of: date) -> tuple[dict, list[dict], dict, list[dict]]:
    """(status, targets, headcount, findings) from one load of the unit's dated facts."""
    data = CoverageData.load(unit_ids=[unit.pk])
    status = data.statuses_on(as_of).get(unit.pk)
    eligible = evaluation.eligible_staff(as_of, [unit.pk])
    pools = evaluation.systems_with_pool(as_of)
    targets, findings = [], []
    for target in Target.objects.filter(is_active=True):
        member = status is not None and target.includes(status.unit)
        covered = member and status.holds(target.measure)
        path = ""
        if member and not covered:
            # The unit dashboard's "what is missing": the shortest path for this unit alone.
            result = evaluation.TargetResult(target, as_of, [status], [])
            path = evaluation.findings(result, eligible, pools)[0].path
            findings.append({"kind": "path", "target": target.code, "path": path})
        targets.append(
            {
                "code": target.code,
                "name": target.name,
                "threshold": str(target.threshold),
                "deadline": target.deadline.isoformat(),
                "member": member,
                "covered": covered,
                "path": path,
            }
        )
    r12_staff = len(status.r12_staff) if status is not None and not status.has_lawyer else 0
    if r12_staff:
        findings.insert(0, {"kind": "r12", "staff": r12_staff})

    table = evaluation.headcount(data, as_of, unit_ids={unit.pk})
    counts, fell = next(((c, f) for _u, c, f in table.by_unit), ({}, []))
    year = as_of.year
    now = counts.get(year, 0)
    # The headcount table starts with 2021 (the 14th Five-Year Plan): no comparison before that.
    before = counts.get(year - 1, 0) if year - 1 in table.years else None
    headcount = {"year_end": now, "previous_year_end": before, "change": None if before is None else now - before}
    if year in fell:
        findings.append({"kind": "headcount_fell", "before": before, "after": now})

    coverage = {
        "active": status is not None,
        "has_lawyer": bool(status and status.has_lawyer),
        "carries_out_work": bool(status and status.carries_out_work),
        "lawyers": [list(row) for row in status.lawyers] if status else [],
        "engagements": list(status.engagements) if status else [],
        "dispatches": list(status.dispatches) if status else [],
    }
    return coverage, targets, headcount, findings


def _matters(unit: Unit, year: int, as_of: date) -> list[dict]:
    """Every R2.1 category (and other matters) with the matter statistics page's numbers, in one query."""
    # Grouping the unit's row by its matters' category keeps the statistics' own definitions per category.
    rows = (
        unit_year_stats(year, Unit.objects.filter(pk=unit.pk).values("matters__category"), today=as_of)
        .values("matters__category", *MATTER_FIELDS)
        .order_by()
    )
    by_category = {row["matters__category"]: row for row in rows}
    return [
        {"category": category, **{name: by_category.get(category, {}).get(name, 0) for name in MATTER_FIELDS}}
        for category in MatterCategory.values
    ]


def _training(year: int, person_ids: list[int]) -> dict:
    plan = TrainingPlan.objects.filter(year=year).first()
    rows = with_hours(Person.objects.filter(pk__in=person_ids), year=year, plan=plan).order_by("name", "pk")
    lawyers = [
        {"name": row["name"], "attended": _hours(row["attended"]), "shortfall": _hours(row["shortfall"])}
        for row in rows.values("name", "attended", "shortfall")
    ]
    return {"required": _hours(plan.required_hours) if plan else None, "lawyers": lawyers}


def _grades(unit: Unit, year: AssessmentYear) -> dict[str, int]:
    published = Assessment.objects.filter(
        unit=unit, committee__year=year, committee__status=CommitteeStatus.PUBLISHED
    ).order_by()
    return dict(published.values("proposed_grade").annotate(n=Count("pk")).values_list("proposed_grade", "n"))


def compute_figures(unit: Unit, year: AssessmentYear, as_of: date | None = None) -> dict:
    """Every figure of the unit's summary of `year` as of `as_of` (default: `as_of_for(year)`), as JSON."""
    as_of = as_of or as_of_for(year.year)
    coverage, targets, headcount, findings = _coverage(unit, as_of)
    person_ids = sorted({row[0] for row in coverage["lawyers"]})
    return {
        "as_of": as_of.isoformat(),
        "year": year.year,
        "coverage": coverage,
        "targets": targets,
        "headcount": headcount,
        "matters": _matters(unit, year.year, as_of),
        "training": _training(year.year, person_ids),
        "grades": _grades(unit, year),
        "findings": findings,
    }


class Figures:
    """A summary's figures as rows to show, with every label in the reader's language."""

    def __init__(self, data: dict):
        self.data = data

    @property
    def as_of(self) -> date:
        return date.fromisoformat(self.data["as_of"])

    @property
    def coverage(self) -> dict:
        return self.data["coverage"]

    @property
    def reasons(self) -> list[str]:
        """What makes the unit covered, worded by the coverage engine as on the unit dashboard."""
        coverage = self.coverage
        status = UnitStatus(
            None,
            lawyers=[tuple(row) for row in coverage["lawyers"]],
            engagements=coverage["engagements"],
            dispatches=coverage["dispatches"],
        )
        return status.reasons

    @property
    def targets(self) -> list[dict]:
        return [
            {**row, "path_label": str(evaluation.PATH_LABELS[row["path"]]) if row["path"] else ""}
            for row in self.data["targets"]
        ]

    @property
    def headcount(self) -> dict:
        return self.data["headcount"]

    @property
    def matter_rows(self) -> list[tuple[str, list[int]]]:
        return [
            (str(MatterCategory(row["category"]).label), [row[name] for name in MATTER_FIELDS])
            for row in self.data["matters"]
        ]

    @property
    def matter_total(self) -> list[int]:
        return [sum(row[name] for row in self.data["matters"]) for name in MATTER_FIELDS]

    @staticmethod
    def matter_headers() -> list[str]:
        return [_("Category"), _("Matters"), _("Assignments"), _("Closed"), _("Overdue")]

    @property
    def training(self) -> dict:
        return self.data["training"]

    @property
    def training_total(self) -> dict:
        """Hours attended by the unit's lawyers together, and how many of them fall short of the plan."""
        lawyers = self.training["lawyers"]
        short = sum(1 for row in lawyers if row["shortfall"] is not None and Decimal(row["shortfall"]) > 0)
        return {"attended": sum((Decimal(row["attended"]) for row in lawyers), Decimal(0)), "short": short}

    @property
    def grade_rows(self) -> list[tuple[str, int]]:
        counts = self.data["grades"]
        return [(str(Grade(grade).label), counts.get(grade, 0)) for grade in GRADE_ORDER]

    @property
    def graded(self) -> int:
        return sum(self.data["grades"].values())

    @property
    def findings(self) -> list[str]:
        names = {row["code"]: f"{row['code']} {row['name']}" for row in self.data["targets"]}
        texts = []
        for finding in self.data["findings"]:
            if finding["kind"] == "r12":
                texts.append(  # R1.2
                    _("%(count)s qualified full-time legal staff but no public lawyer; put them forward.")
                    % {"count": finding["staff"]}
                )
            elif finding["kind"] == "path":
                texts.append(
                    _("%(target)s: the unit is not covered. Shortest path: %(path)s")
                    % {
                        "target": names.get(finding["target"], finding["target"]),
                        "path": evaluation.PATH_LABELS[finding["path"]],
                    }
                )
            elif finding["kind"] == "headcount_fell":
                texts.append(  # R1.6
                    _("The public-lawyer headcount fell from %(before)s to %(after)s.")
                    % {"before": finding["before"], "after": finding["after"]}
                )
        return texts


def summary_figures(summary) -> Figures:
    """A submitted or approved summary's frozen figures; a draft's (or a returned one's) computed now."""
    if summary.figures_frozen:
        return Figures(summary.figures)
    return Figures(compute_figures(summary.unit, summary.year))
