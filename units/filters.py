import django_filters
from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .choices import ManagementMode, UnitKind
from .models import SystemOrganisation, Unit

YES_NO_ANY = [("", _("All")), ("true", _("Yes")), ("false", _("No"))]


class UnitFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=UnitKind.choices, empty_label=_("All"))
    law_enforcement = django_filters.BooleanFilter(
        label=_("Law-enforcement power"), widget=forms.Select(choices=YES_NO_ANY)
    )
    management_mode = django_filters.ChoiceFilter(
        label=_("Management mode"), choices=ManagementMode.choices, empty_label=_("All")
    )
    active_on = django_filters.DateFilter(
        label=_("Active on"), method="filter_active_on", widget=forms.DateInput(attrs={"type": "date"})
    )

    class Meta:
        model = Unit
        fields = ["q", "kind", "law_enforcement", "management_mode", "active_on"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(credit_code__icontains=value) | Q(superior__name__icontains=value)
        )

    def filter_active_on(self, queryset, name, value):
        return queryset.active_on(value)


class SystemOrganisationFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = SystemOrganisation
        fields = ["q"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(name__icontains=value) | Q(system__icontains=value))
