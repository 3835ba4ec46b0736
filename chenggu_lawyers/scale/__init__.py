"""Synthetic county-, province- and nation-sized data for benchmarks (`manage.py seed_scale`, issue 10).

Deterministic: one seeded `random.Random` per section, ids assigned here in order, every date fixed (no
"today"), so two runs of the same scale write the same rows (only the Fernet tokens of the encrypted ID
and phone numbers differ, as encryption is randomised; their plain values and digests are identical).

What a scale holds (nation; province is 1/30, county is one county of the Chenggu template, tiny is for tests):
- 30,000 units: counties built from the Chenggu template (`units/data/chenggu_units.csv`: towns, county
  departments, stationed units of five vertical or dual-led systems, people's organisations) with their
  enforcement flags and management modes; about 2 % reorganised (abolished, a successor established the same
  day, its staff transferred); superior organisations per city and system.
- 150,000 surveyed people with valid GB 11643 ID numbers (area of their county, check digit), qualifications,
  experience and bars in plausible shares; ID and phone numbers encrypted, the ID digest filled; postings
  with about 15 % transfers (and the reorganisation transfers).
- 100,000 certificates issued 2019-2025 with 17-digit practice numbers (category 6, sex digit), some
  suspended (open or past suspensions), cancelled with a reason, revoked, and re-issued after a cancellation.
- legal-advisor engagements (R1.4) of units without lawyers, talent pools and dispatches (R1.5).
- 3,000,000 matters of the six R2.1 categories (and "other") created 2021-2025, each category's required
  fields filled, statuses from open to closed with adoption, assignments to the unit's lawyers, advisors
  or dispatched pool lawyers (declined ones with the office's ruling); decision items per unit.
- 3 assessment years (2023-2025) with criteria, scale, a committee per unit with lawyers, and each lawyer's
  assessment (scored and published for 2023 and 2024, scoring for 2025).
- accounts: a county office, a justice bureau and one legal officer per unit (unusable passwords).
Not generated: applications, bar memberships, work entries, opinions, training, guarantees, notices.

The rows are written with PostgreSQL COPY (SQLite: executemany), bypassing model save(), so the audit log's
signal receivers do not run: that is on purpose, a bulk load of synthetic data is not a user's change.
"""

import time

from django.apps import apps
from django.core.cache import cache
from django.db import connection, transaction

from .generator import MARK, USERNAME_PREFIX, Generator, Scale

SCALES = {
    "nation": Scale(units=30_000, people=150_000, certificates=100_000, matters=3_000_000),
    "province": Scale(units=1_000, people=5_000, certificates=3_333, matters=100_000),
    "county": Scale(units=53, people=265, certificates=177, matters=5_300),
    "tiny": Scale(units=20, people=60, certificates=40, matters=300),
}

# Tables the seed fills, and what --reset empties (every business table; the targets stay).
RESET_APPS = (
    "accounts",
    "units",
    "lawyers",
    "advisors",
    "matters",
    "assessments",
    "training",
    "discipline",
    "guarantees",
    "notices",
    "axes",
    "otp_totp",
    "sessions",
)
RESET_MODELS = ("chenggu_lawyers.AuditEvent",)


class SeedRefused(Exception):
    """The database holds data the seed would mix with; the message says what and how to proceed."""


def _reset_models():
    models = []
    for label in RESET_APPS:
        try:
            config = apps.get_app_config(label)
        except LookupError:
            continue
        for model in config.get_models(include_auto_created=True):
            if not model._meta.proxy and model._meta.managed:
                models.append(model)
    models += [apps.get_model(label) for label in RESET_MODELS]
    return models


def existing_data() -> dict[str, int]:
    """Rows the seed would collide with: accounts, units, people and matters, seed or not."""
    from accounts.models import User
    from lawyers.models import Person
    from matters.models import Matter
    from units.models import Unit

    return {
        "accounts": User.objects.count(),
        "units": Unit.objects.count(),
        "people": Person.objects.count(),
        "matters": Matter.objects.count(),
    }


