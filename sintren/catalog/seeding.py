"""Load the seed catalogue (the TOML files under ``seed/``) into the database, idempotently.

The files: ``seed/kategori.toml``, ``seed/layanan/*.toml`` (one service each),
``seed/formulir/*.toml`` (read by ``seed_formulir``) and ``seed/hari_tutup.toml``. Their
keys and defaults are the schemas below; ``docs/public-site.md`` explains them to an
office.

Rows are matched by their natural key (slug, kode, name within a service, date) and only
written when a value differs, so a second run changes nothing. Generated files (example
images, blank forms) are only written when the row has none yet or its file is missing,
so a file staff uploaded in the admin is never replaced (``perbarui_berkas`` forces it).
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.text import slugify

from sintren.catalog import seed_formulir
from sintren.catalog.contoh_gambar import contoh_png
from sintren.catalog.formulir_pdf import formulir_pdf
from sintren.catalog.models import (
    DokumenPersyaratan,
    FieldTambahan,
    Formulir,
    HariTutup,
    JadwalLayanan,
    KategoriLayanan,
    Layanan,
    PilihanDokumenJadi,
)
from sintren.core.konten import konten_berubah
from sintren.core.seed import Key, SeedError, seed_files, seed_load, seed_source, seed_unique

M = TypeVar("M", bound=models.Model)
Data = dict[str, Any]

SEED_DIR = Path(__file__).resolve().parent / "seed"

KATEGORI_SCHEMA = {
    "slug": Key(str),
    "nama": Key(str),
    "keterangan": Key(str, default=""),
    "urutan": Key(int),
}
HARI_TUTUP_SCHEMA = {"tanggal": Key(dt.date), "keterangan": Key(str)}
LAYANAN_SCHEMA = {
    "kode": Key(str),
    "slug": Key(str),
    "nama": Key(str),
    "kategori": Key(str),
    "ikon": Key(str),
    "akses": Key(str, default=Layanan.Akses.UMUM.value, choices=Layanan.Akses.values),
    "ringkasan": Key(str),
    "subjek_perlu_nik": Key(bool, default=True),
    "kuota_harian": Key(int),
    "target_hari_kerja": Key(int, default=3),
    "urutan": Key(int),
    "persyaratan": Key(list),
    "proses": Key(list),
    "jadwal": Key(
        {
            "hari": Key(str, choices=JadwalLayanan.Hari.labels),
            "mulai": Key(str),
            "selesai": Key(str),
        }
    ),
    "dokumen": Key(
        {
            "nama": Key(str),
            "keterangan": Key(str, default=""),
            "wajib": Key(bool, default=True),
        }
    ),
    "field": Key(
        {
            "nama": Key(str),
            "label": Key(str),
            "tipe": Key(
                str, default=FieldTambahan.Tipe.TEKS.value, choices=FieldTambahan.Tipe.values
            ),
            "wajib": Key(bool, default=True),
            "bantuan": Key(str, default=""),
            "pilihan": Key(list, default=[]),
        },
        default=[],
    ),
    "pilihan_dokumen": Key(
        {
            "nama": Key(str),
            "keterangan": Key(str, default=""),
            "kirim_email": Key(bool, default=False),
        }
    ),
}
_HARI = {label: value for value, label in JadwalLayanan.Hari.choices}
_JAM = re.compile(r"(\d{1,2})[:.](\d{2})")


@dataclass
class SeedReport:
    """What a seed run did: rows created, rows updated, files written."""

    dibuat: int = 0
    diubah: int = 0
    berkas: int = 0

    @property
    def berubah(self) -> bool:
        """Whether the run changed anything at all."""
        return bool(self.dibuat or self.diubah or self.berkas)

    def __str__(self) -> str:
        return f"{self.dibuat} dibuat, {self.diubah} diubah, {self.berkas} berkas ditulis"


def seed_upsert(
    model: type[M],
    *,
    lookup: dict[str, Any],
    values: dict[str, Any],
    report: SeedReport,
    create_only: dict[str, Any] | None = None,
) -> M:
    """Create the row matching ``lookup`` or update the fields of ``values`` that differ.

    ``create_only`` values (e.g. a publication time) are set on creation and never changed.
    The values written are validated by the model (``ValidationError``), on update too.
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values, **(create_only or {}))
        obj.full_clean(validate_unique=False, validate_constraints=False)
        obj.save()
        report.dibuat += 1
        return obj
    changed = [name for name, value in values.items() if getattr(obj, name) != value]
    if changed:
        for name in changed:
            setattr(obj, name, values[name])
        obj.clean_fields(exclude=[f.name for f in model._meta.fields if f.name not in changed])
        obj.save(update_fields=changed)
        report.diubah += 1
    return obj


