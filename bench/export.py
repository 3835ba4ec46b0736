"""Export of about 100,000 rows to .xlsx: rows per second and peak memory growth.

    python -m bench.export [--scale nation] [--limit 100000]

The matters export (the list's filters, every column) as the county office, for the contracts created from
January to August 2023, which at nation scale are about 100,000 rows; the response is read to the end and thrown away.
Memory: the process's peak resident set (ru_maxrss) before and after. Python's own peak allocations
(tracemalloc) only with --tracemalloc, in a run whose time is not the figure: tracing every allocation made
the export six times slower (426 s instead of about 70 s for the same rows), which the first recorded
figure (384.5 s) measured. Goal: streamed, peak growth under 100 MB.
"""

import argparse
import resource
import time
import tracemalloc

from bench import common

QUERY = {"category": "contracts", "created_after": "2023-01-01", "created_before": "2023-08-31"}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", default="nation")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace Python's allocations (slow)")
    args = parser.parse_args()
    common.prepare(args.scale)
    common.setup(args.scale)
    from datetime import date

    from matters.models import Matter

    rows = Matter.objects.filter(
        category="contracts", created_at__date__gte=date(2023, 1, 1), created_at__date__lte=date(2023, 8, 31)
    ).count()
    client = common.client_for(common.bench_user("scale_county"))
    client.get("/matters/", {"page": 1})  # warm: templates, translations, connection
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if args.tracemalloc:
        tracemalloc.start()
    started = time.perf_counter()
    response = client.get("/matters/export/", QUERY)
    assert response.status_code == 200, response.status_code
    size = sum(len(chunk) for chunk in response.streaming_content)
    seconds = time.perf_counter() - started
    python_peak = tracemalloc.get_traced_memory()[1] if args.tracemalloc else None
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    growth = round(rss_after - rss_before, 1)
    figures = {
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_second": round(rows / seconds),
        "file_mb": round(size / 1024 / 1024, 1),
        "peak_rss_growth_mb": growth,
        "python_peak_mb": round(python_peak / 1024 / 1024, 1) if python_peak is not None else None,
        "tracemalloc": args.tracemalloc,
    }
    print(f"[{args.scale}] export of {rows:,} rows: {figures['seconds']} s, {figures['rows_per_second']:,} rows/s, "
          f"{figures['file_mb']} MB file")  # fmt: skip
    print(f"[{args.scale}] peak memory growth: {growth} MB resident, Python peak {figures['python_peak_mb']} MB "
          f"(goal < 100 MB: {'met' if growth < 100 else 'MISSED'})")  # fmt: skip
    common.record(
        "export",
        scale=args.scale,
        query=QUERY,
        **figures,
        command=f"python -m bench.export --scale {args.scale}" + (" --tracemalloc" if args.tracemalloc else ""),
    )


if __name__ == "__main__":
    main()
