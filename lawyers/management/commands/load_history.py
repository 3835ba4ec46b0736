"""Load a history workbook (lawyers/history.py) from a file, as a justice-bureau user: the same importer,
checks and audit entries as the page, for the demo and for a county onboarding from a file."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accounts.choices import Role
from accounts.models import User
from chenggu_lawyers.imports import ImportRejected
from lawyers.history import HistoryImporter


class Command(BaseCommand):
    help = "Import a history workbook (.xlsx) all or nothing, as the given justice-bureau account."

    def add_arguments(self, parser):
        parser.add_argument("path", help="the workbook, filled in from the history template")
        parser.add_argument("--user", default="justice", help="username of a justice-bureau account (default: justice)")
        parser.add_argument("--dry-run", action="store_true", help="check the workbook and write nothing")

    def handle(self, *args, path, user, dry_run, **options):
        workbook = Path(path)
        if not workbook.is_file():
            raise CommandError(f"No such file: {workbook}")
        account = User.objects.filter(username=user).first()
        if account is None or account.role != Role.JUSTICE_BUREAU:
            raise CommandError(f"{user} is not a justice-bureau account.")
        importer = HistoryImporter(user=account)
        if dry_run:
            preview = importer.preview(workbook)
        else:
            try:
                preview = importer.commit(workbook, filename=workbook.name)
            except ImportRejected as rejected:
                preview = rejected.preview
        for message in preview.messages:
            self.stderr.write(message)
        for sheet in preview.sheets:
            for warning in sheet.warnings:
                self.stdout.write(warning)
        for sheet in preview.sheets:
            self.stdout.write(
                f"{sheet.name}: {sheet.new_count} new, {sheet.changed_count} changed, "
                f"{sheet.unchanged_count} unchanged, {sheet.error_count} errors"
            )
        if not preview.ok:
            raise CommandError(f"{preview.error_count} errors: nothing was imported.")
        self.stdout.write(self.style.SUCCESS("Checked: nothing written (--dry-run)." if dry_run else "Imported."))