def _write_file(
    field: FieldFile,
    *,
    name: str,
    content: Callable[[], bytes],
    report: SeedReport,
    force: bool,
) -> None:
    """Attach ``content()`` under ``name`` unless the row already has its file."""
    if field and not force and default_storage.exists(str(field.name)):
        return
    if default_storage.exists(name):
        # A leftover of an earlier database: replace it so the name stays predictable.
        default_storage.delete(name)
    field.save(name.rsplit("/", 1)[-1], ContentFile(content()), save=False)
    field.instance.save(update_fields=[field.field.name])
    report.berkas += 1


def kategori_data() -> list[Data]:
    """The categories of ``seed/kategori.toml``."""
    path = SEED_DIR / "kategori.toml"
    items = seed_load(path, table="kategori", schema=KATEGORI_SCHEMA)
    seed_unique((path, f"kategori[{n}].slug", d["slug"]) for n, d in enumerate(items, start=1))
    return items


def hari_tutup_data() -> list[Data]:
    """The office closure days of ``seed/hari_tutup.toml``."""
    path = SEED_DIR / "hari_tutup.toml"
    items = seed_load(path, table="hari_tutup", schema=HARI_TUTUP_SCHEMA)
    seed_unique(
        (path, f"hari_tutup[{n}].tanggal", d["tanggal"]) for n, d in enumerate(items, start=1)
    )
    return items


def _time(path: Path, key: str, value: str) -> dt.time:
    # "07:30", or "07.30" as Indonesian writes it (which fromisoformat reads as 07:00:00.3).
    match = _JAM.fullmatch(value)
    try:
        if match is None:
            raise ValueError(value)
        return dt.time(int(match[1]), int(match[2]))
    except ValueError:
        raise SeedError(path, key, f'{value!r} bukan jam; tulis seperti "07:30"') from None


def _jadwal(path: Path, number: int, row: Data) -> tuple[int, dt.time, dt.time]:
    where = f"jadwal[{number}]"
    mulai = _time(path, f"{where}.mulai", row["mulai"])
    selesai = _time(path, f"{where}.selesai", row["selesai"])
    if selesai <= mulai:
        raise SeedError(path, f"{where}.selesai", "harus lebih akhir daripada jam mulai")
    return (_HARI[row["hari"]], mulai, selesai)


def layanan_data() -> list[Data]:
    """Every service of ``seed/layanan/*.toml`` (one per file), ordered by ``urutan``.

    Shaped for the database: a field's ``pilihan`` joined by newlines, ``jadwal`` as
    ``(weekday, start, end)`` tuples, and ``berkas`` the file the service came from.
    """
    kategori = {data["slug"] for data in kategori_data()}
    loaded = [
        (path, seed_load(path, schema=LAYANAN_SCHEMA)[0])
        for path in seed_files(SEED_DIR, "layanan/*.toml")
    ]
    seed_unique((path, "kode", data["kode"]) for path, data in loaded)
    seed_unique((path, "slug", data["slug"]) for path, data in loaded)
    for path, data in loaded:
        if data["kategori"] not in kategori:
            known = ", ".join(sorted(kategori))
            raise SeedError(
                path, "kategori", f"{data['kategori']!r} tidak ada di kategori.toml ({known})"
            )
        for table in ("dokumen", "field", "pilihan_dokumen"):
            seed_unique(
                (path, f"{table}[{n}].nama", row["nama"])
                for n, row in enumerate(data[table], start=1)
            )
        if data["target_hari_kerja"] < 1:
            raise SeedError(path, "target_hari_kerja", "harus 1 hari kerja atau lebih")
        data["jadwal"] = [_jadwal(path, n, row) for n, row in enumerate(data["jadwal"], start=1)]
        for field in data["field"]:
            field["pilihan"] = "\n".join(field["pilihan"])
        data["berkas"] = path
    return sorted((data for _, data in loaded), key=lambda data: data["urutan"])


def _load_kategori(report: SeedReport) -> dict[str, KategoriLayanan]:
    result = {}
    for number, data in enumerate(kategori_data(), start=1):
        with seed_source(SEED_DIR / "kategori.toml", f"kategori[{number}]"):
            result[data["slug"]] = seed_upsert(
                KategoriLayanan,
                lookup={"slug": data["slug"]},
                values={k: v for k, v in data.items() if k != "slug"},
                report=report,
            )
    return result


def _layanan_values(data: dict[str, Any], kategori: KategoriLayanan) -> dict[str, Any]:
    return {
        "nama": data["nama"],
        "slug": data["slug"],
        "kategori": kategori,
        "ikon": data["ikon"],
        "ringkasan": data["ringkasan"],
        "persyaratan": "\n".join(data["persyaratan"]),
        "proses": "\n".join(data["proses"]),
        "akses": data["akses"],
        "subjek_perlu_nik": data["subjek_perlu_nik"],
        "kuota_harian": data["kuota_harian"],
        "target_hari_kerja": data["target_hari_kerja"],
        "aktif": True,
        "urutan": data["urutan"],
    }


