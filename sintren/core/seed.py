"""Seed data files: TOML that an office edits by hand, read with errors it can act on.

A seed file holds either one item (its top-level keys) or, with ``table``, a list of
items written as ``[[table]]`` sections. A schema names every key an item may have, its
kind and its default; a key missing from the schema is an error too, so a typo never
passes silently. Every error names the file and the key (``dokumen[3].wajib``, counted
from 1), in Indonesian, because the office reads it.
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import tomllib
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.management import CommandError

_REQUIRED: Any = object()


class SeedError(CommandError):
    """A seed file cannot be used; the message names the file and the key.

    A ``CommandError``, so ``manage.py load_katalog`` (and ``sintren_setup``) print the
    message alone instead of a traceback.
    """

    def __init__(self, path: Path, key: str, message: str) -> None:
        self.path, self.key = path, key
        where = f"{path}: {key}" if key else str(path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Key:
    """One key of a seed item.

    ``kind`` is ``str``, ``int``, ``bool``, ``datetime.date``, ``list`` (a list of texts)
    or a schema (a list of tables, each checked against it). Without ``default`` the key
    is required; ``choices`` limits a text to those values.
    """

    kind: type | Schema
    default: Any = _REQUIRED
    choices: Collection[str] = ()


Schema = Mapping[str, Key]

_KIND_NAMES = {
    str: "teks dalam tanda kutip",
    int: "angka bulat",
    bool: "true atau false",
    dt.date: "tanggal, contoh 2026-12-24",
    list: 'daftar teks, contoh ["satu", "dua"]',
}


def _is_kind(value: Any, kind: type) -> bool:
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is dt.date:
        return isinstance(value, dt.date) and not isinstance(value, dt.datetime)
    if kind is list:
        return isinstance(value, list) and all(isinstance(item, str) for item in value)
    return isinstance(value, kind)


def _checked_value(value: Any, key: Key, where: str, path: Path) -> Any:
    if isinstance(key.kind, Mapping):
        if not isinstance(value, list):
            raise SeedError(path, where, "harus berupa daftar tabel")
        return [
            _checked_item(item, key.kind, f"{where}[{number}]", path)
            for number, item in enumerate(value, start=1)
        ]
    if not _is_kind(value, key.kind):
        raise SeedError(path, where, f"harus berupa {_KIND_NAMES[key.kind]}, bukan {value!r}")
    if key.choices and value not in key.choices:
        allowed = ", ".join(f'"{choice}"' for choice in key.choices)
        raise SeedError(path, where, f"{value!r} tidak dikenal; pilih salah satu: {allowed}")
    return value


def _checked_item(item: Any, schema: Schema, where: str, path: Path) -> dict[str, Any]:
    """``item`` with every key of ``schema`` checked, and defaults for the missing ones."""
    if not isinstance(item, dict):
        raise SeedError(path, where, "harus berupa tabel")
    prefix = f"{where}." if where else ""
    for name in item:
        if name not in schema:
            known = ", ".join(schema)
            raise SeedError(path, prefix + name, f"kunci tidak dikenal; yang dikenal: {known}")
    result = {}
    for name, key in schema.items():
        if name in item:
            result[name] = _checked_value(item[name], key, prefix + name, path)
        elif key.default is _REQUIRED:
            raise SeedError(path, prefix + name, "wajib diisi")
        else:
            result[name] = copy.deepcopy(key.default)
    return result


def seed_load(
    path: Path, *, table: str | None = None, schema: Schema | None = None
) -> list[dict[str, Any]]:
    """Read one seed file: its single item, or with ``table`` the items of ``[[table]]``.

    A file without any ``[[table]]`` section has no items (an office may empty a list).
    With ``schema``, every item is checked and completed with the defaults. Raises
    ``SeedError`` (naming the file and the key) when the file is not valid TOML or an
    item does not follow the schema.
    """
    try:
        # utf-8-sig: some Windows editors start the file with a byte-order mark.
        doc = tomllib.loads(path.read_bytes().decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise SeedError(path, "", "bukan teks UTF-8; simpan ulang sebagai UTF-8") from exc
    except tomllib.TOMLDecodeError as exc:
        raise SeedError(path, "", f"penulisan TOML salah: {exc}") from exc
    if table is None:
        items: list[Any] = [doc]
    else:
        for name in doc:
            if name != table:
                raise SeedError(
                    path, name, f"kunci tidak dikenal; berkas ini hanya berisi [[{table}]]"
                )
        items = doc.get(table, [])
        if not isinstance(items, list) or not all(isinstance(item, dict) for item in items):
            raise SeedError(path, table, f"harus berupa daftar tabel [[{table}]]")
    if schema is None:
        return items
    return [
        _checked_item(item, schema, f"{table}[{number}]" if table else "", path)
        for number, item in enumerate(items, start=1)
    ]


def seed_files(directory: Path, pattern: str) -> list[Path]:
    """The files under ``directory`` matching ``pattern``, by name; hidden files skipped.

    Raises ``SeedError`` when there is none: the data files did not ship, or were moved.
    """
    paths = sorted(
        path for path in directory.glob(pattern) if path.is_file() and path.name[0] != "."
    )
    if not paths:
        raise SeedError(directory, pattern, "tidak ada berkas yang cocok")
    return paths


def seed_unique(entries: Iterable[tuple[Path, str, object]]) -> None:
    """Raise ``SeedError`` at the first ``(path, key, value)`` whose value came before."""
    seen: dict[object, tuple[Path, str]] = {}
    for path, key, value in entries:
        if value in seen:
            first_path, first_key = seen[value]
            where = first_key if first_path == path else f"{first_path}: {first_key}"
            raise SeedError(path, key, f"{value!r} sudah dipakai di {where}")
        seen[value] = (path, key)


@contextlib.contextmanager
def seed_source(path: Path, where: str = "") -> Iterator[None]:
    """Turn a ``ValidationError`` of a row made from ``path`` into a ``SeedError``.

    ``where`` locates the item in the file (``dokumen[3]``); the key named is the
    rejected model field, which the seed files call by the same name.
    """
    try:
        yield
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"": exc.messages}
        field, messages = next(iter(errors.items()))
        key = ".".join(part for part in (where, field) if part and part != NON_FIELD_ERRORS)
        raise SeedError(path, key, " ".join(messages)) from exc
