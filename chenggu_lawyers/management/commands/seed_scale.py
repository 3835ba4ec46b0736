"""Synthetic county-, province- or nation-sized data for benchmarks (chenggu_lawyers/scale.py)."""

import time

from django.core.management.base import BaseCommand, CommandError

from chenggu_lawyers.scale import SCALES, SeedRefused, seed


class Command(BaseCommand):
    help = (
        "Fill an empty database with deterministic synthetic data of a county, a province or the nation "
        "(nation: 30,000 units, 150,000 people, 100,000 certificates, 3,000,000 matters). Refuses a database "
        "that holds data unless --reset, which deletes every row of the business tables first."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=sorted(SCALES), required=True)
        parser.add_argument(
            "--reset",
            action="store_true",
            help="Delete every account, unit, person, matter, assessment, advisor, training, discipline, "
            "guarantee, notice and audit-log row first (the coverage targets stay).",
        )
        parser.add_argument("--seed", type=int, default=20231019, help="Random seed (same seed, same data).")

    def handle(self, *args, scale, reset, seed: int, **options):
        started = time.monotonic()
        try:
            counts = seed_data(scale, reset=reset, seed_value=seed, log=self.stdout.write)
        except SeedRefused as refused:
            raise CommandError(str(refused)) from refused
        for label, count in sorted(counts.items()):
            self.stdout.write(f"  {label}: {count:,} rows")
        self.stdout.write(f"Seeded scale {scale} in {time.monotonic() - started:.1f} s.")


def seed_data(scale, *, reset, seed_value, log):
    return seed(scale, reset=reset, seed=seed_value, log=log)
