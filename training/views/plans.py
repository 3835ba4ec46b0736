from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.views import ScopedCreateView, ScopedListView, ScopedUpdateView

from ..filters import TrainingPlanFilterSet
from ..forms import TrainingPlanForm
from ..models import TrainingPlan
from ..roles import PLAN_KEEPERS, PLAN_READERS
from ..tables import TrainingPlanTable

PLAN_LIST = reverse_lazy("training:plan_list")


class PlanListView(ScopedListView):
    model = TrainingPlan
    allowed_roles = PLAN_READERS
    filterset_class = TrainingPlanFilterSet
    table_class = TrainingPlanTable
    create_url_name = "training:plan_create"
    create_roles = PLAN_KEEPERS
    title = _("Training plans")

    def get_table_kwargs(self):
        return {"exclude": () if self.request.user.role in PLAN_KEEPERS else ("edit",)}


class PlanFormMixin:
    model = TrainingPlan
    form_class = TrainingPlanForm
    allowed_roles = PLAN_KEEPERS
    success_url = PLAN_LIST
    heading = ""

    def get_context_data(self, **kwargs):
        return super().get_context_data(heading=self.get_heading(), cancel_url=PLAN_LIST, **kwargs)

    def get_heading(self):
        return self.heading


class PlanCreateView(PlanFormMixin, ScopedCreateView):
    heading = _("New training plan")
    success_message = _("The training plan for %(year)s was saved.")

    def get_initial(self):
        return {**super().get_initial(), "year": timezone.localdate().year}


class PlanUpdateView(PlanFormMixin, ScopedUpdateView):
    success_message = _("The training plan for %(year)s was saved.")

    def get_heading(self):
        return _("Edit %(plan)s") % {"plan": self.object}
