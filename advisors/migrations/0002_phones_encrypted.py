"""Advisors' and pool members' phone numbers encrypted at rest."""

from django.db import migrations

import chenggu_lawyers.crypto


def encrypt_phones(apps, schema_editor):
    for name in ("Engagement", "PoolMember"):
        chenggu_lawyers.crypto.encrypt_existing(apps.get_model("advisors", name), ["phone"])


class Migration(migrations.Migration):
    dependencies = [("advisors", "0001_legal_advisors_pool_and_dispatch")]

    operations = [
        migrations.AlterField(
            model_name="engagement",
            name="phone",
            field=chenggu_lawyers.crypto.EncryptedCharField(blank=True, max_length=20, verbose_name="phone"),
        ),
        migrations.AlterField(
            model_name="poolmember",
            name="phone",
            field=chenggu_lawyers.crypto.EncryptedCharField(blank=True, max_length=20, verbose_name="phone"),
        ),
        migrations.RunPython(encrypt_phones),
    ]
