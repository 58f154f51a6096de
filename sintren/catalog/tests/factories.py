"""factory_boy factories of the catalogue, shared by every app's tests."""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from factory.django import DjangoModelFactory

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

# A minimal, valid one-page PDF (what ``formulir_pdf`` makes is bigger but alike).
PDF_KECIL = (
    b"%PDF-1.4\n1 0 obj<</Type /Catalog /Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type /Pages /Kids [3 0 R] /Count 1>>endobj\n"
    b"3 0 obj<</Type /Page /Parent 2 0 R /MediaBox [0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


class KategoriLayananFactory(DjangoModelFactory[KategoriLayanan]):
    class Meta:
        model = KategoriLayanan
        django_get_or_create = ("slug",)

    nama = factory.Sequence(lambda n: f"Kategori {n}")
    slug = factory.Sequence(lambda n: f"kategori-{n}")
    urutan = factory.Sequence(int)


class LayananFactory(DjangoModelFactory[Layanan]):
    """A general, active service. Traits: ``grup``, ``nonaktif``, ``tanpa_nik``.

    ``buka_setiap_hari=True`` adds a 00:00-23:59 window on all seven days.
    """

    class Meta:
        model = Layanan
        django_get_or_create = ("kode",)
        skip_postgeneration_save = True

    nama = factory.Sequence(lambda n: f"Layanan {n}")
    kode = factory.Sequence(lambda n: "L" + "".join(chr(65 + int(d)) for d in f"{n:03d}"))
    slug = factory.Sequence(lambda n: f"layanan-{n}")
    kategori = factory.SubFactory(KategoriLayananFactory)
    ringkasan = "Ringkasan layanan."
    persyaratan = "Kartu Keluarga (KK)\nKTP-el"
    proses = "Isi permohonan\nUnggah data dukung\nKirim"
    urutan = factory.Sequence(int)

    class Params:
        grup = factory.Trait(akses=Layanan.Akses.GRUP)
        nonaktif = factory.Trait(aktif=False)
        tanpa_nik = factory.Trait(subjek_perlu_nik=False)

    @factory.post_generation
    def buka_setiap_hari(obj: Layanan, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted:
            for hari in range(7):
                JadwalLayanan.objects.create(
                    layanan=obj, hari=hari, jam_mulai=dt.time(0, 0), jam_selesai=dt.time(23, 59)
                )


class FieldTambahanFactory(DjangoModelFactory[FieldTambahan]):
    class Meta:
        model = FieldTambahan

    layanan = factory.SubFactory(LayananFactory)
    nama = factory.Sequence(lambda n: f"field_{n}")
    label = factory.Sequence(lambda n: f"Field {n}")
    tipe = FieldTambahan.Tipe.TEKS


class DokumenPersyaratanFactory(DjangoModelFactory[DokumenPersyaratan]):
    """A mandatory document; ``dengan_contoh=True`` attaches a small PNG example."""

    class Meta:
        model = DokumenPersyaratan

    layanan = factory.SubFactory(LayananFactory)
    nama = factory.Sequence(lambda n: f"Dokumen {n}")
    wajib = True

    class Params:
        dengan_contoh = factory.Trait(
            contoh=factory.django.ImageField(filename="contoh.png", format="PNG", width=40)
        )


class PilihanDokumenJadiFactory(DjangoModelFactory[PilihanDokumenJadi]):
    class Meta:
        model = PilihanDokumenJadi

    layanan = factory.SubFactory(LayananFactory)
    nama = factory.Sequence(lambda n: f"Pilihan {n}")


class JadwalLayananFactory(DjangoModelFactory[JadwalLayanan]):
    """Monday 07.30-16.00 unless told otherwise."""

    class Meta:
        model = JadwalLayanan

    layanan = factory.SubFactory(LayananFactory)
    hari = JadwalLayanan.Hari.SENIN
    jam_mulai = dt.time(7, 30)
    jam_selesai = dt.time(16, 0)


class HariTutupFactory(DjangoModelFactory[HariTutup]):
    class Meta:
        model = HariTutup
        django_get_or_create = ("tanggal",)

    tanggal = factory.Sequence(lambda n: dt.date(2030, 1, 1) + dt.timedelta(days=n))
    keterangan = "Kantor tutup"


class FormulirFactory(DjangoModelFactory[Formulir]):
    """A blank form with a small real PDF; pass ``layanan=[...]`` to link services."""

    class Meta:
        model = Formulir
        django_get_or_create = ("kode",)
        skip_postgeneration_save = True

    kode = factory.Sequence(lambda n: f"F-9.{n:02d}")
    judul = factory.Sequence(lambda n: f"Formulir {n}")
    berkas = factory.django.FileField(filename="formulir.pdf", data=PDF_KECIL)

    @factory.post_generation
    def layanan(obj: Formulir, create: bool, extracted: Any, **kwargs: Any) -> None:  # noqa: N805
        if create and extracted:
            obj.layanan.set(extracted)
