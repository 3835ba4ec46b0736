import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from units.models import Unit

from .balances import FIRST_YEAR, LAST_YEAR
from .choices import Compensation, ExpenseKind, ExpenseStatus, OvertimeStatus
from .models import ExpenseClaim, LeaveTaken, OvertimeEntry

YEAR_WIDGET = forms.NumberInput(attrs={"step": 1})


def year_filter(field_name):
    return django_filters.NumberFilter(
        label=_("Year"),
        field_name=field_name,
        lookup_expr="year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=YEAR_WIDGET,
    )


class UnitChoiceMixin:
    """The unit dropdown offers the units the user sees; an officer's has its own unit only."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if "unit" in self.filters:
            self.filters["unit"].queryset = Unit.objects.visible_to(request.user) if request else Unit.objects.none()


class OvertimeFilterSet(UnitChoiceMixin, django_filters.FilterSet):
    year = year_filter("worked_on")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=OvertimeStatus.choices, empty_label=_("All"))
    compensation = django_filters.ChoiceFilter(
        label=_("Compensation"), choices=Compensation.choices, empty_label=_("All")
    )
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), field_name="person__unit", queryset=Unit.objects.none(), empty_label=_("All")
    )
    q = django_filters.CharFilter(label=_("Person"), field_name="person__name", lookup_expr="icontains")

    class Meta:
        model = OvertimeEntry
        fields = ["year", "status", "compensation", "unit", "q"]


class LeaveFilterSet(UnitChoiceMixin, django_filters.FilterSet):
    year = year_filter("first_day")
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), field_name="person__unit", queryset=Unit.objects.none(), empty_label=_("All")
    )
    q = django_filters.CharFilter(label=_("Person"), field_name="person__name", lookup_expr="icontains")

    class Meta:
        model = LeaveTaken
        fields = ["year", "unit", "q"]


class BalanceFilterSet(django_filters.FilterSet):
    """Filters of the balance report; the year itself is read by the view, which computes the balances for it."""

    year = django_filters.NumberFilter(
        label=_("Year"), method="keep", min_value=FIRST_YEAR, max_value=LAST_YEAR, widget=YEAR_WIDGET
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        if year is not None:
            self.form.fields["year"].initial = year

    def keep(self, queryset, name, value):
        return queryset

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(unit__name__icontains=value))


class ExpenseTotalsFilterSet(BalanceFilterSet):
    def search(self, queryset, name, value):
        return queryset.filter(Q(person__name__icontains=value) | Q(person__unit__name__icontains=value))


class ExpenseFilterSet(UnitChoiceMixin, django_filters.FilterSet):
    year = year_filter("incurred_on")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ExpenseStatus.choices, empty_label=_("All"))
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ExpenseKind.choices, empty_label=_("All"))
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), field_name="matter__unit", queryset=Unit.objects.none(), empty_label=_("All")
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = ExpenseClaim
        fields = ["year", "status", "kind", "unit", "q"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(person__name__icontains=value) | Q(matter__title__icontains=value))
