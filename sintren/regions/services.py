"""Writes for regions: loading the national Wilayah dataset shipped in ``data/``."""

from __future__ import annotations

import csv
import functools
import gzip
import io
import re
from collections.abc import Iterator
from pathlib import Path

from django.db import transaction
from django.db.models import Count, Q

from .models import Wilayah

DATA_DIR = Path(__file__).resolve().parent / "data"
BATCH_SIZE = 2000

#: (level, file stem, parent column) in load order: parents before children.
DATASET_FILES: tuple[tuple[int, str, str | None], ...] = (
    (Wilayah.Level.PROVINSI, "provinces", None),
    (Wilayah.Level.KABUPATEN, "regencies", "province_code"),
    (Wilayah.Level.KECAMATAN, "districts", "regency_code"),
    (Wilayah.Level.DESA, "villages", "district_code"),
)
#: Keys of the counts returned by ``wilayah_load``, by level.
LEVEL_KEYS = {
    Wilayah.Level.PROVINSI: "provinsi",
    Wilayah.Level.KABUPATEN: "kabupaten",
    Wilayah.Level.KECAMATAN: "kecamatan",
    Wilayah.Level.DESA: "desa",
}
#: One dataset row: (code, parent code or None, name).
Row = tuple[str, str | None, str]
CODE_RE = re.compile(r"\d{2}(\.\d{2}(\.\d{2}(\.\d{4})?)?)?")


class WilayahDataError(ValueError):
    """The dataset files are missing or malformed, or the requested subset is empty."""


def _open_csv(data_dir: Path, stem: str) -> io.TextIOBase:
    plain, packed = data_dir / f"{stem}.csv", data_dir / f"{stem}.csv.gz"
    if packed.exists():
        return io.TextIOWrapper(gzip.open(packed, "rb"), encoding="utf-8", newline="")
    if plain.exists():
        return plain.open(encoding="utf-8", newline="")
    raise WilayahDataError(f"Missing {plain.name} or {packed.name} in {data_dir}.")


def _read_level(data_dir: Path, stem: str, parent_column: str | None) -> Iterator[Row]:
    """Yield (code, parent code, name) rows, checking the code format as it goes."""
    with _open_csv(data_dir, stem) as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            code, name = row["code"].strip(), row["name"].strip()
            parent = row[parent_column].strip() if parent_column else None
            parent_ok = parent is None or code.startswith(parent + ".")
            if not CODE_RE.fullmatch(code) or not name or not parent_ok:
                raise WilayahDataError(f"{stem}: bad row {line}: {row!r}")
            yield code, parent, name


def _in_subset(code: str, prefix: str | None) -> bool:
    """A row belongs to the subset if it is the prefix, under it, or one of its ancestors."""
    if prefix is None:
        return True
    return code == prefix or code.startswith(prefix + ".") or prefix.startswith(code + ".")


def wilayah_dataset(
    *, data_dir: Path = DATA_DIR, only_prefix: str | None = None
) -> dict[int, list[Row]]:
    """Read the dataset (or the subset under ``only_prefix``) as (code, parent, name) rows.

    Keyed by level, parents' levels first. Parsed files are kept per process (keyed by
    path and modification time), so repeated loads of a subset in tests are quick.
    """
    stamps = tuple(
        path.stat().st_mtime_ns if path.exists() else 0
        for _level, stem, _column in DATASET_FILES
        for path in (Path(data_dir) / f"{stem}.csv", Path(data_dir) / f"{stem}.csv.gz")
    )
    cached = _dataset_cached(str(Path(data_dir).resolve()), only_prefix, stamps)
    return {level: list(rows) for level, rows in cached}