def _load_children(layanan: Layanan, data: dict[str, Any], *, report: SeedReport) -> None:
    for urutan, field in enumerate(data["field"], start=1):
        with seed_source(data["berkas"], f"field[{urutan}]"):
            seed_upsert(
                FieldTambahan,
                lookup={"layanan": layanan, "nama": field["nama"]},
                values={**{k: v for k, v in field.items() if k != "nama"}, "urutan": urutan},
                report=report,
            )
    for urutan, option in enumerate(data["pilihan_dokumen"], start=1):
        with seed_source(data["berkas"], f"pilihan_dokumen[{urutan}]"):
            seed_upsert(
                PilihanDokumenJadi,
                lookup={"layanan": layanan, "nama": option["nama"]},
                values={**{k: v for k, v in option.items() if k != "nama"}, "urutan": urutan},
                report=report,
            )
    _sync_jadwal(layanan, data["jadwal"], report=report)


def _load_dokumen(
    layanan: Layanan, data: dict[str, Any], *, report: SeedReport, force: bool
) -> None:
    for urutan, doc in enumerate(data["dokumen"], start=1):
        with seed_source(data["berkas"], f"dokumen[{urutan}]"):
            dokumen = seed_upsert(
                DokumenPersyaratan,
                lookup={"layanan": layanan, "nama": doc["nama"]},
                values={
                    "wajib": doc["wajib"],
                    "keterangan": doc["keterangan"],
                    "urutan": urutan,
                },
                report=report,
            )
        name = f"contoh/{layanan.slug}-{slugify(doc['nama'])[:60]}.png"
        _write_file(
            dokumen.contoh,
            name=name,
            content=functools.partial(contoh_png, doc["nama"]),
            report=report,
            force=force,
        )


def _sync_jadwal(
    layanan: Layanan, jadwal: list[tuple[int, dt.time, dt.time]], *, report: SeedReport
) -> None:
    """Make the service's weekly windows exactly the seed's (only when they differ)."""
    wanted = set(jadwal)
    current = set(layanan.jadwal.values_list("hari", "jam_mulai", "jam_selesai"))
    if wanted == current:
        return
    layanan.jadwal.all().delete()
    JadwalLayanan.objects.bulk_create(
        JadwalLayanan(layanan=layanan, hari=h, jam_mulai=m, jam_selesai=s)
        for h, m, s in sorted(wanted)
    )
    report.diubah += 1


def _load_layanan(
    kategori: dict[str, KategoriLayanan], *, report: SeedReport, force: bool
) -> dict[str, Layanan]:
    result = {}
    for data in layanan_data():
        with seed_source(data["berkas"]):
            layanan = seed_upsert(
                Layanan,
                lookup={"kode": data["kode"]},
                values=_layanan_values(data, kategori[data["kategori"]]),
                report=report,
            )
        _load_children(layanan, data, report=report)
        _load_dokumen(layanan, data, report=report, force=force)
        result[layanan.kode] = layanan
    return result


def _load_formulir(layanan: dict[str, Layanan], *, report: SeedReport, force: bool) -> None:
    office = str(settings.SINTREN["OFFICE_NAME"])
    region = str(settings.SINTREN["REGION_NAME"])
    for data in seed_formulir.formulir_data(SEED_DIR, layanan):
        name = f"formulir/{slugify(data['kode'].replace('.', '-'))}.pdf"
        with seed_source(data["berkas"]):
            formulir = seed_upsert(
                Formulir,
                lookup={"kode": data["kode"]},
                values={
                    "judul": data["judul"],
                    "keterangan": data["keterangan"],
                    "urutan": data["urutan"],
                },
                report=report,
                create_only={"berkas": name},
            )
        pdf = functools.partial(formulir_pdf, data, kantor=office, wilayah=region)
        _write_file(formulir.berkas, name=name, content=pdf, report=report, force=force)
        wanted = {layanan[kode].pk for kode in data["layanan"]}
        if set(formulir.layanan.values_list("pk", flat=True)) != wanted:
            formulir.layanan.set(wanted)
            report.diubah += 1


def _load_hari_tutup(report: SeedReport) -> None:
    for number, data in enumerate(hari_tutup_data(), start=1):
        with seed_source(SEED_DIR / "hari_tutup.toml", f"hari_tutup[{number}]"):
            seed_upsert(
                HariTutup,
                lookup={"tanggal": data["tanggal"]},
                values={"keterangan": data["keterangan"]},
                report=report,
            )


@transaction.atomic
def katalog_load(*, perbarui_berkas: bool = False) -> SeedReport:
    """Load the seed catalogue: categories, services with their details, forms, closures."""
    report = SeedReport()
    kategori = _load_kategori(report)
    layanan = _load_layanan(kategori, report=report, force=perbarui_berkas)
    _load_formulir(layanan, report=report, force=perbarui_berkas)
    _load_hari_tutup(report)
    if report.berubah:
        konten_berubah()  # the kept public pages are out of date
    return report
