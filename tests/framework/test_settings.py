"""Settings come from the environment and refuse bad values."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def load_settings(**env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "DEBUG",
            "SECRET_KEY",
            "DATABASE_URL",
            "ALLOWED_HOSTS",
            "DJANGO_SETTINGS_MODULE",
            "PERSONAL_DATA_KEYS",
            "PERSONAL_DATA_INDEX_KEY",
        }
    }
    code = (
        "import chenggu_lawyers.settings as s; "
        "print(s.DEBUG, s.DATABASES['default']['ENGINE'], s.ALLOWED_HOSTS, s.LANGUAGE_CODE, s.TIME_ZONE)"
    )
    return subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env={**clean, **env}, capture_output=True, text=True, check=False
    )


def test_it_requires_a_secret_key_when_debug_is_off():
    result = load_settings(DEBUG="false")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_it_refuses_a_bad_boolean():
    result = load_settings(DEBUG="maybe")
    assert "DEBUG must be true or false" in result.stderr


def test_it_defaults_to_sqlite_under_var_in_chinese_and_beijing_time():
    result = load_settings(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[:2] == ["True", "django.db.backends.sqlite3"]
    assert "zh-hans Asia/Shanghai" in result.stdout


FERNET_KEY = "n0Nh2dKPbsD_Vb7iO3uC9vXJ1ZlmRgrwRG1Pq3gAWP8="
INDEX_KEY = "i" * 40


def test_it_requires_personal_data_keys_when_debug_is_off():
    result = load_settings(SECRET_KEY="x" * 50, ALLOWED_HOSTS="portal.example.gov.cn")
    assert result.returncode != 0
    assert "PERSONAL_DATA_KEYS and PERSONAL_DATA_INDEX_KEY must be set" in result.stderr


def test_it_refuses_a_personal_data_key_that_is_not_a_fernet_key():
    result = load_settings(
        SECRET_KEY="x" * 50, PERSONAL_DATA_KEYS=f"{FERNET_KEY},not-a-key", PERSONAL_DATA_INDEX_KEY=INDEX_KEY
    )
    assert result.returncode != 0
    assert "PERSONAL_DATA_KEYS must be Fernet keys" in result.stderr


def test_it_refuses_a_short_index_key():
    result = load_settings(SECRET_KEY="x" * 50, PERSONAL_DATA_KEYS=FERNET_KEY, PERSONAL_DATA_INDEX_KEY="short")
    assert "PERSONAL_DATA_INDEX_KEY must be at least 32 characters" in result.stderr


def test_it_reads_postgres_and_hosts_from_the_environment():
    result = load_settings(
        SECRET_KEY="x" * 50,
        PERSONAL_DATA_KEYS=FERNET_KEY,
        PERSONAL_DATA_INDEX_KEY=INDEX_KEY,
        DATABASE_URL="postgres://u:p@db.local:5432/portal",
        ALLOWED_HOSTS="portal.example.gov.cn, 10.0.0.5",
    )
    assert result.returncode == 0, result.stderr
    assert "django.db.backends.postgresql" in result.stdout
    assert "['portal.example.gov.cn', '10.0.0.5']" in result.stdout