@functools.lru_cache(maxsize=8)
def _dataset_cached(
    data_dir: str, only_prefix: str | None, _stamps: tuple[int, ...]
) -> tuple[tuple[int, tuple[Row, ...]], ...]:
    if only_prefix is not None and not CODE_RE.fullmatch(only_prefix):
        raise WilayahDataError(f"Not a region code: {only_prefix!r} (expected e.g. 33.26).")
    dataset = tuple(
        (
            int(level),
            tuple(
                row
                for row in _read_level(Path(data_dir), stem, parent_column)
                if _in_subset(row[0], only_prefix)
            ),
        )
        for level, stem, parent_column in DATASET_FILES
    )
    if only_prefix is not None and only_prefix not in {
        row[0] for _level, rows in dataset for row in rows
    }:
        raise WilayahDataError(f"No region with code {only_prefix} in the dataset.")
    return dataset


def _scope(only_prefix: str | None) -> Q:
    """Rows of the table that a load of this subset owns (ancestors are only upserted)."""
    if only_prefix is None:
        return Q()
    return Q(code=only_prefix) | Q(code__startswith=only_prefix + ".")


def _table_counts(only_prefix: str | None) -> dict[int, int]:
    scope = _scope(only_prefix)
    if only_prefix is not None:
        ancestors = [only_prefix[:end] for end in (2, 5, 8) if end < len(only_prefix)]
        scope |= Q(code__in=ancestors)
    rows = Wilayah.objects.filter(scope).values("level").annotate(n=Count("pk"))
    return {row["level"]: row["n"] for row in rows.order_by()}


def _delete_stale(wanted: set[str], only_prefix: str | None) -> int:
    """Delete codes of the scope that left the dataset, deepest first.

    A code still referenced elsewhere (``on_delete=PROTECT``) makes the whole load fail
    rather than silently dropping someone's address.
    """
    existing = Wilayah.objects.filter(_scope(only_prefix)).values_list("code", "level")
    stale_by_level: dict[int, list[str]] = {}
    for code, level in existing:
        if code not in wanted:
            stale_by_level.setdefault(level, []).append(code)
    codes: list[str] = []
    for level in sorted(stale_by_level, reverse=True):
        level_codes = stale_by_level[level]
        for start in range(0, len(level_codes), 500):
            Wilayah.objects.filter(code__in=level_codes[start : start + 500]).delete()
        codes += level_codes
    return len(codes)


@transaction.atomic
def wilayah_load(
    *,
    data_dir: Path = DATA_DIR,
    only_prefix: str | None = None,
    force: bool = False,
) -> dict[str, int]:
    """Load the region dataset into ``Wilayah`` in one transaction, idempotently.

    ``only_prefix`` (e.g. ``"33.26"``) loads only that region, everything under it and
    its ancestors, which is enough for tests and demos. When the table already holds
    exactly as many rows per level as the dataset (or subset), nothing is written unless
    ``force``. Otherwise every row is upserted (so rows referenced by other tables keep
    their identity) and codes that left the dataset are deleted.

    Returns the dataset's counts per level (``provinsi``, ``kabupaten``, ``kecamatan``,
    ``desa``), plus ``skipped`` (1 when nothing was written) and ``deleted``.
    """
    dataset = wilayah_dataset(data_dir=data_dir, only_prefix=only_prefix)
    counts = {LEVEL_KEYS[Wilayah.Level(level)]: len(rows) for level, rows in dataset.items()}
    expected = {level: len(rows) for level, rows in dataset.items() if rows}
    if not force and _table_counts(only_prefix) == expected:
        return {**counts, "skipped": 1, "deleted": 0}
    wanted = {row[0] for rows in dataset.values() for row in rows}
    deleted = _delete_stale(wanted, only_prefix)
    for level, rows in dataset.items():
        Wilayah.objects.bulk_create(
            [Wilayah(code=c, parent_id=p, level=level, name=n) for c, p, n in rows],
            batch_size=BATCH_SIZE,
            update_conflicts=True,
            unique_fields=["code"],
            update_fields=["parent", "level", "name"],
        )
    return {**counts, "skipped": 0, "deleted": deleted}
