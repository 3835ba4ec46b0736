"""The county's view of a year (R4.2): grade distribution by unit and by system, failed lawyers and why,
units not yet finished. Counts published results only; three queries however many units."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _

from .choices import GRADE_ORDER, CommitteeStatus, Grade
from .models import Assessment, AssessmentYear
from .services import unfinished_units


@dataclass
class DistributionRow:
    label: str
    counts: dict = field(default_factory=dict)

    @property
    def cells(self) -> list[int]:
        return [self.counts.get(grade, 0) for grade in GRADE_ORDER]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def overview(year: AssessmentYear) -> dict:
    published = Assessment.objects.filter(committee__year=year, committee__status=CommitteeStatus.PUBLISHED)
    by_unit = defaultdict(lambda: DistributionRow(""))
    by_system = defaultdict(lambda: DistributionRow(""))
    rows = published.values("unit__name", "unit__superior__name", "proposed_grade").annotate(n=Count("pk"))
    for row in rows.order_by("unit__name"):
        unit = by_unit[row["unit__name"]]
        unit.label = row["unit__name"]
        unit.counts[row["proposed_grade"]] = unit.counts.get(row["proposed_grade"], 0) + row["n"]
        system_name = row["unit__superior__name"] or _("Local management")
        system = by_system[system_name]
        system.label = system_name
        system.counts[row["proposed_grade"]] = system.counts.get(row["proposed_grade"], 0) + row["n"]
    total = DistributionRow(_("County"))
    for unit in by_unit.values():
        for grade, n in unit.counts.items():
            total.counts[grade] = total.counts.get(grade, 0) + n
    failed = (
        published.filter(proposed_grade=Grade.INCOMPETENT)
        .select_related("person", "unit")
        .order_by("unit__name", "person__name")
    )
    return {
        "year": year,
        "grades": [Grade(grade).label for grade in GRADE_ORDER],
        "by_unit": list(by_unit.values()),
        "by_system": sorted(by_system.values(), key=lambda row: row.label),
        "total": total,
        "failed": list(failed),
        "unfinished": list(unfinished_units(year)),
    }


def export_rows(context) -> list[list]:
    """The whole overview as one sheet: the distribution tables, then the failed lawyers, then the units."""
    grades = [str(label) for label in context["grades"]]
    rows = [[_("By unit"), *grades, _("Total")]]
    rows += [[row.label, *row.cells, row.total] for row in [*context["by_unit"], context["total"]]]
    rows += [[], [_("By system"), *grades, _("Total")]]
    rows += [[row.label, *row.cells, row.total] for row in context["by_system"]]
    rows += [[], [_("Failed lawyers"), _("Unit"), _("Score"), _("Why")]]
    rows += [[a.person.name, a.unit.name, a.score, a.rule_note or a.comments] for a in context["failed"]]
    rows += [[], [_("Units not yet finished")]]
    rows += [[unit.name] for unit in context["unfinished"]]
    return rows
