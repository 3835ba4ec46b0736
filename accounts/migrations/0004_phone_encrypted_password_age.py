"""Account phone numbers encrypted at rest; the time of the last password change, for expiry."""

from django.db import migrations, models

import chenggu_lawyers.crypto


def encrypt_phones(apps, schema_editor):
    chenggu_lawyers.crypto.encrypt_existing(apps.get_model("accounts", "User"), ["phone"])


class Migration(migrations.Migration):
    dependencies = [("accounts", "0003_pool_office_accounts")]

    operations = [
        migrations.AlterField(
            model_name="user",
            name="phone",
            field=chenggu_lawyers.crypto.EncryptedCharField(blank=True, max_length=32, verbose_name="phone"),
        ),
        migrations.AddField(
            model_name="user",
            name="password_changed_at",
            field=models.DateTimeField(blank=True, editable=False, null=True, verbose_name="password changed at"),
        ),
        migrations.RunPython(encrypt_phones),
    ]
