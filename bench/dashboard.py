# ruff: noqa: S603  (benchmark tooling: local tools on loopback, long report lines)
"""Coverage dashboard: server time of the whole page against the floor (bench/floor.py), at each scale.

    python -m bench.dashboard [--scale county|province|nation ...] [--repeat N]

The page is requested in-process through Django's test client as the county office (the whole middleware
stack, template rendering included), N times with the cache emptied first (the figures computed) and N
times as cached; the floor's queries run N times on the same database. Both answer for the same as-of
date, and their numbers are compared before any timing. Goal at nation scale: computed page ≤ 2 × floor.
"""

import argparse
import subprocess
import sys
from datetime import date

from bench import common

AS_OF = date(2025, 12, 31)
SCALES = ("county", "province", "nation")


def run_one(scale: str, repeat: int) -> dict:
    common.setup(scale)
    from django.core.cache import cache
    from django.urls import reverse

    from bench.floor import engine_numbers, floor_numbers
    from coverage.reports import dashboard

    floor = floor_numbers(AS_OF)
    engine = engine_numbers(dashboard(AS_OF))
    differing = [key for key in floor if floor[key] != engine[key]]
    if differing:
        raise SystemExit(f"[{scale}] the floor and the dashboard disagree on: {', '.join(differing)}")
    client = common.client_for(common.bench_user("scale_county"))
    url = reverse("coverage:dashboard")

    def page():
        response = client.get(url, {"as_of": AS_OF.isoformat()})
        assert response.status_code == 200, response.status_code

    def computed_page():
        cache.clear()  # the figures computed, as on the first visit after a change of the data
        page()

    with common.queries_counted() as captured:
        computed_page()
    with common.queries_counted() as cached_captured:
        page()
    page_times = common.timed(computed_page, repeat=repeat)
    cached_times = common.timed(page, repeat=repeat)
    floor_times = common.timed(lambda: floor_numbers(AS_OF), repeat=repeat)
    page_figures, floor_figures = common.summary(page_times), common.summary(floor_times)
    cached_figures = common.summary(cached_times)
    ratio = round(page_figures["median_ms"] / floor_figures["median_ms"], 2)
    print(f"[{scale}] numbers agree ({engine['units']:,} active units)")
    print(f"[{scale}] " + common.show("dashboard page, computed", page_figures) + f", {len(captured)} queries")
    print(f"[{scale}] " + common.show("dashboard page, cached", cached_figures) + f", {len(cached_captured)} queries")
    print(f"[{scale}] " + common.show("floor SQL", floor_figures))
    print(f"[{scale}] ratio computed page/floor = {ratio} ({common.verdict(ratio, 2.0)})")
    common.record(
        "dashboard",
        scale=scale,
        page=page_figures,
        cached=cached_figures,
        floor=floor_figures,
        ratio=ratio,
        queries=len(captured),
        cached_queries=len(cached_captured),
        units=engine["units"],
        command=f"python -m bench.dashboard --scale {scale} --repeat {repeat}",
    )
    return {"page": page_figures, "floor": floor_figures, "ratio": ratio}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", action="append", choices=SCALES)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--one", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    scales = args.scale or list(SCALES)
    if args.one:
        run_one(scales[0], args.repeat)
        return
    for scale in scales:
        common.prepare(scale)
        # One process per scale: Django is set up once per process, on the scale's database.
        subprocess.run(
            [sys.executable, "-m", "bench.dashboard", "--one", "--scale", scale, "--repeat", str(args.repeat)],
            check=True,
            cwd=common.ROOT,
        )


if __name__ == "__main__":
    main()
