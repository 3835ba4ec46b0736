import calendar
from datetime import date, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedExportView,
    ScopedListView,
    ScopedRevealView,
    ScopedUpdateView,
)

from .. import services
from ..filters import ENDING_SOON_DAYS, EngagementFilterSet
from ..forms import EngagementForm, TerminationForm
from ..models import Engagement
from ..roles import ENGAGEMENT_KEEPERS, ENGAGEMENT_READERS
from ..tables import EngagementTable
from . import ObjectActionView, add_service_error

TITLE = _("Legal advisors")


def next_term_end(previous: Engagement, starts_on: date) -> date:
    """The end of a term as long as `previous`: in whole months when it ran in whole months (a one-year
    contract renews to the next anniversary, leap years or not), in days otherwise."""
    after = previous.ends_on + timedelta(days=1)
    months = (after.year - previous.starts_on.year) * 12 + after.month - previous.starts_on.month
    if after.day != previous.starts_on.day or months <= 0:
        return starts_on + (previous.ends_on - previous.starts_on)
    year, month = divmod(starts_on.month - 1 + months, 12)
    year += starts_on.year
    day = min(starts_on.day, calendar.monthrange(year, month + 1)[1])
    return date(year, month + 1, day) - timedelta(days=1)


class EngagementListView(ScopedListView):
    model = Engagement
    allowed_roles = ENGAGEMENT_READERS
    select_related = ("unit",)
    filterset_class = EngagementFilterSet
    table_class = EngagementTable
    table_exclude = ("practice_number", "phone")
    template_name = "advisors/engagement_list.html"
    export_url_name = "advisors:engagement_export"
    create_url_name = "advisors:engagement_create"
    create_roles = ENGAGEMENT_KEEPERS
    title = TITLE

    def get_table_kwargs(self):
        exclude = self.table_exclude
        if self.request.user.unit_id:
            exclude += ("unit",)  # an officer's list is all one unit
        return {"exclude": exclude}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ending_soon"] = self.get_queryset().ending_within(timezone.localdate(), ENDING_SOON_DAYS).count()
        return context


class EngagementExportView(ScopedExportView):
    model = Engagement
    allowed_roles = ENGAGEMENT_READERS
    select_related = ("unit",)
    filterset_class = EngagementFilterSet
    table_class = EngagementTable
    title = TITLE
    reveal_roles = ENGAGEMENT_KEEPERS


class EngagementDetailView(ScopedDetailView):
    model = Engagement
    allowed_roles = ENGAGEMENT_READERS
    select_related = ("unit",)
    template_name = "advisors/engagement_detail.html"
    edit_url_name = "advisors:engagement_update"
    edit_roles = ENGAGEMENT_KEEPERS
    reveal_url_name = "advisors:engagement_reveal"


class EngagementRevealView(ScopedRevealView):
    model = Engagement
    allowed_roles = ENGAGEMENT_KEEPERS

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        keeper = self.request.user.role in ENGAGEMENT_KEEPERS
        context["may_terminate"] = keeper and self.object.terminated_on is None
        context["may_renew"] = keeper
        return context


class EngagementCreateView(ScopedCreateView):
    model = Engagement
    form_class = EngagementForm
    allowed_roles = ENGAGEMENT_KEEPERS
    extra_context = {"heading": _("Engage a legal advisor")}

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.request.user.unit}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "cancel_url": self.cancel_url()}

    def cancel_url(self):
        return reverse("advisors:engagement_list")

    def form_valid(self, form):
        try:
            self.object, warnings = services.engagement_record(
                actor=self.request.user, engagement=form.save(commit=False)
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("%(advisor)s was recorded as legal advisor.") % {"advisor": self.object.advisor_name}
        )
        for warning in warnings:
            messages.warning(self.request, warning)
        return HttpResponseRedirect(self.object.get_absolute_url())


class EngagementRenewView(EngagementCreateView):
    """A new term for an advisor of the unit, filled in from the last one: a renewal keeps the old term on
    record rather than stretching it."""

    extra_context = {"heading": _("Renew the engagement")}

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.user.role in self.allowed_roles:
            self.previous = get_object_or_404(Engagement.objects.visible_to(request.user), pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_initial(self):
        previous = self.previous
        starts_on = previous.last_day + timedelta(days=1)
        return {
            "advisor_name": previous.advisor_name,
            "advisor_kind": previous.advisor_kind,
            "organisation": previous.organisation,
            "practice_number": previous.practice_number,
            "phone": previous.phone,
            "duties": previous.duties,
            "starts_on": starts_on,
            "ends_on": next_term_end(previous, starts_on),
        }

    def cancel_url(self):
        return self.previous.get_absolute_url()


class EngagementUpdateView(ScopedUpdateView):
    model = Engagement
    form_class = EngagementForm
    allowed_roles = ENGAGEMENT_KEEPERS

    def form_valid(self, form):
        try:
            self.object = services.engagement_update(actor=self.request.user, engagement=form.save(commit=False))
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The engagement was saved."))
        return HttpResponseRedirect(self.object.get_absolute_url())


class EngagementTerminateView(ObjectActionView):
    model = Engagement
    allowed_roles = ENGAGEMENT_KEEPERS
    select_related = ("unit",)
    form_class = TerminationForm
    title = _("End the engagement early")

    def get_form(self, data=None):
        return TerminationForm(data, initial={"on": timezone.localdate()})

    def act(self, form):
        self.object = services.engagement_terminate(
            actor=self.request.user,
            engagement=self.object,
            on=form.cleaned_data["on"],
            reason=form.cleaned_data["reason"],
        )
        messages.success(self.request, _("The engagement ends early."))
