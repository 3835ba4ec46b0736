from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count, Exists, Min, OuterRef, Subquery
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.views import ScopedCreateView, ScopedListView, ScopedUpdateView

from .. import services
from ..choices import MatterCategory
from ..filters import DecisionItemFilterSet, DecisionReportFilterSet
from ..forms import DecisionItemForm
from ..models import DecisionItem, Matter, OpinionVersion
from ..roles import DECISION_ITEM_KEEPERS, DECISION_ITEM_READERS
from ..tables import DecisionItemTable, DecisionReportTable


class DecisionItemListView(ScopedListView):
    model = DecisionItem
    allowed_roles = DECISION_ITEM_READERS
    filterset_class = DecisionItemFilterSet
    table_class = DecisionItemTable
    template_name = "matters/decision_item_list.html"
    create_url_name = "matters:decision_item_create"
    create_roles = DECISION_ITEM_KEEPERS
    title = _("Decision-item list")

    def get_queryset(self):
        return super().get_queryset().select_related("unit").annotate(matter_count=Count("matters"))

    def get_table_kwargs(self):
        keeper = self.request.user.role in DECISION_ITEM_KEEPERS
        return {"exclude": ("unit",) if keeper else ("edit",)}


class DecisionItemFormMixin:
    model = DecisionItem
    form_class = DecisionItemForm
    allowed_roles = DECISION_ITEM_KEEPERS

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "unit": self.request.user.unit}

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), "cancel_url": reverse("matters:decision_item_list")}

    def form_valid(self, form):
        try:
            services.decision_item_save(actor=self.request.user, item=form.instance)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("The decision item was saved."))
        return HttpResponseRedirect(reverse("matters:decision_item_list"))


class DecisionItemCreateView(DecisionItemFormMixin, ScopedCreateView):
    pass


class DecisionItemUpdateView(DecisionItemFormMixin, ScopedUpdateView):
    pass


def decisions_without_prior_opinion(queryset):
    """Decision matters whose decision date is recorded and which had no opinion version submitted before
    that day (R2.2: the opinion comes before the decision). A decision date is a day, so an opinion of the
    same day cannot be shown to precede it and does not count."""
    prior = OpinionVersion.objects.filter(
        opinion__matter=OuterRef("pk"), submitted_at__date__lt=OuterRef("decision_on")
    )
    first = (
        OpinionVersion.objects.filter(opinion__matter=OuterRef("pk"))
        .values("opinion__matter")
        .annotate(first=Min("submitted_at"))
        .values("first")
    )
    return (
        queryset.filter(category=MatterCategory.DECISION_OPINION, decision_on__isnull=False)
        .exclude(Exists(prior))
        .annotate(first_opinion_at=Subquery(first))
    )


class DecisionReportView(ScopedListView):
    model = Matter
    allowed_roles = DECISION_ITEM_READERS
    filterset_class = DecisionReportFilterSet
    table_class = DecisionReportTable
    template_name = "matters/decision_report.html"
    title = _("Decisions taken without a prior opinion")

    def get_queryset(self):
        return decisions_without_prior_opinion(super().get_queryset().select_related("unit", "decision_item"))

    def get_table_kwargs(self):
        return {"exclude": ("unit",) if self.request.user.role in DECISION_ITEM_KEEPERS else ()}
