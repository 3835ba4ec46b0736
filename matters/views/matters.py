from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import BooleanField, ExpressionWrapper, Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.views import ScopedCreateView, ScopedExportView, ScopedListView, ScopedUpdateView

from .. import services
from ..choices import LIVE_ASSIGNMENT_STATUSES, MatterCategory, MatterStatus
from ..filters import MatterFilterSet, MyAssignmentFilterSet
from ..forms import MatterForm
from ..models import CATEGORY_FIELDS, Assignment, Matter
from ..roles import ASSIGNEES, MATTER_KEEPERS, MATTER_LISTERS
from ..tables import MatterTable, MyAssignmentTable

TITLE = _("Matters")


class MatterListMixin:
    model = Matter
    allowed_roles = MATTER_LISTERS
    filterset_class = MatterFilterSet
    table_class = MatterTable
    title = TITLE

    def get_queryset(self):
        # The assignees of the page's rows in one query; the overdue flag in the list's own query.
        return (
            super()
            .get_queryset()
            .select_related("unit")
            .prefetch_related(Prefetch("assignments", queryset=Assignment.objects.order_by("created_at", "pk")))
            .with_overdue(timezone.localdate())
        )


class MatterListView(MatterListMixin, ScopedListView):
    template_name = "matters/matter_list.html"
    export_url_name = "matters:matter_export"
    create_url_name = "matters:matter_create"
    create_roles = MATTER_KEEPERS

    def get_table_kwargs(self):
        return {"exclude": ("unit",) if self.request.user.role in MATTER_KEEPERS else ()}


class MatterExportView(MatterListMixin, ScopedExportView):
    pass


class MyMattersView(ScopedListView):
    """A public lawyer's assignments, soonest due first, with the overdue ones flagged."""

    model = Assignment
    allowed_roles = ASSIGNEES
    filterset_class = MyAssignmentFilterSet
    table_class = MyAssignmentTable
    template_name = "matters/my_matters.html"
    title = _("My matters")

    def get_queryset(self):
        today = timezone.localdate()
        # Late when the opinion is still owed past the assignment's due date or the matter's own.
        late = (
            Q(status__in=LIVE_ASSIGNMENT_STATUSES)
            & ~Q(matter__status=MatterStatus.CLOSED)
            & (Q(due_on__lt=today) | Q(matter__due_on__lt=today))
        )
        return (
            super()
            .get_queryset()
            .select_related("matter__unit")
            .annotate(is_overdue=ExpressionWrapper(late, output_field=BooleanField()))
        )


def requested_category(request, default: str | None = None) -> str | None:
    category = request.POST.get("category") or request.GET.get("category") or default
    return category if category in CATEGORY_FIELDS else None


class MatterFormMixin:
    model = Matter
    form_class = MatterForm
    allowed_roles = MATTER_KEEPERS
    template_name = "matters/matter_form.html"

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["unit"] = self.request.user.unit
        kwargs["category"] = self.category
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["categories"] = MatterCategory.choices
        context["category"] = self.category
        return context

    def form_valid(self, form):
        try:
            self.object = self.save(form.instance)
        except ValidationError as error:
            add_service_error(form, error)
            return self.form_invalid(form)
        messages.success(self.request, self.success_message)
        return HttpResponseRedirect(self.object.get_absolute_url())


class MatterCreateView(MatterFormMixin, ScopedCreateView):
    """First the category (its fields differ, R2.1), then the form of that category."""

    success_message = _("The matter was created. Assign it from its page.")

    def dispatch(self, request, *args, **kwargs):
        self.category = requested_category(request)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if self.category is None:
            return render(request, "matters/matter_category.html", {"categories": MatterCategory.choices})
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        if self.category is None:
            return HttpResponseRedirect(reverse("matters:matter_create"))
        self.object = None
        return super().post(request, *args, **kwargs)

    def save(self, matter):
        return services.matter_create(actor=self.request.user, matter=matter)


class MatterUpdateView(MatterFormMixin, ScopedUpdateView):
    success_message = _("The matter was saved.")

    def get_object(self, queryset=None):
        matter = super().get_object(queryset)
        self.category = requested_category(self.request, matter.category)
        return matter

    def save(self, matter):
        return services.matter_update(actor=self.request.user, matter=matter)
