"""The catalogue's data files: an office edits or adds a service without touching Python."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from sintren.catalog import seeding
from sintren.catalog.models import FieldTambahan, Formulir, KategoriLayanan, Layanan
from sintren.catalog.seed_formulir import formulir_data
from sintren.catalog.tests.test_seeding import counts
from sintren.core.seed import SeedError

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of the shipped data files, which the loader reads instead."""
    copy = tmp_path / "seed"
    shutil.copytree(seeding.SEED_DIR, copy)
    monkeypatch.setattr(seeding, "SEED_DIR", copy)
    return copy


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact passage, as an office would in a text editor."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def load() -> None:
    call_command("load_katalog", stdout=io.StringIO())


def test_every_shipped_service_file_becomes_one_service() -> None:
    files = sorted(seeding.SEED_DIR.glob("layanan/*.toml"))
    load()
    assert len(files) == Layanan.objects.count() >= 12
    assert {f.stem for f in files} == set(Layanan.objects.values_list("slug", flat=True))
    forms = list(seeding.SEED_DIR.glob("formulir/*.toml"))
    assert len(forms) == Formulir.objects.count() == len(formulir_data())


def test_an_office_edit_shows_on_the_public_page_after_load_katalog(
    seed_dir: Path, client: Client
) -> None:
    akl = seed_dir / "layanan" / "akta-kelahiran.toml"
    edit(
        akl,
        '"KTP-el kedua orang tua.",',
        '"KTP-el kedua orang tua (boleh fotokopi dilegalisir).",',
    )
    edit(akl, 'label = "Nama bayi"', 'label = "Nama lengkap bayi"')
    load()
    layanan = Layanan.objects.get(kode="AKL")
    assert "KTP-el kedua orang tua (boleh fotokopi dilegalisir)." in layanan.persyaratan_list
    assert FieldTambahan.objects.get(layanan=layanan, nama="nama_bayi").label == (
        "Nama lengkap bayi"
    )
    page = client.get(reverse("public:persyaratan_layanan", args=[layanan.slug]))
    assert page.status_code == 200
    assert "KTP-el kedua orang tua (boleh fotokopi dilegalisir)." in page.content.decode()


def test_a_service_added_by_dropping_a_file_is_loaded(seed_dir: Path) -> None:
    new = seed_dir / "layanan" / "legalisir-dokumen.toml"
    new.write_text(
        """\
kode = "LGS"
slug = "legalisir-dokumen"
nama = "Legalisir Dokumen Kependudukan"
kategori = "pencatatan-sipil"
ikon = "dokumen"
ringkasan = "Legalisir fotokopi akta dan KK yang diterbitkan Dinas."
kuota_harian = 40
urutan = 13
persyaratan = ["Fotokopi dokumen yang akan dilegalisir.", "Dokumen asli."]
proses = ["Unggah dokumen.", "Petugas memeriksa.", "Dokumen dikirim."]
jadwal = [{ hari = "Senin", mulai = "08.00", selesai = "12:00" }]

[[dokumen]]
nama = "Dokumen asli"

[[field]]
nama = "jumlah_lembar"
label = "Jumlah lembar"
tipe = "angka"

[[pilihan_dokumen]]
nama = "Ambil di kantor Dinas"
""",
        encoding="utf-8",
    )
    load()
    layanan = Layanan.objects.get(kode="LGS")
    assert layanan.nama == "Legalisir Dokumen Kependudukan"
    assert layanan.kategori.slug == "pencatatan-sipil"
    assert layanan.akses == Layanan.Akses.UMUM
    assert layanan.subjek_perlu_nik is True
    assert layanan.proses_list == ["Unggah dokumen.", "Petugas memeriksa.", "Dokumen dikirim."]
    assert layanan.dokumen.get().wajib is True
    field = layanan.field_tambahan.get()
    assert (field.tipe, field.wajib, field.urutan) == (FieldTambahan.Tipe.ANGKA, True, 1)
    jadwal = layanan.jadwal.get()
    assert (jadwal.hari, f"{jadwal.jam_mulai:%H:%M}") == (0, "08:00")
    assert layanan.pilihan_dokumen.get().kirim_email is False
    before = counts()
    load()
    assert counts() == before


