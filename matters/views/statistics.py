from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from chenggu_lawyers.views import RoleRequiredMixin
from units.models import Unit

from ..models import Assignment
from ..roles import STATISTICS_READERS
from ..statistics import LAWYER_COLUMNS, UNIT_COLUMNS, assignee_year_stats, unit_year_stats

FIRST_YEAR = 2023  # The county's notice on public-lawyer work dates from April 2023.


class StatisticsView(RoleRequiredMixin, TemplateView):
    """Per-unit numbers for a year and, per unit, per assignee (public lawyers, dispatched lawyers, legal
    advisors), over the same matters, so the two tables reconcile; the officer sees the own unit, county-wide
    roles all (the scoping rule on units and on assignments, by their matter's unit)."""

    allowed_roles = STATISTICS_READERS
    template_name = "matters/statistics.html"

    def get_year(self) -> int:
        this_year = timezone.localdate().year
        try:
            year = int(self.request.GET.get("year", this_year))
        except ValueError:
            return this_year
        return year if FIRST_YEAR <= year <= this_year else this_year

    def get_context_data(self, **kwargs):
        user = self.request.user
        year = self.get_year()
        assignees = assignee_year_stats(year, Assignment.objects.visible_to(user))
        units = unit_year_stats(year, Unit.objects.visible_to(user)).filter(created__gt=0)
        lawyer_keys = [key for key, _label in LAWYER_COLUMNS]
        unit_keys = [key for key, _label in UNIT_COLUMNS]
        return {
            **super().get_context_data(**kwargs),
            "title": _("Matter statistics"),
            "year": year,
            "years": range(timezone.localdate().year, FIRST_YEAR - 1, -1),
            "lawyer_columns": LAWYER_COLUMNS,
            "unit_columns": UNIT_COLUMNS,
            "assignee_rows": [(row, [row[key] for key in lawyer_keys]) for row in assignees],
            "unit_rows": [(unit, [getattr(unit, key) for key in unit_keys]) for unit in units.order_by("name")],
        }
