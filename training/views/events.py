from django.core.exceptions import PermissionDenied
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedExportView,
    ScopedListView,
    ScopedUpdateView,
)

from ..filters import TrainingEventFilterSet
from ..forms import TrainingEventForm
from ..models import Attendance, TrainingEvent
from ..roles import EVENT_KEEPERS, EVENT_READERS
from ..tables import TrainingEventTable


class EventQuerysetMixin:
    model = TrainingEvent
    allowed_roles = EVENT_READERS
    select_related = ("unit",)


class CountedEventsMixin(EventQuerysetMixin):
    filterset_class = TrainingEventFilterSet
    table_class = TrainingEventTable
    title = _("Training events")

    def get_queryset(self):
        # The attendees the user sees (Attendance's scope): a unit officer counts its own unit's people at a
        # county-wide event, as the event's page lists them, not every unit's.
        attendees = (
            Attendance.objects.visible_to(self.request.user)
            .filter(event=OuterRef("pk"))
            .order_by()
            .values("event")
            .annotate(n=Count("pk"))
            .values("n")
        )
        return super().get_queryset().annotate(attendee_count=Coalesce(Subquery(attendees), 0))


class EventListView(CountedEventsMixin, ScopedListView):
    export_url_name = "training:event_export"
    create_url_name = "training:event_create"
    create_roles = EVENT_KEEPERS


class EventExportView(CountedEventsMixin, ScopedExportView):
    pass


class EventDetailView(EventQuerysetMixin, ScopedDetailView):
    template_name = "training/trainingevent_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        event, user = self.object, self.request.user
        context["may_keep"] = event.may_be_kept_by(user)
        if context["may_keep"]:
            context["edit_url"] = reverse("training:event_update", args=[event.pk])
        # A county-wide event's list shows a unit's officer its own unit's attendees (Attendance's scope).
        context["own_unit_attendees_only"] = event.is_county_wide and bool(user.unit_id)
        context["attendances"] = list(
            Attendance.objects.visible_to(user)
            .filter(event=event)
            .select_related("person__unit")
            .order_by("person__unit__name", "person__name")
        )
        return context


class EventFormMixin:
    model = TrainingEvent
    form_class = TrainingEventForm
    allowed_roles = EVENT_KEEPERS
    success_message = _("The training event was saved.")


class EventCreateView(EventFormMixin, ScopedCreateView):
    def get_context_data(self, **kwargs):
        user = self.request.user
        heading = (
            _("New training event of %(unit)s") % {"unit": user.unit}
            if user.unit_id
            else _("New county-wide training event")
        )
        return super().get_context_data(heading=heading, cancel_url=reverse("training:event_list"), **kwargs)


class EventUpdateView(EventFormMixin, ScopedUpdateView):
    select_related = ("unit",)

    def get_object(self, queryset=None):
        event = super().get_object(queryset)
        if not event.may_be_kept_by(self.request.user):
            raise PermissionDenied
        return event
