from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.uploads import kept_file_response
from chenggu_lawyers.views import (
    RoleRequiredMixin,
    ScopedCreateView,
    ScopedDetailView,
    ScopedExportView,
    ScopedListView,
    ScopedQuerysetMixin,
)
from lawyers.models import Person

from .. import services
from ..balances import requested_year
from ..choices import ExpenseStatus
from ..expenses import expense_totals, people_expense_totals
from ..filters import ExpenseFilterSet, ExpenseTotalsFilterSet
from ..forms import ExpenseClaimForm, ExpenseDecisionForm, ReceiptForm
from ..models import ExpenseClaim, Receipt
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
    # The generic form page, with room for files.
    template_name = "guarantees/expenseclaim_form.html"

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
                receipts=data["receipts"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The claim was sent to the unit's legal office for a decision."))
        return HttpResponseRedirect(self.object.get_absolute_url())


def expense_decision_allowed(user, claim) -> bool:
    return user.role in DECIDERS and user.unit_id == claim.matter.unit_id and claim.status == ExpenseStatus.SUBMITTED


def claim_page_context(user, claim, **forms) -> dict:
    """What the claim's page shows besides the claim: its receipts, and the forms this user may use now."""
    context = {"object": claim, "receipts": list(claim.receipts.select_related("uploaded_by"))}
    if expense_decision_allowed(user, claim):
        context["decision_form"] = ExpenseDecisionForm()
    if services.may_add_receipt(user, claim):
        context["receipt_form"] = ReceiptForm()
    return {**context, **forms}


class ExpenseDetailView(ScopedDetailView):
    model = ExpenseClaim
    allowed_roles = ROW_READERS
    select_related = ("person", "matter__unit", "submitted_by", "decided_by")
    template_name = "guarantees/expenseclaim_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(claim_page_context(self.request.user, self.object))
        return context


class ReceiptAddView(ScopedQuerysetMixin, View):
    """The claimant adds a receipt to a claim awaiting its decision; a refused file re-shows the claim's page."""

    model = ExpenseClaim
    allowed_roles = CLAIMANTS
    select_related = ("person", "matter__unit", "submitted_by", "decided_by")
    http_method_names = ["post"]

    def post(self, request, pk):
        claim = get_object_or_404(self.get_queryset(), pk=pk)
        if claim.person_id != request.user.person_id:
            raise PermissionDenied
        form = ReceiptForm(request.POST, request.FILES)
        if form.is_valid():
            try:
                receipt = services.receipt_add(actor=request.user, claim=claim, upload=form.cleaned_data["file"])
            except ValidationError as error:
                form.add_error("file", error.messages)
            else:
                messages.success(request, _("%(name)s was attached.") % {"name": receipt.original_name})
                return HttpResponseRedirect(claim.get_absolute_url())
        context = claim_page_context(request.user, claim, receipt_form=form)
        return render(request, "guarantees/expenseclaim_detail.html", context, status=400)


class ReceiptDownloadView(RoleRequiredMixin, View):
    """A receipt, for whoever sees its claim (the claimant, the deciding unit office, the county roles)."""

    allowed_roles = ROW_READERS

    def get(self, request, pk):
        return kept_file_response(get_object_or_404(Receipt.objects.visible_to(request.user), pk=pk))


class ExpenseDecideView(DecideView):
    model = ExpenseClaim
    allowed_roles = DECIDERS
    select_related = ("person", "matter__unit", "submitted_by")
    form_class = ExpenseDecisionForm
    detail_template = "guarantees/expenseclaim_detail.html"

    def may_decide(self, claim) -> bool:
        return expense_decision_allowed(self.request.user, claim)

    def detail_context(self, claim, form) -> dict:
        return claim_page_context(self.request.user, claim, decision_form=form)

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
