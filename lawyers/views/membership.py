import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.db.models import Q
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.views import ScopedExportView, ScopedListView
from units.filters import YES_NO_ANY

from .. import services
from ..forms import MembershipForm
from ..models import LIVE_CERTIFICATE, Certificate, Membership, Person
from ..roles import MEMBERSHIP_KEEPERS, MEMBERSHIP_READERS
from .people import PersonActionView


class MembershipFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Search"), method="search")
    member = django_filters.BooleanFilter(
        label=_("Bar member"),
        field_name="person__membership",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.Select(choices=YES_NO_ANY),
    )

    class Meta:
        model = Certificate
        fields = ["q", "member"]

    def search(self, queryset, name, value):
        return queryset.filter(Q(person__name__icontains=value) | Q(person__unit__name__icontains=value))


class MembershipTable(tables.Table):
    name = tables.Column(accessor="person__name", verbose_name=_("full name"))
    unit = tables.Column(accessor="person__unit__name", verbose_name=_("unit"))
    number = tables.Column(verbose_name=_("practice certificate number"))
    membership_number = tables.Column(
        accessor="person__membership__number", verbose_name=_("membership number"), default="—"
    )
    joined_on = tables.DateColumn(
        accessor="person__membership__joined_on", verbose_name=_("member since"), format="Y-m-d", default="—"
    )
    record = tables.LinkColumn(
        "lawyers:membership_record",
        args=[tables.A("person_id")],
        text=_("Record"),
        verbose_name="",
        orderable=False,
        exclude_from_export=True,
    )

    class Meta:
        attrs = {"class": "table table-hover table-sm align-middle"}
        order_by = ("unit", "name")
        empty_text = _("No public lawyers match the filters.")

    def __init__(self, *args, may_record=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not may_record:
            self.columns.hide("record")


class MembershipQuerysetMixin:
    """Public lawyers are the holders of certificates in force; the bar reads them through the certificates."""

    model = Certificate
    select_related = ("person__unit", "person__membership")

    def get_queryset(self):
        return super().get_queryset().filter(status__in=LIVE_CERTIFICATE)


class MembershipListView(MembershipQuerysetMixin, ScopedListView):
    allowed_roles = MEMBERSHIP_READERS
    filterset_class = MembershipFilterSet
    table_class = MembershipTable
    export_url_name = "lawyers:membership_export"
    title = _("Bar-association membership")

    def get_table_kwargs(self):
        return {"may_record": self.request.user.role in MEMBERSHIP_KEEPERS}


class MembershipExportView(MembershipQuerysetMixin, ScopedExportView):
    allowed_roles = MEMBERSHIP_READERS
    filterset_class = MembershipFilterSet
    table_class = MembershipTable
    title = _("Bar-association membership")


class MembershipRecordView(PersonActionView):
    allowed_roles = MEMBERSHIP_KEEPERS
    form_class = MembershipForm
    title = _("Record bar membership")

    def get_object(self):
        # The bar sees people through their certificates in force (the certificate's scope).
        holders = Certificate.objects.visible_to(self.request.user).filter(status__in=LIVE_CERTIFICATE)
        return get_object_or_404(Person.objects.select_related("unit"), pk=self.kwargs["pk"], certificates__in=holders)

    def get_form(self, data=None):
        membership = Membership.objects.filter(person=self.person).first()
        initial = {"number": membership.number, "joined_on": membership.joined_on} if membership else {}
        return MembershipForm(data, initial=initial)

    def get_context(self, form) -> dict:
        # Back to the membership list: the bar does not open people's pages.
        return {**super().get_context(form), "cancel_url": self.get_success_url()}

    def act(self, form):
        services.membership_record(actor=self.request.user, person=self.person, **form.cleaned_data)
        messages.success(self.request, _("The membership of %(name)s was recorded.") % {"name": self.person.name})

    def get_success_url(self):
        return reverse("lawyers:membership_list")
