"""Writing generated rows fast: PostgreSQL COPY (in a background thread), SQLite executemany, explicit ids."""

import io
import queue
import threading
from collections import defaultdict
from datetime import UTC, date, datetime
from decimal import Decimal

from django.apps import apps
from django.db import connection


def _copy_text(value) -> str:
    kind = type(value)
    if kind is str:
        if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
            return value.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if kind is int:
        return str(value)
    if value is None:
        return "\\N"
    if value is True:
        return "t"
    if value is False:
        return "f"
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    return _copy_text(str(value))


def _sqlite_value(value):
    if isinstance(value, datetime):
        return value.astimezone(UTC).replace(tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return value


class RowWriter:
    """Writes tuples into a model's table, adding created_at/updated_at where the model has them.

    On PostgreSQL a background thread runs each chunk's COPY while the generator builds the next one (the
    two take about as long), on the same connection and so in the same transaction; `drain()` waits for it.
    """

    CHUNK = 50_000

    def __init__(self, stamp: datetime):
        self.postgres = connection.vendor == "postgresql"
        # Preformatted once: every row that is not dated otherwise carries this stamp.
        self.stamp = stamp.isoformat() if self.postgres else _sqlite_value(stamp)
        self.counts: dict[str, int] = defaultdict(int)
        self.queue: queue.Queue | None = None
        self.worker: threading.Thread | None = None
        self.failure: BaseException | None = None

    def write(self, label: str, columns: tuple[str, ...], rows, *, stamped: bool = True) -> int:
        model = apps.get_model(label) if "." in label else None
        table = model._meta.db_table if model is not None else label
        has_stamps = stamped and model is not None and any(f.attname == "created_at" for f in model._meta.fields)
        if has_stamps and "created_at" not in columns:
            columns = (*columns, "created_at", "updated_at")
            rows = (row + (self.stamp, self.stamp) for row in rows)
        elif has_stamps and "updated_at" not in columns:
            position = columns.index("created_at")
            columns = (*columns, "updated_at")
            rows = (row + (row[position],) for row in rows)
        written = 0
        chunk = []
        for row in rows:
            chunk.append(row)
            if len(chunk) >= self.CHUNK:
                self._flush(table, columns, chunk)
                written += len(chunk)
                chunk = []
        if chunk:
            self._flush(table, columns, chunk)
            written += len(chunk)
        self.counts[label] += written
        return written

    def _flush(self, table, columns, chunk):
        quoted = ", ".join(connection.ops.quote_name(column) for column in columns)
        if self.postgres:
            text = "".join("\t".join([_copy_text(value) for value in row]) + "\n" for row in chunk)
            self._enqueue(f"COPY {connection.ops.quote_name(table)} ({quoted}) FROM STDIN", text)
            return
        marks = ", ".join(["%s"] * len(columns))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {connection.ops.quote_name(table)} ({quoted}) VALUES ({marks})",  # noqa: S608
                [tuple(_sqlite_value(value) for value in row) for row in chunk],
            )

    def _enqueue(self, statement, text):
        if self.worker is None:
            connection.ensure_connection()
            raw = connection.connection
            self.queue = queue.Queue(maxsize=2)

            def copy_chunks():
                cursor = raw.cursor()
                while (item := self.queue.get()) is not None:
                    if self.failure is None:
                        try:
                            cursor.copy_expert(item[0], io.StringIO(item[1]))
                        except BaseException as error:  # re-raised in the main thread by drain()
                            self.failure = error

            self.worker = threading.Thread(target=copy_chunks, name="seed-copy", daemon=True)
            self.worker.start()
        if self.failure is not None:
            self.drain()
        self.queue.put((statement, text))

    def drain(self):
        if self.worker is not None:
            self.queue.put(None)
            self.worker.join()
            self.worker = None
        if self.failure is not None:
            failure, self.failure = self.failure, None
            raise failure
