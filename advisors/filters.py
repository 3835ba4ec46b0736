import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from units.filters import YES_NO_ANY
from units.models import SystemOrganisation, Unit

from .choices import WAITING_FOR, AdvisorKind, DispatchStatus
from .models import Dispatch, Engagement, PoolMember, in_force_on

# The unit and the county office are warned this long before an engagement's last day (issue: renewals).
ENDING_SOON_DAYS = 30


class EngagementFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    unit = django_filters.ModelChoiceFilter(label=_("Unit"), queryset=Unit.objects.none(), empty_label=_("All"))
    advisor_kind = django_filters.ChoiceFilter(label=_("Advisor"), choices=AdvisorKind.choices, empty_label=_("All"))
    in_force = django_filters.BooleanFilter(
        label=_("In force today"), method="filter_in_force", widget=forms.Select(choices=YES_NO_ANY)
    )

    ending_soon = django_filters.BooleanFilter(
        label=_("Ending within 30 days"), method="filter_ending_soon", widget=forms.Select(choices=YES_NO_ANY)
    )

    class Meta:
        model = Engagement
        fields = ["q", "unit", "advisor_kind", "in_force", "ending_soon"]

    def filter_ending_soon(self, queryset, name, value):
        ending = queryset.ending_within(timezone.localdate(), ENDING_SOON_DAYS)
        return ending if value else queryset.exclude(pk__in=ending.values("pk"))

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # An officer's dropdown offers their own unit only; the county-wide roles pick among every unit.
        self.filters["unit"].queryset = Unit.objects.visible_to(request.user) if request else Unit.objects.none()

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(advisor_name__icontains=value) | Q(organisation__icontains=value) | Q(unit__name__icontains=value)
        )

    def filter_in_force(self, queryset, name, value):
        today = in_force_on(timezone.localdate())
        return queryset.filter(today) if value else queryset.exclude(today)


class PoolMemberFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    system = django_filters.ModelChoiceFilter(
        label=_("Superior organisation"), queryset=SystemOrganisation.objects.none(), empty_label=_("All")
    )
    current = django_filters.BooleanFilter(
        label=_("In the pool today"), method="filter_current", widget=forms.Select(choices=YES_NO_ANY)
    )

    class Meta:
        model = PoolMember
        fields = ["q", "system", "current"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        if request and request.user.system_organisation_id:
            # A pool office's list is its own system's pool: nothing to choose.
            del self.filters["system"]
        else:
            self.filters["system"].queryset = (
                SystemOrganisation.objects.visible_to(request.user) if request else SystemOrganisation.objects.none()
            )

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(name__icontains=value) | Q(organisation__icontains=value) | Q(expertise__icontains=value)
        )

    def filter_current(self, queryset, name, value):
        current = PoolMember.objects.current_on(timezone.localdate()).values("pk")
        return queryset.filter(pk__in=current) if value else queryset.exclude(pk__in=current)


class DispatchFilterSet(django_filters.FilterSet):
    waiting = django_filters.BooleanFilter(
        label=_("Waiting for me"), method="filter_waiting", widget=forms.Select(choices=YES_NO_ANY)
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=DispatchStatus.choices, empty_label=_("All"))
    in_force = django_filters.BooleanFilter(
        label=_("In force today"), method="filter_in_force", widget=forms.Select(choices=YES_NO_ANY)
    )
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Dispatch
        fields = ["waiting", "status", "in_force", "q"]

    def filter_waiting(self, queryset, name, value):
        statuses = WAITING_FOR.get(self.request.user.role, ()) if self.request else ()
        return queryset.filter(status__in=statuses) if value else queryset.exclude(status__in=statuses)

    def filter_in_force(self, queryset, name, value):
        today = Q(status=DispatchStatus.DISPATCHED) & in_force_on(timezone.localdate())
        return queryset.filter(today) if value else queryset.exclude(today)

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(unit__name__icontains=value) | Q(member__name__icontains=value) | Q(needs__icontains=value)
        )
