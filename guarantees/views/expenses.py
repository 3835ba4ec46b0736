from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.views import ScopedCreateView, ScopedDetailView, ScopedExportView, ScopedListView
from lawyers.models import Person

from .. import services
from ..balances import requested_year
from ..choices import ExpenseStatus
from ..expenses import expense_totals, people_expense_totals
from ..filters import ExpenseFilterSet, ExpenseTotalsFilterSet
from ..forms import ExpenseClaimForm, ExpenseDecisionForm
from ..models import ExpenseClaim
from ..roles import CLAIMANTS, DECIDERS, ROW_READERS, UNIT_READERS
from ..tables import ExpenseTable, ExpenseTotalsTable
from .common import DecideView, year_context


class ExpenseQuerysetMixin:
    model = ExpenseClaim
    select_related = ("person", "matter__unit")
    filterset_class = ExpenseFilterSet
    table_class = ExpenseTable
    title = gettext_lazy("Expense claims")


class ExpenseListView(ExpenseQuerysetMixin, ScopedListView):
    """Every reader's list: a lawyer sees their own claims, an officer its unit's, the county roles all."""

    allowed_roles = ROW_READERS
    template_name = "guarantees/expense_list.html"
    export_url_name = "guarantees:expense_export"
    create_url_name = "guarantees:expense_create"
    create_roles = CLAIMANTS

    def get_table_kwargs(self):
        return {"exclude": ("unit",) if self.request.user.unit_id else ()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The sums of the filtered rows, by status: one aggregate query.
        context["totals"] = expense_totals(context["filter"].qs)
        return context


class ExpenseExportView(ExpenseQuerysetMixin, ScopedExportView):
    allowed_roles = ROW_READERS


class ExpenseCreateView(ScopedCreateView):
    model = ExpenseClaim
    form_class = ExpenseClaimForm
    allowed_roles = CLAIMANTS

    def get_initial(self):
        return {"matter": self.request.GET.get("matter")}

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Claim an expense"), cancel_url=reverse("guarantees:expense_list"), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            self.object = services.expense_claim(
                actor=self.request.user,
                matter=data["matter"],
                incurred_on=data["incurred_on"],
                kind=data["kind"],
                amount=data["amount"],
                description=data["description"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The claim was sent to the unit's legal office for a decision."))
        return HttpResponseRedirect(self.object.get_absolute_url())


def expense_decision_allowed(user, claim) -> bool:
    return user.role in DECIDERS and user.unit_id == claim.matter.unit_id and claim.status == ExpenseStatus.SUBMITTED


class ExpenseDetailView(ScopedDetailView):
    model = ExpenseClaim
    allowed_roles = ROW_READERS
    select_related = ("person", "matter__unit", "submitted_by", "decided_by")
    template_name = "guarantees/expenseclaim_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if expense_decision_allowed(self.request.user, self.object):
            context["decision_form"] = ExpenseDecisionForm()
        return context


class ExpenseDecideView(DecideView):
    model = ExpenseClaim
    allowed_roles = DECIDERS
    select_related = ("person", "matter__unit", "submitted_by")
    form_class = ExpenseDecisionForm
    detail_template = "guarantees/expenseclaim_detail.html"

    def may_decide(self, claim) -> bool:
        return expense_decision_allowed(self.request.user, claim)

    def act(self, claim, data):
        services.expense_decide(actor=self.request.user, claim=claim, decision=data["decision"], reason=data["reason"])
        messages.success(self.request, _("The decision was recorded."))


class ExpenseTotalsView(ScopedListView):
    """Per lawyer and year: what was claimed, approved, refused and is still waiting."""

    model = Person
    allowed_roles = UNIT_READERS
    filterset_class = ExpenseTotalsFilterSet
    table_class = ExpenseTotalsTable
    template_name = "guarantees/expense_totals.html"

    def get_queryset(self):
        self.year = requested_year(self.request.GET)
        return people_expense_totals(self.request.user, self.year)

    def get_filterset_kwargs(self, filterset_class):
        return {**super().get_filterset_kwargs(filterset_class), "year": self.year}

    def get_table_kwargs(self):
        return {"exclude": ("unit",) if self.request.user.unit_id else ()}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(year_context(self.year), title=_("Expenses per lawyer %(year)s") % {"year": self.year})
        return context
