"""Re-encrypt every personal number under the first key of PERSONAL_DATA_KEYS (SECURITY.md, key rotation).

Rotation: put a new key first in PERSONAL_DATA_KEYS (keep the old one after it), restart the portal, run
this command, then drop the old key. Each model is rewritten in one transaction, so a failure leaves it
as it was; running the command twice is harmless. `--check` counts the values the first key cannot open.
"""

from cryptography.fernet import Fernet, InvalidToken
from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from chenggu_lawyers.audit import record
from chenggu_lawyers.crypto import encrypt_existing, encrypted_fields
from chenggu_lawyers.models import AuditAction


def personal_data_models():
    return [(model, fields) for model in apps.get_models() if (fields := encrypted_fields(model))]


def not_under_first_key(model, fields) -> int:
    """Stored values the first key cannot open, read as raw column text (the field would decrypt them)."""
    first = Fernet(settings.PERSONAL_DATA_KEYS[0])
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    count = 0
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {columns} FROM {quote(model._meta.db_table)}")  # noqa: S608 - names from the model
        for row in cursor.fetchall():
            for raw in row:
                if not raw:
                    continue
                try:
                    first.decrypt(raw.encode())
                except InvalidToken:
                    count += 1
    return count


class Command(BaseCommand):
    help = "Re-encrypt ID and phone numbers under the first key of PERSONAL_DATA_KEYS."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="Count values not under the first key; change nothing."
        )

    def handle(self, *args, check, **options):
        total = 0
        for model, fields in personal_data_models():
            label = model._meta.label
            if check:
                stale = not_under_first_key(model, fields)
                total += stale
                self.stdout.write(f"{label}: {stale} values not under the first key")
                continue
            names = [field.name for field in fields]
            with transaction.atomic():
                rows = encrypt_existing(model, names)
            total += rows
            self.stdout.write(f"{label}: {rows} rows re-encrypted ({', '.join(names)})")
        if not check:
            record(
                action=AuditAction.UPDATE,
                object_type="personal_data_keys",
                object_repr="Personal-data keys rotated",
                changes={"rows": total},
            )
        self.stdout.write(self.style.SUCCESS(f"{'Stale values' if check else 'Rows re-encrypted'}: {total}"))
