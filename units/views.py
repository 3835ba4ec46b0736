from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views import View

from chenggu_lawyers.forms import add_service_error
from chenggu_lawyers.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedExportView,
    ScopedListView,
    ScopedQuerysetMixin,
    ScopedUpdateView,
    SpreadsheetImportView,
    SpreadsheetTemplateView,
)

from .filters import SystemOrganisationFilterSet, UnitFilterSet
from .forms import ReorganiseDateForm, SystemOrganisationForm, UnitForm, UnitReorganiseForm
from .importers import UnitImporter
from .models import SystemOrganisation, Unit
from .roles import COVERAGE_READERS, REGISTRY_KEEPERS, REGISTRY_READERS, REORGANISERS
from .services import unit_reorganise
from .tables import SystemOrganisationTable, UnitTable


class UnitListView(ScopedListView):
    model = Unit
    allowed_roles = REGISTRY_READERS
    select_related = ("superior",)
    filterset_class = UnitFilterSet
    table_class = UnitTable
    table_exclude = ("credit_code", "legal_office_contact", "legal_office_phone")
    export_url_name = "units:unit_export"
    create_url_name = "units:unit_create"
    import_url_name = "units:unit_import"
    create_roles = REGISTRY_KEEPERS


class UnitExportView(ScopedExportView):
    model = Unit
    allowed_roles = REGISTRY_READERS
    select_related = ("superior",)
    filterset_class = UnitFilterSet
    table_class = UnitTable
    title = _("Units")


class UnitDetailView(ScopedDetailView):
    model = Unit
    allowed_roles = REGISTRY_READERS
    select_related = ("superior",)
    template_name = "units/unit_detail.html"
    edit_url_name = "units:unit_update"
    edit_roles = REGISTRY_KEEPERS

    def get_context_data(self, **kwargs):
        # The lawyers app builds on units; the unit page borrows its summary rather than duplicating it.
        from advisors.services import unit_advisor_summary
        from coverage.engine import CoverageData
        from coverage.evaluation import headcount
        from lawyers.services import unit_people_summary

        context = super().get_context_data(**kwargs)
        today = timezone.localdate()
        counts = headcount(CoverageData.load(unit_ids=[self.object.pk]), today, {self.object.pk})
        context["headcount_years"] = counts.years
        context["headcount_row"] = counts.by_unit[0] if counts.by_unit else None
        context.update(unit_people_summary(self.object, self.request.user))
        # The number of public lawyers is the coverage computation's for today, as in the headcount below; the
        # names listed are those the user may see (a public lawyer sees only their own record).
        context["lawyer_count"] = context["headcount_row"][1][today.year] if context["headcount_row"] else 0
        context["unlisted_lawyers"] = max(context["lawyer_count"] - len(context["lawyers"]), 0)
        context.update(unit_advisor_summary(self.object, self.request.user))
        context["may_see_coverage"] = self.request.user.role in COVERAGE_READERS
        context["may_reorganise"] = self.request.user.role in REORGANISERS and self.object.abolished_on is None
        return context


class UnitCreateView(ScopedCreateView):
    model = Unit
    form_class = UnitForm
    allowed_roles = REGISTRY_KEEPERS
    success_message = _("The unit %(name)s was saved.")


class UnitUpdateView(ScopedUpdateView):
    model = Unit
    form_class = UnitForm
    allowed_roles = REGISTRY_KEEPERS
    success_message = _("The unit %(name)s was saved.")


class UnitReorganiseView(ScopedQuerysetMixin, View):
    """Abolish the unit on a day and move everyone working there to other units the same day (撤并/重组):
    first the day, which decides the units they may go to, then where each person goes and the note."""

    model = Unit
    allowed_roles = REORGANISERS
    template_name = "units/unit_reorganise.html"
    title = _("Merge or split")

    def setup_unit(self, pk) -> None:
        self.object = get_object_or_404(self.get_queryset(), pk=pk)
        # The people working in the unit now (open postings), whom the reorganisation moves.
        postings = self.object.postings.visible_to(self.request.user).filter(ended_on__isnull=True)
        self.people = [posting.person for posting in postings.select_related("person").order_by("person__name")]

    def render_page(self, *, date_form, form=None):
        context = {
            "object": self.object,
            "title": self.title,
            "heading": f"{self.title} · {self.object}",
            "date_form": date_form,
            "form": form,
        }
        if form is not None:
            context["on"] = form.initial["on"]
            context["moves"] = [(person, form[form.move_field(person)]) for person in form.people]
        return render(self.request, self.template_name, context)

    def reorganise_form(self, on, data=None):
        return UnitReorganiseForm(data, user=self.request.user, unit=self.object, people=self.people, on=on)

    def get(self, request, pk):
        self.setup_unit(pk)
        if self.object.abolished_on is not None:
            messages.info(request, _("This unit has already been abolished."))
            return HttpResponseRedirect(self.object.get_absolute_url())
        if "on" not in request.GET:
            return self.render_page(date_form=ReorganiseDateForm(initial={"on": timezone.localdate()}))
        date_form = ReorganiseDateForm(request.GET)
        if not date_form.is_valid():
            return self.render_page(date_form=date_form)
        return self.render_page(date_form=date_form, form=self.reorganise_form(date_form.cleaned_data["on"]))

    def post(self, request, pk):
        self.setup_unit(pk)
        date_form = ReorganiseDateForm(request.POST)
        if not date_form.is_valid():
            return self.render_page(date_form=date_form)
        form = self.reorganise_form(date_form.cleaned_data["on"], request.POST)
        if form.is_valid():
            try:
                unit_reorganise(
                    actor=request.user,
                    unit=self.object,
                    on=form.cleaned_data["on"],
                    moves=form.moves(),
                    note=form.cleaned_data["note"],
                )
            except ValidationError as error:
                add_service_error(form, error)
            else:
                messages.success(
                    request,
                    _("%(unit)s was abolished on %(day)s; its people (%(count)s) now work in their new units.")
                    % {"unit": self.object, "day": form.cleaned_data["on"], "count": len(self.people)},
                )
                return HttpResponseRedirect(self.object.get_absolute_url())
        return self.render_page(date_form=date_form, form=form)


class UnitTemplateView(SpreadsheetTemplateView):
    allowed_roles = REGISTRY_KEEPERS
    importer_class = UnitImporter


class UnitImportView(SpreadsheetImportView):
    allowed_roles = REGISTRY_KEEPERS
    importer_class = UnitImporter
    template_url_name = "units:unit_template"
    success_url_name = "units:unit_list"
    title = _("Import units")


class SystemOrganisationListView(ScopedListView):
    model = SystemOrganisation
    allowed_roles = REGISTRY_KEEPERS
    table_class = SystemOrganisationTable
    filterset_class = SystemOrganisationFilterSet
    create_url_name = "units:superior_create"
    create_roles = REGISTRY_KEEPERS

    def get_queryset(self):
        # The unit count is one aggregate in the list query, not a query per row.
        return super().get_queryset().annotate(unit_count=Count("units"))


class SystemOrganisationCreateView(ScopedCreateView):
    model = SystemOrganisation
    form_class = SystemOrganisationForm
    allowed_roles = REGISTRY_KEEPERS
    success_url = reverse_lazy("units:superior_list")


class SystemOrganisationUpdateView(ScopedUpdateView):
    model = SystemOrganisation
    form_class = SystemOrganisationForm
    allowed_roles = REGISTRY_KEEPERS
    success_url = reverse_lazy("units:superior_list")
