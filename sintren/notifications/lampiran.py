"""Email attachments by reference: the outbox row names a file, the channel reads it.

``settings.NOTIFICATION_LAMPIRAN`` maps a source name (``"keluaran"``) to the dotted path
of a function ``ref -> bytes`` of the app that owns the files, so this app imports none
of them and the outbox never stores a document's bytes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.module_loading import import_string


class LampiranHilangError(Exception):
    """An attachment cannot be read (unknown source, file removed)."""


@dataclass(frozen=True)
class Lampiran:
    """One attachment ready for the email: its file name, bytes and MIME type."""

    nama: str
    isi: bytes
    tipe: str


def _loader(sumber: str) -> Callable[[str], bytes]:
    paths: Mapping[str, str] = getattr(settings, "NOTIFICATION_LAMPIRAN", {}) or {}
    if sumber not in paths:
        raise LampiranHilangError(f"unknown attachment source {sumber!r}")
    loader: Callable[[str], bytes] = import_string(paths[sumber])
    return loader


def lampiran_baca(items: list[Any]) -> list[Lampiran]:
    """The attachments of an outbox row, read now; ``LampiranHilangError`` if one is gone."""
    hasil = []
    for item in items or []:
        try:
            isi = _loader(str(item["sumber"]))(str(item["ref"]))
        except (KeyError, OSError) as exc:
            raise LampiranHilangError(type(exc).__name__) from exc
        nama = str(item.get("nama") or "lampiran")
        hasil.append(Lampiran(nama=nama, isi=isi, tipe=str(item.get("tipe") or "")))
    return hasil
