"""Load the seed catalogue (``seed.py``, ``seed_formulir.py``) into the database, idempotently.

Rows are matched by their natural key (slug, kode, name within a service, date) and only
written when a value differs, so a second run changes nothing. Generated files (example
images, blank forms) are only written when the row has none yet or its file is missing,
so a file staff uploaded in the admin is never replaced (``perbarui_berkas`` forces it).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.db.models.fields.files import FieldFile
from django.utils.text import slugify

from sintren.catalog import seed, seed_formulir
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

M = TypeVar("M", bound=models.Model)


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


def _time(value: str) -> dt.time:
    return dt.time.fromisoformat(value)


def _load_kategori(report: SeedReport) -> dict[str, KategoriLayanan]:
    return {
        data["slug"]: seed_upsert(
            KategoriLayanan,
            lookup={"slug": data["slug"]},
            values={k: v for k, v in data.items() if k != "slug"},
            report=report,
        )
        for data in seed.KATEGORI
    }


def _layanan_values(data: dict[str, Any], kategori: KategoriLayanan) -> dict[str, Any]:
    return {
        "nama": data["nama"],
        "slug": data["slug"],
        "kategori": kategori,
        "ikon": data["ikon"],
        "ringkasan": data["ringkasan"],
        "persyaratan": "\n".join(data["persyaratan"]),
        "proses": "\n".join(data["proses"]),
        "akses": data.get("akses", Layanan.Akses.UMUM),
        "subjek_perlu_nik": data.get("subjek_perlu_nik", True),
        "kuota_harian": data["kuota_harian"],
        "aktif": True,
        "urutan": data["urutan"],
    }


def _load_children(layanan: Layanan, data: dict[str, Any], *, report: SeedReport) -> None:
    for urutan, field in enumerate(data["field"], start=1):
        seed_upsert(
            FieldTambahan,
            lookup={"layanan": layanan, "nama": field["nama"]},
            values={**{k: v for k, v in field.items() if k != "nama"}, "urutan": urutan},
            report=report,
        )
    for urutan, option in enumerate(data["pilihan_dokumen"], start=1):
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
    layanan: Layanan, jadwal: list[tuple[int, str, str]], *, report: SeedReport
) -> None:
    """Make the service's weekly windows exactly the seed's (only when they differ)."""
    wanted = {(hari, _time(mulai), _time(selesai)) for hari, mulai, selesai in jadwal}
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
    for data in seed.LAYANAN:
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
    for data in seed_formulir.FORMULIR:
        name = f"formulir/{slugify(data['kode'].replace('.', '-'))}.pdf"
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
    for data in seed.HARI_TUTUP:
        seed_upsert(
            HariTutup,
            lookup={"tanggal": dt.date.fromisoformat(data["tanggal"])},
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
    return report
