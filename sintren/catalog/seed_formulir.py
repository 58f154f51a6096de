"""Blank forms (PUB-3), read from ``seed/formulir/*.toml``; ``formulir_pdf`` draws them.

In a data file a field is ``{ jenis = "garis", label = ... }`` a dotted line,
``{ jenis = "kotak", label = ..., jumlah = n }`` n boxes (NIK, Nomor KK) or
``{ jenis = "pilih", label = ..., pilihan = [...] }`` tick boxes. ``formulir_pdf`` gets
them as tuples: ``("garis", label)``, ``("kotak", label, n)``, ``("pilih", label, options)``.
The numbers follow the forms of Permendagri 108/2019.
"""

from __future__ import annotations

from collections.abc import Collection
from pathlib import Path
from typing import Any

from sintren.core.seed import Key, SeedError, seed_files, seed_load, seed_unique

Data = dict[str, Any]

SEED_DIR = Path(__file__).resolve().parent / "seed"

ISIAN = {
    "jenis": Key(str, choices=("garis", "kotak", "pilih")),
    "label": Key(str),
    "jumlah": Key(int, default=0),
    "pilihan": Key(list, default=[]),
}
FORMULIR_SCHEMA = {
    "kode": Key(str),
    "judul": Key(str),
    "keterangan": Key(str),
    "layanan": Key(list),
    "urutan": Key(int),
    "ttd": Key(list, default=["Pemohon"]),
    "meterai": Key(bool, default=False),
    "pernyataan": Key(str, default=""),
    "bagian": Key({"judul": Key(str), "isian": Key(ISIAN)}),
}


def _isian(path: Path, where: str, isian: Data) -> tuple[Any, ...]:
    jenis, label = isian["jenis"], isian["label"]
    if jenis == "kotak":
        if isian["jumlah"] < 1:
            raise SeedError(path, f"{where}.jumlah", "isian kotak perlu jumlah kotak, contoh 16")
        return (jenis, label, isian["jumlah"])
    if jenis == "pilih":
        if not isian["pilihan"]:
            raise SeedError(path, f"{where}.pilihan", "isian pilih perlu daftar pilihan")
        return (jenis, label, tuple(isian["pilihan"]))
    return (jenis, label)


def formulir_data(directory: Path = SEED_DIR, layanan: Collection[str] = ()) -> list[Data]:
    """Every form of ``<directory>/formulir/*.toml``, ordered by ``urutan``.

    With ``layanan`` (the known service codes) a form naming another code is an error.
    ``berkas`` is the file a form came from.
    """
    loaded = [
        (path, seed_load(path, schema=FORMULIR_SCHEMA)[0])
        for path in seed_files(directory, "formulir/*.toml")
    ]
    seed_unique((path, "kode", data["kode"]) for path, data in loaded)
    for path, data in loaded:
        for kode in data["layanan"]:
            if layanan and kode not in layanan:
                raise SeedError(path, "layanan", f"kode layanan {kode!r} tidak dikenal")
        data["bagian"] = [
            (
                bagian["judul"],
                [
                    _isian(path, f"bagian[{b}].isian[{i}]", isian)
                    for i, isian in enumerate(bagian["isian"], start=1)
                ],
            )
            for b, bagian in enumerate(data["bagian"], start=1)
        ]
        data["berkas"] = path
    return sorted((data for _, data in loaded), key=lambda data: data["urutan"])


def __getattr__(name: str) -> Any:
    # ``FORMULIR``: the forms, read from their files on each access.
    if name == "FORMULIR":
        return formulir_data()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
