"""ID numbers and phone numbers encrypted at rest; the ID number found and kept unique by its digest."""

from django.db import migrations, models

import chenggu_lawyers.crypto


def encrypt_people(apps, schema_editor):
    Person = apps.get_model("lawyers", "Person")

    def digest(person):
        person.id_number_digest = chenggu_lawyers.crypto.blind_index(person.id_number.strip().upper())

    chenggu_lawyers.crypto.encrypt_existing(Person, ["id_number", "phone", "id_number_digest"], before_save=digest)


class Migration(migrations.Migration):
    dependencies = [("lawyers", "0002_bar_membership")]

    operations = [
        migrations.AddField(
            model_name="person",
            name="id_number_digest",
            field=models.CharField(default="", editable=False, max_length=64),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="person",
            name="id_number",
            field=chenggu_lawyers.crypto.EncryptedCharField(max_length=18, verbose_name="ID number"),
        ),
        migrations.AlterField(
            model_name="person",
            name="phone",
            field=chenggu_lawyers.crypto.EncryptedCharField(blank=True, max_length=20, verbose_name="phone"),
        ),
        migrations.RunPython(encrypt_people),
        migrations.AlterField(
            model_name="person",
            name="id_number_digest",
            field=models.CharField(editable=False, max_length=64, unique=True),
        ),
    ]
