"""What the bench data generators share: fast bulk writes, fresh ids and made-up NIKs.

``manage.py bench_data`` fills tables with hundreds of thousands of rows for the
benchmarks; the ORM's ``bulk_create`` is too slow for that (a million rows would take
many minutes), so rows are plain dicts written with ``COPY`` on PostgreSQL and a batch
``INSERT`` elsewhere, with primary keys taken from the table's sequence first so rows
of several tables can point at each other inside one transaction.

Never in production: :func:`bench_guard` refuses.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from django.conf import settings
from django.core.management.base import CommandError
from django.db import connection, models
from django.db.models.fields import AutoFieldMixin

Row = dict[str, Any]

# Birth dates: 20,075 days from 1 January 1950, visited in a scrambled but one-to-one order.
BIRTH_FIRST = dt.date(1950, 1, 1)
BIRTH_DAYS = 20_075
BIRTH_STEP = 7_919  # prime, coprime to BIRTH_DAYS
SERIALS = 1000
SERIAL_BASE = 9000  # bench applicants: serial part 9000-9999, which real data does not reach
MAX_SERIAL = SERIALS * 2 * BIRTH_DAYS  # serials, sexes and birth dates: each NIK once


def bench_guard() -> None:
    """Refuse to write bench data in production (every bench row is made up)."""
    if settings.PRODUCTION:
        raise CommandError("Bench data is never for production.")


def bench_nik(serial: int, kecamatan: str, *, base: int = SERIAL_BASE) -> tuple[str, dt.date, bool]:
    """The NIK, birth date and sex (female?) of made-up person ``serial`` in ``kecamatan``.

    One-to-one for ``serial`` below :data:`MAX_SERIAL`: each serial has its own birth
    date, sex and serial part (``base`` … ``base + 999``), so a NIK never repeats within
    one ``base``.
    """
    rest, nomor = divmod(serial, SERIALS)
    day_index, female = divmod(rest, 2)
    lahir = BIRTH_FIRST + dt.timedelta(days=(day_index * BIRTH_STEP) % BIRTH_DAYS)
    day = lahir.day + (40 if female else 0)
    nik = f"{kecamatan}{day:02d}{lahir:%m%y}{base + nomor:04d}"
    return nik, lahir, bool(female)


# Values the database driver cannot take as Python objects, turned into column values.
_ADAPT_POSTGRESQL = {"JSONField"}
_ADAPT_OTHER = {"JSONField", "DateTimeField", "DateField", "TimeField", "DecimalField"}


def _fields(model: type[models.Model], row: Row) -> list[models.Field[Any, Any]]:
    """The stored fields the rows fill, or that get their default; never the generated."""
    fields = []
    for field in model._meta.concrete_fields:
        if field.generated:
            continue
        if field.attname not in row and not field.has_default() and not field.null:
            if isinstance(field, AutoFieldMixin):
                continue  # the database numbers it
            if not isinstance(field, models.CharField | models.TextField):
                raise CommandError(f"bench_data does not fill {model.__name__}.{field.name}.")
        fields.append(field)
    return fields


def _getter(field: models.Field[Any, Any], adapt: bool) -> Callable[[Row], Any]:
    name, fallback = field.attname, field.get_default()

    def plain(row: Row) -> Any:
        return row.get(name, fallback)

    def adapted(row: Row) -> Any:
        return field.get_db_prep_save(row.get(name, fallback), connection)

    return adapted if adapt else plain


def _tuples(rows: Sequence[Row], fields: list[models.Field[Any, Any]]) -> list[tuple[Any, ...]]:
    adapt = _ADAPT_POSTGRESQL if connection.vendor == "postgresql" else _ADAPT_OTHER
    getters = [_getter(field, field.get_internal_type() in adapt) for field in fields]
    return [tuple(get(row) for get in getters) for row in rows]


def bulk_write(model: type[models.Model], rows: Sequence[Row]) -> None:
    """Insert ``rows`` (dicts by attribute name): ``COPY`` on PostgreSQL, else a batch.

    A field a row leaves out gets its default; ``auto_now`` is not applied (the rows
    carry their own times).
    """
    if not rows:
        return
    fields = _fields(model, rows[0])
    quote = connection.ops.quote_name
    table = quote(model._meta.db_table)
    columns = ", ".join(quote(str(field.column)) for field in fields)
    values = _tuples(rows, fields)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for value in values:
                    copy.write_row(value)
            return
        marks = ", ".join(["%s"] * len(fields))
        cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", values)  # noqa: S608


def bulk_ids(model: type[models.Model], count: int) -> list[int]:
    """``count`` fresh primary keys of ``model`` (inside the caller's transaction)."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)",
                [table, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT COALESCE(MAX(id), 0) FROM {connection.ops.quote_name(table)}")  # noqa: S608
        first = int((cursor.fetchone() or [0])[0]) + 1
    return list(range(first, first + count))


def bulk_analyze(*tables: type[models.Model]) -> None:
    """Refresh the planner's statistics of ``tables`` after a bulk load."""
    with connection.cursor() as cursor:
        for model in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")