def holds_only_seed_data() -> bool:
    from accounts.models import User
    from units.models import Unit

    return (
        not User.objects.exclude(username__startswith=USERNAME_PREFIX).exists()
        and not Unit.objects.exclude(legal_office_contact=MARK).exists()
    )


def reset_database() -> None:
    """Empty every business table (RESET_APPS and the audit log); the coverage targets and migrations stay."""
    present = set(connection.introspection.table_names())
    tables = [model._meta.db_table for model in _reset_models() if model._meta.db_table in present]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # Deferred foreign-key checks of rows written earlier in the same transaction (a test's) must run
            # first: PostgreSQL refuses to truncate a table with pending trigger events.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(
                "TRUNCATE " + ", ".join(connection.ops.quote_name(t) for t in tables) + " RESTART IDENTITY CASCADE"
            )
        else:
            with connection.constraint_checks_disabled():
                for table in tables:
                    cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
                marks = ", ".join(["%s"] * len(tables))
                cursor.execute(f"DELETE FROM sqlite_sequence WHERE name IN ({marks})", tables)  # noqa: S608


def check_foreign_keys(log=print) -> None:
    """Every foreign key of the seeded tables points at a row (one anti-join per key); raises otherwise."""
    started = time.monotonic()
    present = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        for model in _reset_models():
            table = model._meta.db_table
            if table not in present:
                continue
            for field in model._meta.concrete_fields:
                if not field.is_relation or field.related_model is None:
                    continue
                target = field.related_model._meta
                if target.db_table not in present:
                    continue
                q = connection.ops.quote_name
                cursor.execute(
                    f"SELECT COUNT(*) FROM {q(table)} t LEFT JOIN {q(target.db_table)} r "  # noqa: S608
                    f"ON r.{q(field.target_field.column)} = t.{q(field.column)} "
                    f"WHERE t.{q(field.column)} IS NOT NULL AND r.{q(field.target_field.column)} IS NULL"
                )
                missing = cursor.fetchone()[0]
                if missing:
                    raise RuntimeError(f"{missing} rows of {table}.{field.column} point at no {target.db_table} row")
    log(f"  foreign keys checked: {time.monotonic() - started:.1f} s")


def seed(scale_name: str, *, reset: bool = False, seed: int = 20231019, log=print) -> dict[str, int]:
    """Fill the database with the synthetic data of `scale_name`; refuses a non-empty database unless `reset`."""
    scale = SCALES[scale_name]
    found = existing_data()
    if any(found.values()):
        if not reset:
            kind = "seed data of an earlier run" if holds_only_seed_data() else "data that is not seed data"
            listed = ", ".join(f"{count} {name}" for name, count in found.items() if count)
            raise SeedRefused(
                f"The database already holds {kind} ({listed}). Run with --reset to delete every row of "
                f"the business tables ({', '.join(RESET_APPS)} and the audit log; the coverage targets stay) "
                "and seed again."
            )
        log("Deleting the business tables' rows (--reset) …")
        with transaction.atomic():
            reset_database()
    log(f"Seeding scale {scale_name}: {scale}")
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # Foreign keys are checked row by row by triggers, which costs more than the load itself at nation
            # scale; the generator writes only ids it created, and `check_foreign_keys` below proves it in a
            # few set-based queries before the transaction commits. Needs a superuser, as the bench database's
            # owner is; otherwise the checks simply run row by row.
            with connection.cursor() as cursor:
                cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
                if cursor.fetchone()[0]:
                    cursor.execute("SET LOCAL session_replication_role = replica")
        counts = Generator(scale, seed=seed, log=log).run()
        check_foreign_keys(log)
    # The bulk load writes no audit events, which cached pages (the coverage dashboard) are keyed by.
    cache.clear()
    return counts