def test_editing_a_form_file_changes_its_row_and_fresh_pdf(
    seed_dir: Path, media_root: Path
) -> None:
    edit(
        seed_dir / "formulir" / "f-1-06.toml",
        'label = "Menjadi"',
        'label = "Data menjadi"',
    )
    edit(seed_dir / "formulir" / "f-1-06.toml", 'layanan = ["BIO", "KKP"]', 'layanan = ["BIO"]')
    load()
    formulir = Formulir.objects.get(kode="F-1.06")
    assert list(formulir.layanan.values_list("kode", flat=True)) == ["BIO"]
    assert b"Data menjadi" in (media_root / str(formulir.berkas.name)).read_bytes()


AKM = "layanan/akta-kematian.toml"
F201 = "formulir/f-2-01.toml"
# (file, passage, replaced by, key named in the error, words in the error)
BAD_EDITS = [
    (AKM, "wajib = false", 'wajib = "tidak"', "dokumen[6].wajib", "true atau false"),
    (AKM, "ringkasan =", "ringkasn =", "ringkasn", "tidak dikenal"),
    (AKM, '"pencatatan-sipil"', '"catatan-sipil"', "kategori", "kategori.toml"),
    (AKM, 'hari = "Sabtu"', 'hari = "Sabtu pagi"', "jadwal[6].hari", '"Sabtu"'),
    (AKM, '"12:00"', '"12:00 WIB"', "jadwal[6].selesai", "bukan jam"),
    (AKM, '"12:00"', '"24:00"', "jadwal[6].selesai", "bukan jam"),
    (AKM, '"12:00"', '"07:00"', "jadwal[6].selesai", "lebih akhir"),
    (AKM, 'kode = "AKM"', 'kode = "AKL"', "kode", "akta-kelahiran.toml"),
    (AKM, 'kode = "AKM"', 'kode = "akm"', "kode", "huruf kapital"),
    (AKM, '"tempat_kematian"', '"tempat kematian"', "field[2].nama", "slug"),
    (AKM, 'tipe = "tanggal"', 'tipe = "tgl"', "field[1].tipe", '"tanggal"'),
    (F201, '"LKF"]', '"LKX"]', "layanan", "LKX"),
    (F201, '"Nomor KK", jumlah = 16', '"Nomor KK"', "bagian[2].isian[3].jumlah", "jumlah kotak"),
    (F201, '"Lainnya"]', '"Lainnya"], jumlah = "2"', "bagian[3].isian[1].jumlah", "angka bulat"),
    ("kategori.toml", "urutan = 2", 'urutan = "dua"', "kategori[2].urutan", "angka bulat"),
    ("hari_tutup.toml", "2026-12-30", "2026-12-24", "hari_tutup[2].tanggal", "sudah dipakai"),
    ("hari_tutup.toml", "2026-12-30", '"30-12-2026"', "hari_tutup[2].tanggal", "tanggal"),
]


@pytest.mark.parametrize("bad", BAD_EDITS, ids=[f"{b[0]}:{b[3]}" for b in BAD_EDITS])
def test_a_bad_edit_stops_the_load_naming_file_and_key(
    seed_dir: Path, bad: tuple[str, str, str, str, str]
) -> None:
    name, old, new, key, words = bad
    edit(seed_dir / name, old, new)
    with pytest.raises(SeedError) as error:
        load()
    assert error.value.path == seed_dir / name
    assert error.value.key == key
    assert words in str(error.value)
    # One transaction: nothing of the half-read catalogue stays.
    assert not KategoriLayanan.objects.exists()


def test_a_bad_edit_is_caught_on_an_existing_database_too(seed_dir: Path) -> None:
    load()
    edit(seed_dir / "layanan" / "akta-kematian.toml", 'kode = "AKM"', 'kode = "AKM"\nx = 1')
    with pytest.raises(SeedError, match=r"akta-kematian\.toml: x: kunci tidak dikenal"):
        load()
    long_name = "Akta Kematian " + "sangat panjang " * 10
    edit(seed_dir / "layanan" / "akta-kematian.toml", "\nx = 1", "")
    edit(
        seed_dir / "layanan" / "akta-kematian.toml",
        'nama = "Akta Kematian"',
        f'nama = "{long_name}"',
    )
    with pytest.raises(SeedError, match=r"akta-kematian\.toml: nama: ") as error:
        load()
    assert "150" in str(error.value)
    assert Layanan.objects.get(kode="AKM").nama == "Akta Kematian"
