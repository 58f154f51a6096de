"""The seed catalogue: complete, realistic and idempotent (REQ-1, PUB-3)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import models
from django.db.models.fields.files import FieldFile
from PIL import Image

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
from sintren.catalog.seeding import katalog_load

pytestmark = pytest.mark.django_db

MODELS: list[type[models.Model]] = [
    KategoriLayanan,
    Layanan,
    FieldTambahan,
    DokumenPersyaratan,
    PilihanDokumenJadi,
    JadwalLayanan,
    HariTutup,
    Formulir,
    Formulir.layanan.through,
]
KODE_WAJIB = {"AKL", "AKM", "KKB", "KKP", "KKH", "KTP", "KIA", "SKP", "PDT", "APK", "ACR", "BIO"}


def pdf_page_count(data: bytes) -> int:
    """Count page objects (``/Type /Page``, not ``/Pages``) of an uncompressed PDF."""
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", data))


def stored(root: Path, field: FieldFile) -> Path:
    return root / str(field.name)


def counts() -> dict[str, int]:
    return {model._meta.label: model._default_manager.count() for model in MODELS}


def stored_files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_seed_has_every_required_service_with_requirements_and_documents() -> None:
    katalog_load()
    layanan = list(Layanan.objects.prefetch_related("dokumen", "jadwal", "pilihan_dokumen"))
    assert len(layanan) >= 12
    assert {item.kode for item in layanan} >= KODE_WAJIB
    for item in layanan:
        assert len(item.persyaratan_list) >= 2, item.kode
        assert len(item.proses_list) >= 3, item.kode
        assert any(doc.wajib for doc in item.dokumen.all()), item.kode
        assert item.jadwal.exists(), item.kode
        assert item.pilihan_dokumen.exists(), item.kode
        assert item.ikon, item.kode


def test_seed_has_group_only_services_and_a_newborn_service_without_nik() -> None:
    katalog_load()
    grup = Layanan.objects.filter(akses=Layanan.Akses.GRUP)
    assert grup.exists()
    assert not grup.filter(kategori__slug__in=["pencatatan-sipil", "pendaftaran-penduduk"])
    assert Layanan.objects.get(kode="AKL").subjek_perlu_nik is False
    assert Layanan.objects.get(kode="KTP").subjek_perlu_nik is True


def test_akta_kelahiran_has_typed_extra_fields() -> None:
    katalog_load()
    fields = {f.nama: f for f in FieldTambahan.objects.filter(layanan__kode="AKL")}
    assert fields["tanggal_lahir"].tipe == FieldTambahan.Tipe.TANGGAL
    assert fields["berat_bayi"].tipe == FieldTambahan.Tipe.ANGKA
    assert fields["jenis_kelamin"].pilihan_list == ["Laki-laki", "Perempuan"]
    assert {FieldTambahan.Tipe.YA_TIDAK} <= set(
        FieldTambahan.objects.values_list("tipe", flat=True)
    )


def test_schedules_differ_where_the_office_says_so() -> None:
    katalog_load()
    kematian = Layanan.objects.get(kode="AKM")
    assert kematian.jadwal.filter(hari=JadwalLayanan.Hari.SABTU).exists()
    jumat = Layanan.objects.get(kode="KKB").jadwal.get(hari=JadwalLayanan.Hari.JUMAT)
    assert (f"{jumat.jam_mulai:%H.%M}", f"{jumat.jam_selesai:%H.%M}") == ("07.30", "11.00")
    assert not Layanan.objects.get(kode="KKB").jadwal.filter(hari=JadwalLayanan.Hari.MINGGU)
    assert HariTutup.objects.count() >= 2


def test_every_document_has_a_small_example_image(media_root: Path) -> None:
    katalog_load()
    for doc in DokumenPersyaratan.objects.all():
        assert str(doc.contoh.name).startswith("contoh/"), doc
        data = (stored(media_root, doc.contoh)).read_bytes()
        assert len(data) <= 15 * 1024
        with Image.open(io.BytesIO(data)) as image:
            assert image.format == "PNG"
            assert image.size[0] >= 200


def test_forms_are_real_pdfs_linked_to_services(media_root: Path) -> None:
    katalog_load()
    formulir = list(Formulir.objects.prefetch_related("layanan"))
    assert len(formulir) >= 6
    assert {"F-1.01", "F-1.03", "F-2.01", "F-2.03", "F-2.04", "SURAT-KUASA"} <= {
        f.kode for f in formulir
    }
    for item in formulir:
        data = (stored(media_root, item.berkas)).read_bytes()
        assert str(item.berkas.name).startswith("formulir/")
        assert data.startswith(b"%PDF-")
        assert data.rstrip().endswith(b"%%EOF")
        assert pdf_page_count(data) >= 1
        assert item.layanan.exists(), item.kode
    akl = Layanan.objects.get(kode="AKL")
    assert akl.formulir.filter(kode="F-2.01").exists()


def test_second_load_changes_nothing(media_root: Path) -> None:
    first = katalog_load()
    before, files_before = counts(), stored_files(media_root)
    names = dict(Formulir.objects.values_list("kode", "berkas"))
    second = katalog_load()
    assert first.berubah
    assert not second.berubah, str(second)
    assert counts() == before
    assert stored_files(media_root) == files_before
    assert dict(Formulir.objects.values_list("kode", "berkas")) == names


def test_load_restores_drifted_values_without_duplicates() -> None:
    katalog_load()
    before = counts()
    Layanan.objects.filter(kode="AKL").update(nama="Salah", kuota_harian=1)
    Layanan.objects.get(kode="KIA").jadwal.all().delete()
    report = katalog_load()
    assert report.diubah == 2
    assert report.dibuat == 0
    assert Layanan.objects.get(kode="AKL").nama == "Akta Kelahiran"
    assert counts() == before


def test_load_keeps_an_example_image_staff_uploaded(media_root: Path) -> None:
    katalog_load()
    doc = DokumenPersyaratan.objects.filter(layanan__kode="AKL").first()
    assert doc is not None
    (media_root / "contoh" / "foto-asli.jpg").write_bytes(b"\xff\xd8\xff\xe0staff")
    doc.contoh.name = "contoh/foto-asli.jpg"
    doc.save()
    assert not katalog_load().berubah
    doc.refresh_from_db()
    assert doc.contoh.name == "contoh/foto-asli.jpg"


def test_missing_file_is_written_again(media_root: Path) -> None:
    katalog_load()
    formulir = Formulir.objects.get(kode="F-1.01")
    (stored(media_root, formulir.berkas)).unlink()
    report = katalog_load()
    assert report.berkas == 1
    assert (stored(media_root, formulir.berkas)).read_bytes().startswith(b"%PDF")


def test_command_reports_and_stays_quiet_when_asked() -> None:
    out = io.StringIO()
    call_command("load_katalog", stdout=out)
    assert "Katalog layanan dimuat" in out.getvalue()
    quiet = io.StringIO()
    call_command("load_katalog", verbosity=0, stdout=quiet)
    assert quiet.getvalue() == ""
    assert Layanan.objects.filter(kode="AKL").count() == 1
