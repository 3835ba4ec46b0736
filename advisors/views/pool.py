from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView

from chenggu_lawyers.views import (
    RoleRequiredMixin,
    ScopedDetailView,
    ScopedExportView,
    ScopedListView,
    ScopedRevealView,
    ScopedUpdateView,
)
from lawyers.validators import check_practice_number

from .. import services
from ..choices import DispatchStatus
from ..filters import PoolMemberFilterSet
from ..forms import PoolLeaveForm, PoolMemberForm, PoolMemberUpdateForm
from ..models import Dispatch, PoolMember, in_force_on
from ..roles import POOL_KEEPERS, POOL_READERS
from ..tables import PoolMemberTable
from . import ObjectActionView, add_service_error

TITLE = _("System talent pool")


class PoolMemberQuerysetMixin:
    model = PoolMember
    select_related = ("system",)

    def get_queryset(self):
        # The units each member serves today, counted in the list query rather than once per row.
        serving = Q(dispatches__status=DispatchStatus.DISPATCHED) & in_force_on(timezone.localdate(), "dispatches__")
        return super().get_queryset().annotate(serving=Count("dispatches", filter=serving))


class PoolMemberListView(PoolMemberQuerysetMixin, ScopedListView):
    allowed_roles = POOL_READERS
    filterset_class = PoolMemberFilterSet
    table_class = PoolMemberTable
    table_exclude = ("practice_number", "phone")
    template_name = "advisors/pool_member_list.html"
    export_url_name = "advisors:pool_member_export"
    create_url_name = "advisors:pool_member_create"
    create_roles = POOL_KEEPERS
    title = TITLE

    def get_table_kwargs(self):
        exclude = self.table_exclude
        if self.request.user.system_organisation_id:
            exclude += ("system",)  # a pool office's list is all one system
        return {"exclude": exclude}


class PoolMemberExportView(PoolMemberQuerysetMixin, ScopedExportView):
    allowed_roles = POOL_READERS
    filterset_class = PoolMemberFilterSet
    table_class = PoolMemberTable
    title = TITLE
    reveal_roles = POOL_KEEPERS


class PoolMemberDetailView(ScopedDetailView):
    model = PoolMember
    allowed_roles = POOL_READERS
    select_related = ("system", "person")
    template_name = "advisors/pool_member_detail.html"
    edit_url_name = "advisors:pool_member_update"
    edit_roles = POOL_KEEPERS
    reveal_url_name = "advisors:pool_member_reveal"

    def get_queryset(self):
        dispatches = Dispatch.objects.select_related("unit").order_by("-starts_on")
        return super().get_queryset().prefetch_related(Prefetch("dispatches", queryset=dispatches))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["may_leave"] = self.request.user.role in POOL_KEEPERS and self.object.left_on is None
        return context


class PoolMemberRevealView(ScopedRevealView):
    model = PoolMember
    allowed_roles = POOL_KEEPERS


class PoolMemberCreateView(RoleRequiredMixin, FormView):
    allowed_roles = POOL_KEEPERS
    form_class = PoolMemberForm
    template_name = "generic/object_form.html"
    extra_context = {"heading": _("Add a lawyer to the pool")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "cancel_url": reverse("advisors:pool_member_list")}

    def form_valid(self, form):
        member = PoolMember(system_id=self.request.user.system_organisation_id, **form.cleaned_data)
        try:
            member = services.pool_member_add(actor=self.request.user, member=member)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s joined the pool.") % {"name": member.name})
        # Older numbering may differ digit by digit (DOMAIN.md: warn, don't block): the clerk verifies it.
        for warning in check_practice_number(member.practice_number, sex=None, issued_on=None).warnings:
            messages.warning(self.request, warning)
        return HttpResponseRedirect(member.get_absolute_url())


class PoolMemberUpdateView(ScopedUpdateView):
    model = PoolMember
    form_class = PoolMemberUpdateForm
    allowed_roles = POOL_KEEPERS

    def form_valid(self, form):
        try:
            self.object = services.pool_member_update(actor=self.request.user, member=form.save(commit=False))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("%(name)s was saved.") % {"name": self.object.name})
        return HttpResponseRedirect(self.object.get_absolute_url())


class PoolMemberLeaveView(ObjectActionView):
    model = PoolMember
    allowed_roles = POOL_KEEPERS
    form_class = PoolLeaveForm
    title = _("Leave the pool")

    def get_form(self, data=None):
        return PoolLeaveForm(data, initial={"on": timezone.localdate()})

    def act(self, form):
        self.object = services.pool_member_leave(
            actor=self.request.user, member=self.object, on=form.cleaned_data["on"]
        )
        messages.success(self.request, _("%(name)s leaves the pool.") % {"name": self.object.name})
