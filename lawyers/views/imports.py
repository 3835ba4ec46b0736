from django.utils.translation import gettext_lazy as _

from chenggu_lawyers.views import SpreadsheetImportView, SpreadsheetTemplateView

from ..importers import PersonImporter
from ..roles import PEOPLE_KEEPERS


class PersonTemplateView(SpreadsheetTemplateView):
    allowed_roles = PEOPLE_KEEPERS
    importer_class = PersonImporter


class PersonImportView(SpreadsheetImportView):
    allowed_roles = PEOPLE_KEEPERS
    importer_class = PersonImporter
    template_url_name = "lawyers:person_template"
    success_url_name = "lawyers:person_list"
    title = _("Import the roster")
