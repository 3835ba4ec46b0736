import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import TrainingKind
from .models import FIRST_YEAR, LAST_YEAR, ExternalTraining, TrainingEvent, TrainingPlan

YEAR_WIDGET = forms.NumberInput(attrs={"step": 1})


class TrainingPlanFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(label=_("Year"), min_value=FIRST_YEAR, max_value=LAST_YEAR, widget=YEAR_WIDGET)

    class Meta:
        model = TrainingPlan
        fields = ["year"]


class TrainingEventFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        label=_("Year"),
        field_name="held_on",
        lookup_expr="year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=YEAR_WIDGET,
    )
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=TrainingKind.choices, empty_label=_("All"))
    organiser = django_filters.CharFilter(label=_("Organiser"), lookup_expr="icontains")
    q = django_filters.CharFilter(label=_("Title"), field_name="title", lookup_expr="icontains")

    class Meta:
        model = TrainingEvent
        fields = ["year", "kind", "organiser", "q"]


class HoursFilterSet(django_filters.FilterSet):
    """Filters of the hours report; the year itself is read by the view, which computes the hours for it."""

    year = django_filters.NumberFilter(
        label=_("Year"), method="keep", min_value=FIRST_YEAR, max_value=LAST_YEAR, widget=YEAR_WIDGET
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")
    shortfall = django_filters.BooleanFilter(
        label=_("Shortfall only"), method="filter_shortfall", widget=forms.CheckboxInput
    )

    def __init__(self, *args, year=None, **kwargs):
        super().__init__(*args, **kwargs)
        if year is not None:
            self.form.fields["year"].initial = year

    def keep(self, queryset, name, value):
        return queryset

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(unit__name__icontains=value))

    def filter_shortfall(self, queryset, name, value):
        # Without a plan the shortfall is empty, so nobody falls short; an unchecked box means everyone.
        return queryset.filter(shortfall__gt=0) if value else queryset


class ExternalTrainingFilterSet(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        label=_("Year"),
        field_name="held_on",
        lookup_expr="year",
        min_value=FIRST_YEAR,
        max_value=LAST_YEAR,
        widget=YEAR_WIDGET,
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = ExternalTraining
        fields = ["year", "q"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(person__name__icontains=value) | Q(title__icontains=value) | Q(organiser__icontains=value)
        )
