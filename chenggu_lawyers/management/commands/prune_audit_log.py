"""Delete audit events past their retention period, never one younger than the legal minimum.

GB/T 22239-2019 and the Cybersecurity Law (art. 21) require network logs to be kept at least six months,
so a retention under MINIMUM_DAYS is refused rather than silently raised.
"""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from chenggu_lawyers.audit import record
from chenggu_lawyers.models import AuditAction, AuditEvent

MINIMUM_DAYS = 180
DEFAULT_DAYS = 365


class Command(BaseCommand):
    help = "Delete audit events older than --days (default 365; at least 180)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=DEFAULT_DAYS,
            help=f"Keep events of the last N days (default {DEFAULT_DAYS}, minimum {MINIMUM_DAYS}).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would be deleted; delete nothing.")

    def handle(self, *args, days, dry_run, **options):
        if days < MINIMUM_DAYS:
            raise CommandError(
                f"--days {days} is below the minimum retention of {MINIMUM_DAYS} days; audit events younger "
                f"than {MINIMUM_DAYS} days are never deleted."
            )
        cutoff = timezone.now() - timedelta(days=days)
        # The cutoff is at least MINIMUM_DAYS back, so the filter alone cannot reach a younger event.
        old_events = AuditEvent.objects.filter(at__lt=cutoff)
        if dry_run:
            count = old_events.count()
            self.stdout.write(f"Dry run: {count} audit events older than {cutoff:%Y-%m-%d %H:%M} would be deleted.")
            return
        with transaction.atomic():
            count, _ = old_events.delete()
            # Deleting log entries is itself an auditable act; this entry is new, so it outlives the cutoff.
            record(
                action=AuditAction.DELETE,
                object_type=AuditEvent._meta.label_lower,
                object_repr=f"Audit log pruned: {count} events older than {days} days",
                changes={"deleted": count, "cutoff": cutoff.isoformat(), "days": days},
            )
        self.stdout.write(self.style.SUCCESS(f"Deleted {count} audit events older than {cutoff:%Y-%m-%d %H:%M}."))
