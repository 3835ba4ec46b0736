from django.db.models import Count
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.choices import Role
from chenggu_lawyers.views import (
    ScopedCreateView,
    ScopedDetailView,
    ScopedExportView,
    ScopedListView,
    ScopedUpdateView,
    SpreadsheetImportView,
    SpreadsheetTemplateView,
)

from .filters import SystemOrganisationFilterSet, UnitFilterSet
from .forms import SystemOrganisationForm, UnitForm
from .importers import UnitImporter
from .models import SystemOrganisation, Unit
from .tables import SystemOrganisationTable, UnitTable

# Who reads the unit registry, and who keeps it (the county office, R4.1).
REGISTRY_READERS = frozenset(
    {Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER, Role.PUBLIC_LAWYER}
)
REGISTRY_KEEPERS = frozenset({Role.COUNTY_OFFICE})
# Who may open a unit's coverage history (coverage.views.UnitHistoryView).
COVERAGE_READERS = frozenset({Role.COUNTY_OFFICE, Role.JUSTICE_BUREAU, Role.UNIT_OFFICER, Role.COMMITTEE_MEMBER})


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
