"""Daily deadline reminders for matters (matters/reminders.py); safe to run more than once a day."""

from django.core.management.base import BaseCommand, CommandError

from matters.reminders import DAYS_BEFORE, send_reminders


class Command(BaseCommand):
    help = "Remind assignees and unit offices of matters due soon or overdue (idempotent per day; for cron)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days-before",
            type=int,
            default=DAYS_BEFORE,
            help=f"Remind this many working days before the due date (default {DAYS_BEFORE}).",
        )

    def handle(self, *args, days_before, **options):
        if days_before < 0:
            raise CommandError("--days-before cannot be negative.")
        sent = send_reminders(days_before=days_before)
        self.stdout.write(f"Reminders sent: {sent}.")
