# ruff: noqa: E501,S310,S603,S607  (benchmark tooling: local tools on loopback, long report lines)
"""Throughput under gunicorn on loopback: dashboard, a list and a detail page against a trivial view.

    python -m bench.throughput [--scale nation] [--seconds 20] [--connections 4]

One gunicorn (bench.settings, the production command's worker model with as many workers as cores) serves
the scale's database on 127.0.0.1; wrk (Debian's package) sends requests for a bounded time with the county
office's session cookie, to one URL after the other: the trivial view (same middleware, `bench/urls.py`), the
coverage dashboard, the people register filtered, and a person's page. Goal: each page ≥ 0.25 × the trivial
view's requests per second, zero errors; p95 recorded.
"""

import argparse
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request

from bench import common

PORT = int(os.environ.get("BENCH_PORT", "8765"))


def wait_for(port: int, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("gunicorn did not start")


def wrk(url: str, cookie: str, seconds: int, connections: int) -> dict:
    script = str(common.ROOT / "bench" / "wrk_report.lua")
    result = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{seconds}s", "--timeout", "30s", "-s", script,
         "-H", f"Cookie: sessionid={cookie}", url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    figures = json.loads(result.stdout.strip().splitlines()[-1])
    figures["rps"] = round(figures["requests"] / (figures["duration_us"] / 1e6), 1)
    figures["errors"] = sum(
        figures[k] for k in ("connect_errors", "read_errors", "write_errors", "status_errors", "timeouts")
    )
    return figures


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="nation")
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: apt-get install -y wrk (make bench installs it)")
    common.prepare(args.scale)
    common.setup(args.scale)
    from lawyers.models import Person

    cookie = common.session_cookie(common.bench_user("scale_county"))
    person = Person.objects.filter(certificates__isnull=False).order_by("pk").first()
    base = f"http://127.0.0.1:{PORT}"
    pages = (
        ("trivial view", "/bench/trivial/"),
        ("coverage dashboard", "/coverage/?as_of=2025-12-31"),
        ("people register", "/lawyers/people/?full_time_legal=true&page=3"),
        ("person page", f"/lawyers/people/{person.pk}/"),
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bench.settings", "DATABASE_URL": common.database_url(args.scale)}
    env.pop("DEBUG", None)
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "chenggu_lawyers.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
         "--workers", str(args.workers), "--timeout", "120", "--log-level", "warning"],
        env=env, cwd=common.ROOT, start_new_session=True,
    )  # fmt: skip
    results = {}
    try:
        wait_for(PORT)
        for name, path in pages:
            request = urllib.request.Request(base + path, headers={"Cookie": f"sessionid={cookie}"})
            with urllib.request.urlopen(request, timeout=120) as response:  # noqa: S310 (loopback only)
                assert response.status == 200, (path, response.status)
            results[name] = wrk(base + path, cookie, args.seconds, args.connections)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
    trivial = results["trivial view"]["rps"]
    for name, figures in results.items():
        ratio = round(figures["rps"] / trivial, 3)
        line = (f"[{args.scale}] {name}: {figures['rps']} req/s, p50 {figures['p50_us'] / 1000:.1f} ms, "
                f"p95 {figures['p95_us'] / 1000:.1f} ms, {figures['requests']} requests, {figures['errors']} errors")  # fmt: skip
        if name != "trivial view":
            line += f", {ratio} × trivial ({common.verdict(ratio, 0.25, at_most=False)})"
        print(line)
        common.record(
            "throughput",
            scale=args.scale,
            page=name,
            ratio=ratio,
            **figures,
            workers=args.workers,
            connections=args.connections,
            command=f"python -m bench.throughput --scale {args.scale} --seconds {args.seconds} "
            f"--connections {args.connections}",
        )


if __name__ == "__main__":
    main()
