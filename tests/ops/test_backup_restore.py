"""Backup and restore on PostgreSQL: a backup restored into a fresh database holds every row and file.

The scripts run as the cron job runs them (deploy/backup.sh, deploy/restore.sh), against real databases of
their own; the portal then reads the restored copy through Django, with the same keys, as after a restore
on a new server.
"""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(
    not URL.startswith("postgres") or not shutil.which("pg_dump"),
    reason="the backup scripts use PostgreSQL's pg_dump and pg_restore",
)

# A matter's attachment, added through the service as an officer's upload is.
ADD_ATTACHMENT = """
from django.core.files.uploadedfile import SimpleUploadedFile
from accounts.models import User
from guarantees.services import attachment_add
from matters.models import Matter
officer = User.objects.get(username="officer")
matter = Matter.objects.filter(unit=officer.unit).order_by("pk").first()
upload = SimpleUploadedFile("法律意见书.pdf", b"%PDF-1.4\\n" + bytes(range(256)) * 64, content_type="application/pdf")
print(attachment_add(actor=officer, matter=matter, upload=upload).file.name)
"""
# What a reader of the restored portal gets: every attachment's bytes, and the people's decrypted numbers.
READ_BACK = """
import hashlib, json
from guarantees.models import Attachment
from lawyers.models import Person
files = {a.file.name: hashlib.sha256(a.file.open("rb").read()).hexdigest() for a in Attachment.objects.all()}
people = sorted((p.name, p.id_number, p.phone) for p in Person.objects.all())
print(json.dumps({"files": files, "people": people}, ensure_ascii=False))
"""


# A table's rows as text, sorted, in one digest; the table's name comes from the catalogue, not from input.
TABLE_DIGEST = """SELECT count(*), md5(coalesce(string_agg(t::text, E'\\n' ORDER BY t::text), '')) FROM "{table}" t"""


def database_url(name: str) -> str:
    parts = urlsplit(URL)
    return urlunsplit(parts._replace(path=f"/{name}"))


def admin(sql: str) -> None:
    import psycopg2

    connection = psycopg2.connect(database_url("postgres"))
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(sql)
    connection.close()


def table_contents(url: str) -> dict[str, tuple[int, str]]:
    """Every table's row count and a digest of all its rows, in a fixed order."""
    import psycopg2

    connection = psycopg2.connect(url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        contents = {}
        for table in tables:
            cursor.execute(TABLE_DIGEST.format(table=table))
            contents[table] = cursor.fetchone()
    connection.close()
    return contents


def run(command: list[str], **env) -> str:
    environment = {**os.environ, "DEBUG": "true", "SECRET_KEY": "backup-test", **env}
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_it_restores_every_row_and_attachment(tmp_path):
    suffix = os.getpid()
    source, target = f"chenggu_backup_src_{suffix}", f"chenggu_backup_dst_{suffix}"
    for name in (source, target):
        admin(f'DROP DATABASE IF EXISTS "{name}"')
        admin(f'CREATE DATABASE "{name}"')
    try:
        source_var, target_var = tmp_path / "source-var", tmp_path / "target-var"
        on_source = {"DATABASE_URL": database_url(source), "VAR_DIR": str(source_var)}
        on_target = {"DATABASE_URL": database_url(target), "VAR_DIR": str(target_var)}
        manage = [sys.executable, "manage.py"]
        run([*manage, "migrate", "--no-input", "-v0"], **on_source)
        run([*manage, "load_demo"], **on_source)
        stored = run([*manage, "shell", "-v0", "-c", ADD_ATTACHMENT], **on_source).strip()
        assert (source_var / "attachments" / stored).is_file()

        prefix = run(["deploy/backup.sh", str(tmp_path / "backups")], **on_source).strip()
        assert Path(f"{prefix}.dump").stat().st_size > 0
        run(["deploy/restore.sh", prefix], **on_target)

        original = table_contents(database_url(source))
        assert original["lawyers_person"][0] > 0 and original["guarantees_attachment"][0] == 1
        assert table_contents(database_url(target)) == original
        before = json.loads(run([*manage, "shell", "-v0", "-c", READ_BACK], **on_source))
        after = json.loads(run([*manage, "shell", "-v0", "-c", READ_BACK], **on_target))
        assert after == before
        assert list(after["files"]) == [stored] and all(number for _name, number, _phone in after["people"])
    finally:
        for name in (source, target):
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
