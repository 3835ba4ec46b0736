import django_filters
import django_tables2 as tables
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Prefetch
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views import View

from accounts.choices import Role
from chenggu_lawyers.views import ScopedDetailView, ScopedExportView, ScopedListView, ScopedQuerysetMixin
from lawyers.views.people import PersonActionView
from units.filters import YES_NO_ANY

from . import services
from .choices import ActionKind
from .forms import DisciplineForm
from .models import Acknowledgement, DisciplinaryAction

READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.BAR_ASSOCIATION, Role.UNIT_OFFICER})
RECORDERS = frozenset({Role.UNIT_OFFICER})
ACKNOWLEDGERS = frozenset(services.SIDE_OF_ROLE)


class ActionFilterSet(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(label=_("Kind"), choices=ActionKind.choices, empty_label=_("All"))
    pending = django_filters.BooleanFilter(
        label=_("Not yet acknowledged"), field_name="is_pending", widget=forms.Select(choices=YES_NO_ANY)
    )
    overdue = django_filters.BooleanFilter(
        label=_("Overdue"), field_name="is_overdue", widget=forms.Select(choices=YES_NO_ANY)
    )

    class Meta:
        model = DisciplinaryAction
        fields = ["kind", "pending", "overdue"]


class ActionTable(tables.Table):
    person = tables.Column(
        accessor="person__name", verbose_name=_("person"), linkify=lambda record: record.get_absolute_url()
    )
    unit = tables.Column(accessor="unit__name", verbose_name=_("unit"))
    decided_on = tables.DateColumn(format="Y-m-d")
    is_pending = tables.Column(verbose_name=_("Not yet acknowledged"))
    is_overdue = tables.Column(verbose_name=_("Overdue"))

    class Meta:
        model = DisciplinaryAction
        fields = ("person", "unit", "kind", "measure", "authority", "decided_on", "is_pending", "is_overdue")
        attrs = {"class": "table table-hover table-sm align-middle"}
        row_attrs = {"class": lambda record: "table-danger" if record.is_overdue else ""}
        order_by = ("-decided_on",)
        empty_text = _("No disciplinary actions.")

    def render_is_pending(self, value):
        return _("Yes") if value else _("No")

    def render_is_overdue(self, value):
        return _("Yes") if value else _("No")

    def value_is_pending(self, value):
        return str(_("Yes") if value else _("No"))

    def value_is_overdue(self, value):
        return str(_("Yes") if value else _("No"))


class ActionQuerysetMixin:
    model = DisciplinaryAction
    select_related = ("person", "unit")

    def get_queryset(self):
        # A receiving side sees what is outstanding for itself; the county office and the unit see either side.
        side = services.SIDE_OF_ROLE.get(self.request.user.role)
        return super().get_queryset().with_pending(side)


class ActionListView(ActionQuerysetMixin, ScopedListView):
    allowed_roles = READERS
    filterset_class = ActionFilterSet
    table_class = ActionTable
    export_url_name = "discipline:action_export"
    title = _("Discipline notices")


class ActionExportView(ActionQuerysetMixin, ScopedExportView):
    allowed_roles = READERS
    filterset_class = ActionFilterSet
    table_class = ActionTable
    title = _("Discipline notices")


class ActionDetailView(ScopedDetailView):
    model = DisciplinaryAction
    allowed_roles = READERS
    select_related = ("person", "unit", "recorded_by")
    template_name = "discipline/action_detail.html"

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .prefetch_related(
                Prefetch("acknowledgements", queryset=Acknowledgement.objects.select_related("acknowledged_by"))
            )
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        side = services.SIDE_OF_ROLE.get(self.request.user.role)
        context["my_acknowledgement"] = next(
            (a for a in self.object.acknowledgements.all() if a.side == side and a.acknowledged_at is None), None
        )
        return context


class ActionRecordView(PersonActionView):
    """The unit reports an action against one of its public lawyers, from the person's page."""

    allowed_roles = RECORDERS
    form_class = DisciplineForm
    title = _("Report a disciplinary action")

    def act(self, form):
        self.action = services.discipline_record(actor=self.request.user, person=self.person, **form.cleaned_data)
        messages.success(self.request, _("The notice was sent to the justice bureau and the bar association."))

    def get_success_url(self):
        return self.action.get_absolute_url()


class ActionAcknowledgeView(ScopedQuerysetMixin, View):
    model = DisciplinaryAction
    allowed_roles = ACKNOWLEDGERS

    def post(self, request, pk):
        action = get_object_or_404(self.get_queryset(), pk=pk)
        try:
            services.discipline_acknowledge(actor=request.user, action=action)
        except ValidationError as error:
            messages.warning(request, " ".join(error.messages))
        except PermissionDenied:
            raise
        else:
            messages.success(request, _("Acknowledged."))
        return HttpResponseRedirect(reverse("discipline:action_detail", args=[action.pk]))
