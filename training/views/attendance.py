from functools import cached_property, partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views import View

from chenggu_lawyers.views import ScopedQuerysetMixin, SpreadsheetImportView

from .. import services
from ..forms import AttendeesForm
from ..importers import AttendanceImporter
from ..models import TrainingEvent
from ..roles import EVENT_KEEPERS


class KeptEventMixin(ScopedQuerysetMixin):
    """A page acting on one event's attendee list: the event comes through the scoping rule (404), and only
    its organiser's side may act on it (403)."""

    model = TrainingEvent
    allowed_roles = EVENT_KEEPERS
    select_related = ("unit",)

    @cached_property
    def event(self) -> TrainingEvent:
        event = get_object_or_404(self.get_queryset(), pk=self.kwargs["pk"])
        if not event.may_be_kept_by(self.request.user):
            raise PermissionDenied
        return event


class EventAttendeesView(KeptEventMixin, View):
    template_name = "training/event_attendees.html"

    def render_form(self, form, status=200):
        return render(self.request, self.template_name, {"form": form, "object": self.event}, status=status)

    def get(self, request, *args, **kwargs):
        present = list(self.event.attendances.values_list("person_id", flat=True))
        return self.render_form(AttendeesForm(user=request.user, event=self.event, initial={"people": present}))

    def post(self, request, *args, **kwargs):
        form = AttendeesForm(request.POST, user=request.user, event=self.event)
        if form.is_valid():
            people = list(form.cleaned_data["people"])
            try:
                services.attendance_set(actor=request.user, event=self.event, people=people)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("The attendee list was saved: %(count)s people.") % {"count": len(people)})
                return HttpResponseRedirect(self.event.get_absolute_url())
        return self.render_form(form, status=400)


class EventAttendeeTemplateView(KeptEventMixin, View):
    def get(self, request, *args, **kwargs):
        return AttendanceImporter(user=request.user, event=self.event).template_response()


class EventAttendeeImportView(KeptEventMixin, SpreadsheetImportView):
    """The framework's upload → preview → confirm, for one event's attendee list."""

    @property
    def importer_class(self):
        return partial(AttendanceImporter, event=self.event)

    def context(self, **extra):
        return {
            "title": _("Import attendees · %(event)s") % {"event": self.event},
            "template_url": reverse("training:event_attendee_template", args=[self.event.pk]),
            "cancel_url": self.event.get_absolute_url(),
            "columns": AttendanceImporter.columns,
            **extra,
        }

    def get_success_url(self):
        return self.event.get_absolute_url()

    def success_message(self, preview):
        return _("Imported %(total)s rows: %(created)s added, %(present)s already on the list.") % {
            "total": len(preview.rows),
            "created": preview.created_count,
            "present": preview.updated_count,
        }
