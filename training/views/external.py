"""Training a public lawyer attended outside the county's events: recorded by the lawyer, read by the unit's
office and the county-wide roles."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View

from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.uploads import download_response
from chenggu_lawyers.views import RoleRequiredMixin, ScopedCreateView, ScopedDetailView, ScopedListView

from .. import services
from ..filters import ExternalTrainingFilterSet
from ..forms import ExternalTrainingForm
from ..models import ExternalTraining
from ..roles import EXTERNAL_LIST_READERS, EXTERNAL_READERS, EXTERNAL_RECORDERS
from ..tables import ExternalTrainingTable


class ExternalTrainingListView(ScopedListView):
    model = ExternalTraining
    allowed_roles = EXTERNAL_LIST_READERS
    select_related = ("person__unit",)
    filterset_class = ExternalTrainingFilterSet
    table_class = ExternalTrainingTable
    title = gettext_lazy("External training")

    def get_table_kwargs(self):
        return {"exclude": ("unit",) if self.request.user.unit_id else ()}


class ExternalTrainingCreateView(ScopedCreateView):
    model = ExternalTraining
    form_class = ExternalTrainingForm
    allowed_roles = EXTERNAL_RECORDERS
    template_name = "training/externaltraining_form.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            heading=_("Record external training"), cancel_url=reverse("training:my_training"), **kwargs
        )

    def form_valid(self, form):
        data = form.cleaned_data
        try:
            training = services.external_training_record(
                actor=self.request.user,
                title=data["title"],
                organiser=data["organiser"],
                held_on=data["held_on"],
                hours=data["hours"],
                note=data["note"],
                certificate=data["certificate_file"],
            )
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(
            self.request, _("The training was recorded; its hours count in %(year)s.") % {"year": training.held_on.year}
        )
        return HttpResponseRedirect(f"{reverse('training:my_training')}?year={training.held_on.year}")


class ExternalTrainingDetailView(ScopedDetailView):
    model = ExternalTraining
    allowed_roles = EXTERNAL_READERS
    select_related = ("person__unit", "recorded_by")
    template_name = "training/externaltraining_detail.html"


class ExternalCertificateView(RoleRequiredMixin, View):
    """The certificate of completion kept with a record, for whoever sees the record."""

    allowed_roles = EXTERNAL_READERS

    def get(self, request, pk):
        training = get_object_or_404(ExternalTraining.objects.visible_to(request.user), pk=pk)
        if not training.certificate:
            raise Http404
        return download_response(
            training.certificate, name=training.certificate_name, content_type=training.certificate_type
        )
