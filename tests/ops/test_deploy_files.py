"""The deployment files agree with each other: the environment file reads the same to systemd and to the
cron jobs' shell, and the unit, the cron jobs and nginx name the same paths and port."""

import re
import shlex
import subprocess
from pathlib import Path

DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
ENV_FILE = "/etc/chenggu-lawyers/env"


def systemd_environment(text: str) -> dict[str, str]:
    """EnvironmentFile= as systemd reads it: NAME=value lines, quotes around a value removed."""
    values = {}
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        name, _, value = line.partition("=")
        values[name] = shlex.split(value)[0] if value[:1] in "\"'" else value
    return values


def shell_environment(path: Path) -> dict[str, str]:
    """What `set -a && . FILE` leaves in the environment of the cron jobs' bash."""
    script = f'set -a && . "{path}" && env -0'
    result = subprocess.run(["bash", "-c", script], env={}, capture_output=True, text=True, check=True)
    return dict(entry.split("=", 1) for entry in result.stdout.split("\0") if "=" in entry)


def test_the_environment_example_reads_the_same_to_systemd_and_to_the_shell():
    path = DEPLOY / "chenggu-lawyers.env.example"
    by_systemd = systemd_environment(path.read_text())
    by_shell = shell_environment(path)
    assert by_systemd["DEFAULT_FROM_EMAIL"] == "公职律师工作平台 <gzls@chenggu.gov.cn>"
    assert {name: by_shell.get(name) for name in by_systemd} == by_systemd


def test_the_unit_and_every_cron_job_read_the_same_environment_file():
    unit = (DEPLOY / "chenggu-lawyers.service").read_text()
    assert f"EnvironmentFile={ENV_FILE}" in unit
    jobs = [line for line in (DEPLOY / "crontab").read_text().splitlines() if re.match(r"^[0-9*]", line)]
    assert len(jobs) == 3
    for job in jobs:
        fields = job.split(None, 6)
        assert fields[5] == "chenggu", job
        assert f". {ENV_FILE} &&" in fields[6] and "cd /opt/chenggu-lawyers" in fields[6], job
        assert "%" not in fields[6], f"cron turns % into a new line: {job}"


def test_nginx_passes_to_the_address_gunicorn_binds():
    bind = systemd_environment((DEPLOY / "chenggu-lawyers.env.example").read_text())["BIND"]
    nginx = (DEPLOY / "nginx-chenggu-lawyers.conf").read_text()
    assert f"proxy_pass http://{bind};" in nginx
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in nginx
    assert "return 301 https://$host$request_uri;" in nginx
