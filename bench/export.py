"""Export of about 100,000 rows to .xlsx: rows per second and peak memory growth.

    python -m bench.export [--scale nation] [--limit 100000]

The matters export (the list's filters, every column) as the county office, for the contracts created from
January to August 2023, which at nation scale are about 100,000 rows; the response is read to the end and thrown away.
Memory: the process's peak resident set (ru_maxrss) before and after, and Python's own peak allocations
(tracemalloc) during the export. Goal: streamed, peak growth under 100 MB.
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
    tracemalloc.start()
    started = time.perf_counter()
    response = client.get("/matters/export/", QUERY)
    assert response.status_code == 200, response.status_code
    size = sum(len(chunk) for chunk in response.streaming_content)
    seconds = time.perf_counter() - started
    _current, python_peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rss_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    growth = round(rss_after - rss_before, 1)
    figures = {
        "rows": rows,
        "seconds": round(seconds, 1),
        "rows_per_second": round(rows / seconds),
        "file_mb": round(size / 1024 / 1024, 1),
        "peak_rss_growth_mb": growth,
        "python_peak_mb": round(python_peak / 1024 / 1024, 1),
    }
    print(f"[{args.scale}] export of {rows:,} rows: {figures['seconds']} s, {figures['rows_per_second']:,} rows/s, "
          f"{figures['file_mb']} MB file")  # fmt: skip
    print(f"[{args.scale}] peak memory growth: {growth} MB resident, {figures['python_peak_mb']} MB Python "
          f"(goal < 100 MB: {'met' if growth < 100 else 'MISSED'})")  # fmt: skip
    common.record(
        "export", scale=args.scale, query=QUERY, **figures, command=f"python -m bench.export --scale {args.scale}"
    )


if __name__ == "__main__":
    main()
