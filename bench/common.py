# ruff: noqa: S603  (benchmark tooling: local tools on loopback, long report lines)
"""What every benchmark shares: the databases at each scale, signed-in clients, timing, and the report.

Each benchmark is a module run as `python -m bench.<name>` (`make bench` runs them all). It prints its
figures and appends them as JSON lines to var/bench/results.jsonl, which BENCHMARKS.md is written from.
The databases are `chenggu_bench_<scale>` on the PostgreSQL server of BENCH_DATABASE_URL (default
postgres://postgres@127.0.0.1:5432), created, migrated and seeded here when missing; never `test`.
"""

import json
import os
import platform
import statistics
import subprocess
import sys
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "var" / "bench" / "results.jsonl"
SERVER = os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432").rstrip("/")


def database_url(scale: str) -> str:
    parts = urlsplit(SERVER)
    return urlunsplit((parts.scheme, parts.netloc, f"/chenggu_bench_{scale}", "", ""))


def setup(scale: str):
    """Point Django at the scale's benchmark database (bench.settings) and set it up."""
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench.settings"
    os.environ["DATABASE_URL"] = database_url(scale)
    os.environ.pop("DEBUG", None)
    import django

    django.setup()


def manage(scale: str, *args: str, check=True) -> subprocess.CompletedProcess:
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": database_url(scale)}
    env.pop("DEBUG", None)
    return subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=check, cwd=ROOT)


def _server_connection():
    import psycopg2

    parts = urlsplit(SERVER)
    return psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres", password=parts.password,
        dbname="postgres",
    )  # fmt: skip


def prepare(scale: str) -> float | None:
    """Create, migrate and seed `chenggu_bench_<scale>` unless it already holds that scale.

    Returns the seeding time in seconds, or None when the database was reused."""
    name = f"chenggu_bench_{scale}"
    connection = _server_connection()
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    manage(scale, "migrate", "--no-input", "-v", "0")
    probe = subprocess.run(
        [sys.executable, "-c", f"from bench.common import seeded_counts; print(*seeded_counts({scale!r}))"],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": database_url(scale)},
        capture_output=True, text=True, check=True, cwd=ROOT,
    )  # fmt: skip
    units, matters, wanted_units, wanted_matters = (int(value) for value in probe.stdout.split())
    if os.environ.get("BENCH_RESEED") != "1" and (units, matters) == (wanted_units, wanted_matters):
        print(f"[{scale}] reusing {name} ({units:,} units, {matters:,} matters)")
        return None
    started = time.monotonic()
    manage(scale, "seed_scale", "--scale", scale, "--reset")
    seconds = time.monotonic() - started
    vacuum(scale)
    record("seed", scale=scale, seconds=round(seconds, 1), command=f"manage.py seed_scale --scale {scale} --reset")
    return seconds


def vacuum(scale: str) -> None:
    """VACUUM ANALYZE the freshly loaded database, as autovacuum soon would on a server: visibility maps set
    (index-only scans) and planner statistics, so the first benchmark does not measure a cold table."""
    import psycopg2

    parts = urlsplit(database_url(scale))
    connection = psycopg2.connect(
        host=parts.hostname, port=parts.port or 5432, user=parts.username or "postgres", password=parts.password,
        dbname=parts.path.lstrip("/"),
    )  # fmt: skip
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    connection.close()


def seeded_counts(scale: str):
    """(units, matters) in the database and (units, matters) the scale asks for."""
    import django

    os.environ.pop("DEBUG", None)
    django.setup()
    from chenggu_lawyers.scale import SCALES
    from matters.models import Matter
    from units.models import Unit

    return Unit.objects.count(), Matter.objects.count(), SCALES[scale].units, SCALES[scale].matters


# --- signed-in clients ---------------------------------------------------------------------------------


def bench_user(username: str, **fields):
    """A seeded account, made staff/superuser when asked (the admin's changelist needs it)."""
    from accounts.models import User

    user = User.objects.get(username=username)
    changed = {name: value for name, value in fields.items() if getattr(user, name) != value}
    if changed:
        User.objects.filter(pk=user.pk).update(**changed)
        user.refresh_from_db()
    return user


def session_cookie(user) -> str:
    """A session key of `user`, past the second factor, as the browser would hold it after logging in."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from accounts.sessions import SESSION_KEY as LAST_SEEN

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session[LAST_SEEN] = int(time.time()) + 3600  # no idle-clock write during the run
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="bench", confirmed=True
    )
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.create()
    return session.session_key


def client_for(user):
    from django.conf import settings
    from django.test import Client

    client = Client(raise_request_exception=True)
    client.cookies[settings.SESSION_COOKIE_NAME] = session_cookie(user)
    return client


# --- timing and reporting --------------------------------------------------------------------------------


@contextmanager
def queries_counted():
    """The SQL statements run inside the block (a list that fills as they run)."""
    from django.db import connection

    captured = []

    def count(execute, sql, params, many, context):
        captured.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield captured


def timed(fn, *, repeat: int = 5, warmup: int = 1) -> list[float]:
    """Wall-clock seconds of `repeat` calls after `warmup` calls (warm caches, as a user's second visit)."""
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return times


def summary(times: list[float]) -> dict:
    return {
        "median_ms": round(statistics.median(times) * 1000, 1),
        "min_ms": round(min(times) * 1000, 1),
        "max_ms": round(max(times) * 1000, 1),
        "runs": len(times),
    }


def show(label: str, figures: dict) -> str:
    spread = f" (min {figures['min_ms']}, max {figures['max_ms']}, n={figures['runs']})" if "runs" in figures else ""
    return f"{label}: {figures['median_ms']} ms{spread}" if "median_ms" in figures else f"{label}: {figures}"


def machine() -> dict:
    memory = ""
    try:
        with open("/proc/meminfo") as handle:
            memory = f"{int(handle.readline().split()[1]) // 1024 // 1024} GiB"
    except OSError:
        pass
    return {"nproc": os.cpu_count(), "ram": memory, "python": platform.python_version(), "load": os.getloadavg()}


def record(benchmark: str, **figures) -> None:
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    entry = {"benchmark": benchmark, "at": datetime.now(UTC).isoformat(timespec="seconds"), **figures}
    entry.setdefault("machine", machine())
    with RESULTS.open("a") as handle:
        handle.write(json.dumps(entry, ensure_ascii=False, default=str) + "\n")


def verdict(ratio: float, goal: float, *, at_most: bool = True) -> str:
    met = ratio <= goal if at_most else ratio >= goal
    return f"goal {'≤' if at_most else '≥'} {goal}: {'met' if met else 'MISSED'}"
