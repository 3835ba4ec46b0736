import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.widgets import LimitedSelect
from lawyers.models import Person
from units.filters import YES_NO_ANY
from units.models import Unit

from .choices import AssignmentStatus, MatterCategory, MatterStatus
from .models import Assignment, DecisionItem, Matter


class UnitChoiceMixin:
    """A unit dropdown offering what the user may see: an officer's own unit, every unit county-wide."""

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request else None
        self.filters["unit"].queryset = Unit.objects.visible_to(user) if user else Unit.objects.none()


class MatterFilterSet(UnitChoiceMixin, django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.none(), empty_label=_("All"), widget=LimitedSelect
    )
    category = django_filters.ChoiceFilter(label=_("Category"), choices=MatterCategory.choices, empty_label=_("All"))
    status = django_filters.ChoiceFilter(label=_("Status"), choices=MatterStatus.choices, empty_label=_("All"))
    lawyer = django_filters.ModelChoiceFilter(
        label=_("Lawyer"),
        queryset=Person.objects.none(),
        method="filter_lawyer",
        empty_label=_("All"),
        widget=LimitedSelect,
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), method="filter_overdue", widget=forms.Select(choices=YES_NO_ANY)
    )
    created = django_filters.DateFromToRangeFilter(
        label=_("Created between"),
        field_name="created_at",
        widget=django_filters.widgets.DateRangeWidget(attrs={"type": "date"}),
    )

    class Meta:
        model = Matter
        fields = ["q", "unit", "category", "status", "lawyer", "overdue", "created"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = request.user if request else None
        # Only people who have been assigned a matter the user sees: the dropdown stays short.
        # A semi-join (EXISTS) on the assignments the user sees, rather than a join and DISTINCT over every
        # visible matter: at nation scale that join has millions of rows. By name: no join for the ordering.
        # Only the name is read: the options show nothing else, and the encrypted personal fields would
        # otherwise be decrypted for each of the 200 options (a third of the list page's time).
        assigned = Assignment.objects.visible_to(user).filter(person=OuterRef("pk"))
        self.filters["lawyer"].queryset = (
            Person.objects.filter(Exists(assigned)).only("pk", "name").order_by("name", "pk")
            if user
            else Person.objects.none()
        )

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(title__icontains=value) | Q(case_number__icontains=value) | Q(counterparty__icontains=value)
        )

    def filter_lawyer(self, queryset, name, value):
        # One assignment per person and matter (models): the join adds no duplicate rows.
        return queryset.filter(assignments__person=value)

    def filter_overdue(self, queryset, name, value):
        late = queryset.overdue_q(timezone.localdate())
        return queryset.filter(late) if value else queryset.exclude(late)


class MyAssignmentFilterSet(django_filters.FilterSet):
    status = django_filters.ChoiceFilter(label=_("Status"), choices=AssignmentStatus.choices, empty_label=_("All"))
    open = django_filters.BooleanFilter(
        label=_("Matter open"), method="filter_open", widget=forms.Select(choices=YES_NO_ANY)
    )

    class Meta:
        model = Assignment
        fields = ["status", "open"]

    def filter_open(self, queryset, name, value):
        closed = Q(matter__status=MatterStatus.CLOSED)
        return queryset.exclude(closed) if value else queryset.filter(closed)


class DecisionItemFilterSet(UnitChoiceMixin, django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.none(), empty_label=_("All"))
    is_active = django_filters.BooleanFilter(label=_("On the current list"), widget=forms.Select(choices=YES_NO_ANY))

    class Meta:
        model = DecisionItem
        fields = ["unit", "is_active"]


class DecisionReportFilterSet(UnitChoiceMixin, django_filters.FilterSet):
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.none(), empty_label=_("All"))
    year = django_filters.NumberFilter(label=_("Decision year"), field_name="decision_on", lookup_expr="year")

    class Meta:
        model = Matter
        fields = ["unit", "year"]
