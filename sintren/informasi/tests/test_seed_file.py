"""The information items' data file: an office edits the texts without touching Python."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from sintren.core.seed import SeedError
from sintren.informasi import seeding
from sintren.informasi.models import Informasi

pytestmark = pytest.mark.django_db


@pytest.fixture
def seed_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private copy of ``seed/informasi.toml``, which the loader reads instead."""
    copy = tmp_path / "informasi.toml"
    shutil.copyfile(seeding.SEED_FILE, copy)
    monkeypatch.setattr(seeding, "SEED_FILE", copy)
    return copy


def test_an_edited_and_an_added_item_show_after_load_informasi(seed_file: Path) -> None:
    text = seed_file.read_text(encoding="utf-8")
    text = text.replace("Jumat pukul 07.30-11.00 WIB", "Jumat pukul 07.30-11.30 WIB")
    text += (
        '\n[[informasi]]\njudul = "Layanan Keliling di Kecamatan"\njenis = "umum"\n'
        'ringkasan = "Mobil layanan keliling hadir setiap Sabtu."\nisi = """\n'
        "Perekaman KTP-el dan pencetakan KIA dilayani di kantor kecamatan.\n"
        'Jadwal tiap kecamatan diumumkan di halaman ini."""\n'
    )
    seed_file.write_text(text, encoding="utf-8")
    call_command("load_informasi", stdout=io.StringIO())
    jam = Informasi.objects.get(judul="Jam Pelayanan Dinas Dukcapil")
    assert "Jumat pukul 07.30-11.30 WIB\nSabtu" in jam.isi
    baru = Informasi.objects.get(judul="Layanan Keliling di Kecamatan")
    assert baru.isi.splitlines() == [
        "Perekaman KTP-el dan pencetakan KIA dilayani di kantor kecamatan.",
        "Jadwal tiap kecamatan diumumkan di halaman ini.",
    ]
    assert baru.aktif


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ('jenis = "rahasia"', 'jenis = "pribadi"', "informasi[5].jenis"),
        ("hari_lalu = 3\n", 'hari_lalu = "3"\n', "informasi[4].hari_lalu"),
        ('judul = "Libur Nasional', 'judl = "Libur Nasional', "informasi[4].judl"),
        ('judul = "Libur Nasional', 'judul = "' + "Libur " * 40, "informasi[4].judul"),
    ],
)
def test_a_bad_edit_names_the_file_and_key(seed_file: Path, old: str, new: str, key: str) -> None:
    text = seed_file.read_text(encoding="utf-8")
    assert text.count(old) == 1
    seed_file.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(SeedError) as error:
        call_command("load_informasi", stdout=io.StringIO())
    assert error.value.path == seed_file
    assert error.value.key == key
    assert not Informasi.objects.exists()
