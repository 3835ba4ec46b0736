from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.imports import ImportColumn, SpreadsheetImporter

from .choices import ManagementMode, UnitKind
from .forms import UnitImportForm
from .models import Unit


class UnitImporter(SpreadsheetImporter):
    """The county office's unit registry import; the unit's name is the key among active units."""

    model = Unit
    form_class = UnitImportForm
    key_field = "name"
    sheet_title = _("Units")
    template_filename = "units-template.xlsx"
    instructions = (
        _("Unit registry import template"),
        _("Fill in one unit per row on the first sheet; yellow columns are required."),
        _("A unit whose name matches an active unit updates that unit; other rows create new units."),
        _("Nothing is imported while any row has an error; the preview lists every error."),
    )
    columns = (
        ImportColumn("name", _("Name"), required=True),
        ImportColumn("kind", _("Kind"), required=True, kind="choice", choices=UnitKind),
        ImportColumn("law_enforcement", _("Law-enforcement power"), required=True, kind="bool"),
        ImportColumn("management_mode", _("Management mode"), required=True, kind="choice", choices=ManagementMode),
        ImportColumn(
            "superior_name",
            _("Superior organisation"),
            help=_("Required for vertical management or dual leadership."),
        ),
        ImportColumn("division_code", _("Division code")),
        ImportColumn("credit_code", _("Unified social credit code"), help=_("18 characters.")),
        ImportColumn("legal_office_contact", _("Legal office contact")),
        ImportColumn("legal_office_phone", _("Legal office phone")),
        ImportColumn("established_on", _("Established on"), kind="date", help=_("For example 2019-03-01.")),
        ImportColumn("abolished_on", _("Abolished on"), kind="date"),
    )

    def existing_by_key(self, keys):
        units = Unit.objects.visible_to(self.user).filter(name__in=keys, abolished_on__isnull=True)
        return {unit.name: unit for unit in units.select_related("superior")}

    def row_warnings(self, instance):
        return [instance.credit_code_warning] if instance.credit_code_warning else []
