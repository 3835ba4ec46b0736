"""Backup and restore on PostgreSQL: a backup restored into a fresh database holds every row and file."""

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


def row_counts(url: str) -> dict[str, int]:
    import psycopg2

    connection = psycopg2.connect(url)
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")
        tables = [row[0] for row in cursor.fetchall()]
        counts = {}
        for table in tables:
            cursor.execute(f'SELECT count(*) FROM "{table}"')  # noqa: S608 - names come from the catalogue
            counts[table] = cursor.fetchone()[0]
    connection.close()
    return counts


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
        manage = [sys.executable, "manage.py"]
        run([*manage, "migrate", "--no-input", "-v0"], DATABASE_URL=database_url(source), VAR_DIR=str(source_var))
        run([*manage, "load_demo"], DATABASE_URL=database_url(source), VAR_DIR=str(source_var))
        attachment = source_var / "attachments" / "2025" / "demo.pdf"
        attachment.parent.mkdir(parents=True)
        attachment.write_bytes(b"%PDF-1.4 demo attachment")
        prefix = run(
            ["deploy/backup.sh", str(tmp_path / "backups")], DATABASE_URL=database_url(source), VAR_DIR=str(source_var)
        ).strip()
        run(["deploy/restore.sh", prefix], DATABASE_URL=database_url(target), VAR_DIR=str(target_var))
        original = row_counts(database_url(source))
        assert original["lawyers_person"] > 0 and original["units_unit"] > 0
        assert row_counts(database_url(target)) == original
        assert (target_var / "attachments" / "2025" / "demo.pdf").read_bytes() == attachment.read_bytes()
    finally:
        for name in (source, target):
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
