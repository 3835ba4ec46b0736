from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from chenggu_lawyers.views import (
    RoleRequiredMixin,
    ScopedDetailView,
    ScopedExportView,
    ScopedListView,
    ScopedQuerysetMixin,
)

from .. import services
from ..choices import WAITING_FOR, DispatchStatus, TermState
from ..filters import DispatchFilterSet
from ..forms import ConfirmForm, DeclineForm, DispatchRequestForm, GrantForm, TerminationForm
from ..models import Dispatch
from ..roles import DISPATCH_READERS, DISPATCH_REQUESTERS, DISPATCHERS
from ..tables import DispatchTable
from . import add_service_error

TITLE = _("Dispatch requests")
DETAIL_RELATED = ("unit", "system", "member", "requested_by", "decided_by")


class DispatchListView(ScopedListView):
    model = Dispatch
    allowed_roles = DISPATCH_READERS
    select_related = ("unit", "system", "member")
    filterset_class = DispatchFilterSet
    table_class = DispatchTable
    template_name = "advisors/dispatch_list.html"
    export_url_name = "advisors:dispatch_export"
    create_url_name = "advisors:dispatch_create"
    create_roles = DISPATCH_REQUESTERS
    title = TITLE

    def get_table_kwargs(self):
        user = self.request.user
        exclude = ()
        if user.role in DISPATCH_REQUESTERS:
            exclude = ("unit", "system")
        elif user.system_organisation_id:
            exclude = ("system",)
        return {"exclude": exclude}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        waiting = WAITING_FOR.get(self.request.user.role, ())
        context["waiting_count"] = self.get_queryset().filter(status__in=waiting).count() if waiting else None
        return context


class DispatchExportView(ScopedExportView):
    model = Dispatch
    allowed_roles = DISPATCH_READERS
    select_related = ("unit", "system", "member")
    filterset_class = DispatchFilterSet
    table_class = DispatchTable
    title = TITLE


class DispatchCreateView(RoleRequiredMixin, View):
    """The unit asks its superior; a unit that may not ask sees why, and the way that fits it instead."""

    allowed_roles = DISPATCH_REQUESTERS
    template_name = "advisors/dispatch_form.html"

    def render_form(self, form):
        return render(
            self.request,
            self.template_name,
            {
                "form": form,
                "unit": self.request.user.unit,
                "obstacles": services.dispatch_obstacles(self.request.user.unit),
            },
        )

    def get(self, request, *args, **kwargs):
        return self.render_form(DispatchRequestForm(initial={"wanted_from": timezone.localdate()}))

    def post(self, request, *args, **kwargs):
        form = DispatchRequestForm(request.POST)
        if form.is_valid():
            try:
                dispatch = services.dispatch_request(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(request, _("The request was sent to %(superior)s.") % {"superior": dispatch.system})
                return HttpResponseRedirect(dispatch.get_absolute_url())
        return self.render_form(form)


def action_forms(user, dispatch) -> dict:
    """The forms the user may use on the dispatch in its current state."""
    forms = {}
    waiting = dispatch.status == DispatchStatus.REQUESTED
    if user.role in DISPATCHERS and waiting:
        forms["grant_form"] = GrantForm(user=user, dispatch=dispatch)
        forms["decline_form"] = DeclineForm(prefix="decline")
    if user.role in DISPATCH_REQUESTERS and waiting:
        forms["withdraw_form"] = ConfirmForm(prefix="withdraw")
    may_end = dispatch.status == DispatchStatus.DISPATCHED and dispatch.terminated_on is None
    if may_end and dispatch.state_today != TermState.ENDED and user.role in DISPATCHERS | DISPATCH_REQUESTERS:
        forms["terminate_form"] = TerminationForm(prefix="terminate", initial={"on": timezone.localdate()})
    return forms


class DispatchDetailView(ScopedDetailView):
    model = Dispatch
    allowed_roles = DISPATCH_READERS
    select_related = DETAIL_RELATED
    template_name = "advisors/dispatch_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(action_forms(self.request.user, self.object))
        return context


class DispatchActionView(ScopedQuerysetMixin, View):
    """POST-only steps; a refused step re-shows the page with the message and what was typed."""

    model = Dispatch
    allowed_roles = DISPATCHERS | DISPATCH_REQUESTERS
    select_related = DETAIL_RELATED
    ACTIONS = {
        "grant": "grant_form",
        "decline": "decline_form",
        "withdraw": "withdraw_form",
        "terminate": "terminate_form",
    }

    def post(self, request, pk, action):
        if action not in self.ACTIONS:
            raise Http404
        dispatch = get_object_or_404(self.get_queryset(), pk=pk)
        available = action_forms(request.user, dispatch)
        form_name = self.ACTIONS[action]
        if form_name not in available:
            raise PermissionDenied
        unbound = available[form_name]
        if action == "grant":
            form = GrantForm(request.POST, user=request.user, dispatch=dispatch)
        else:
            form = type(unbound)(request.POST, prefix=unbound.prefix)
        if form.is_valid():
            try:
                self.act(action, dispatch, form.cleaned_data)
            except ValidationError as error:
                add_service_error(form, error)
            else:
                return HttpResponseRedirect(reverse("advisors:dispatch_detail", args=[dispatch.pk]))
        available[form_name] = form
        return render(request, "advisors/dispatch_detail.html", {"object": dispatch, **available}, status=400)

    def act(self, action, dispatch, data):
        user = self.request.user
        if action == "grant":
            services.dispatch_grant(actor=user, dispatch=dispatch, **data)
            messages.success(self.request, _("%(name)s is dispatched.") % {"name": data["member"].name})
        elif action == "decline":
            services.dispatch_decline(actor=user, dispatch=dispatch, note=data["note"])
            messages.success(self.request, _("The request was declined."))
        elif action == "withdraw":
            services.dispatch_withdraw(actor=user, dispatch=dispatch)
            messages.success(self.request, _("The request was withdrawn."))
        elif action == "terminate":
            services.dispatch_terminate(actor=user, dispatch=dispatch, on=data["on"], reason=data["reason"])
            messages.success(self.request, _("The dispatch ends early."))
