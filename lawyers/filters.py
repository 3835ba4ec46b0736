import django_filters
from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers import in_force
from chenggu_lawyers.widgets import LimitedSelect
from units.filters import YES_NO_ANY
from units.models import Unit

from .choices import WAITING_FOR, ApplicationStatus, CertificateStatus, Standing
from .eligibility import rules_q
from .models import LIVE_CERTIFICATE, Application, Certificate, Person, id_number_digest

# The people list's "public lawyer" filter, in the values its yes/no filter had ("true", "false").
STANDING_OF_CHOICE = {"true": Standing.IN_FORCE, "suspended": Standing.SUSPENDED, "false": Standing.NONE}
LAWYER_CHOICES = [(value, Standing(standing).label) for value, standing in STANDING_OF_CHOICE.items()]


class PersonFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search", help_text=_("Name, post, or a whole ID number."))
    unit = django_filters.ModelChoiceFilter(
        label=_("Unit"), queryset=Unit.objects.none(), empty_label=_("All"), widget=LimitedSelect
    )
    qualified = django_filters.BooleanFilter(
        label=_("Qualified"), method="filter_qualified", widget=forms.Select(choices=YES_NO_ANY)
    )
    full_time_legal = django_filters.BooleanFilter(
        label=_("Full-time legal"), method="filter_full_time_legal", widget=forms.Select(choices=YES_NO_ANY)
    )
    # The three answers of the list's column: 是 is a certificate in force today (as the coverage dashboard
    # counts), 暂停执业 a suspended one, 否 none; "yes" leaves the suspended out, they are not in force.
    lawyer = django_filters.ChoiceFilter(
        label=_("Public lawyer"), method="filter_lawyer", choices=LAWYER_CHOICES, empty_label=_("All")
    )
    eligible = django_filters.BooleanFilter(
        label=_("Eligible"), method="filter_eligible", widget=forms.Select(choices=YES_NO_ANY)
    )

    class Meta:
        model = Person
        fields = ["q", "unit", "qualified", "full_time_legal", "lawyer", "eligible"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        # The unit dropdown offers the units the user sees; an officer sees only their own.
        self.filters["unit"].queryset = Unit.objects.visible_to(request.user) if request else Unit.objects.none()

    def search(self, queryset, name, value):
        # ID numbers are stored encrypted: a whole one is matched through its digest, a part cannot be.
        by_id_number = Q(id_number_digest=id_number_digest(value)) if len(value.strip()) == 18 else Q(pk__in=[])
        return queryset.filter(Q(name__icontains=value) | Q(post__icontains=value) | by_id_number)

    def filter_qualified(self, queryset, name, value):
        qualified = in_force.QUALIFICATION.q(timezone.localdate())
        return queryset.filter(qualified) if value else queryset.exclude(qualified)

    def filter_full_time_legal(self, queryset, name, value):
        working = Q(pk__in=Person.objects.in_legal_work().values("pk"))
        return queryset.filter(working) if value else queryset.exclude(working)

    def filter_lawyer(self, queryset, name, value):
        return queryset.filter(standing=STANDING_OF_CHOICE[value])

    def filter_eligible(self, queryset, name, value):
        rules = rules_q(timezone.localdate())
        return queryset.filter(rules) if value else queryset.exclude(rules)


class ApplicationFilterSet(django_filters.FilterSet):
    waiting = django_filters.BooleanFilter(
        label=_("Waiting for me"), method="filter_waiting", widget=forms.Select(choices=YES_NO_ANY)
    )
    status = django_filters.ChoiceFilter(label=_("Status"), choices=ApplicationStatus.choices, empty_label=_("All"))
    q = django_filters.CharFilter(label=_("Search"), method="search")

    class Meta:
        model = Application
        fields = ["waiting", "status", "q"]

    def filter_waiting(self, queryset, name, value):
        statuses = WAITING_FOR.get(self.request.user.role, ()) if self.request else ()
        return queryset.filter(status__in=statuses) if value else queryset.exclude(status__in=statuses)

    def search(self, queryset, name, value):
        return queryset.filter(Q(person__name__icontains=value) | Q(unit__name__icontains=value))


class CertificateFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(label=_("Status"), choices=CertificateStatus.choices, empty_label=_("All"))
    live = django_filters.BooleanFilter(
        label=_("In force"), method="filter_live", widget=forms.Select(choices=YES_NO_ANY)
    )

    class Meta:
        model = Certificate
        fields = ["q", "status", "live"]

    def search(self, queryset, name, value):
        return queryset.filter(
            Q(person__name__icontains=value) | Q(number__icontains=value) | Q(person__unit__name__icontains=value)
        )

    def filter_live(self, queryset, name, value):
        return queryset.filter(status__in=LIVE_CERTIFICATE) if value else queryset.exclude(status__in=LIVE_CERTIFICATE)
