"""The justice bureau's history import (历史数据导入): upload a workbook → preview per sheet → confirm."""

from django.urls import reverse
from django.utils.translation import pgettext, pgettext_lazy

from accounts.choices import Role
from chenggu_lawyers.punctuation import join_clauses
from chenggu_lawyers.views import SpreadsheetImportView, SpreadsheetTemplateView

from ..history import SHEETS, HistoryImporter

HISTORY_IMPORTERS = frozenset({Role.JUSTICE_BUREAU})
# The preview lists this many messages of a sheet, and counts the others.
SHOWN_PER_SHEET = 200


class HistoryTemplateView(SpreadsheetTemplateView):
    allowed_roles = HISTORY_IMPORTERS
    importer_class = HistoryImporter


class HistoryImportView(SpreadsheetImportView):
    """The generic upload → preview → confirm of the roster import, the uploaded file kept between the two the
    same way (under IMPORT_DIR, its token in the session), with a preview grouped by sheet."""

    allowed_roles = HISTORY_IMPORTERS
    importer_class = HistoryImporter
    template_name = "lawyers/history_import.html"
    template_url_name = "lawyers:history_template"
    success_url_name = "lawyers:history_import"
    session_key = "pending_history_imports"
    title = pgettext_lazy("history import", "History import")

    def context(self, **extra):
        return {
            "title": self.title,
            "template_url": reverse(self.template_url_name),
            "cancel_url": self.get_success_url(),
            "sheets": SHEETS,
            "shown_per_sheet": SHOWN_PER_SHEET,
            **extra,
        }

    def success_message(self, preview) -> str:
        counts = join_clauses(
            pgettext("history import", "%(sheet)s: %(new)s new, %(changed)s changed, %(unchanged)s unchanged")
            % {
                "sheet": sheet.name,
                "new": sheet.new_count,
                "changed": sheet.changed_count,
                "unchanged": sheet.unchanged_count,
            }
            for sheet in preview.sheets
        )
        return pgettext("history import", "The history was imported. %(counts)s.") % {"counts": counts}
