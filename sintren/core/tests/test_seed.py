"""The seed-file loader: hand-edited TOML read with errors that name the file and key."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError

from sintren.core.seed import Key, SeedError, seed_files, seed_load, seed_source, seed_unique

SCHEMA = {
    "kode": Key(str),
    "jenis": Key(str, default="umum", choices=("umum", "grup")),
    "kuota": Key(int, default=0),
    "aktif": Key(bool, default=True),
    "tanggal": Key(dt.date, default=None),
    "persyaratan": Key(list, default=[]),
    "dokumen": Key({"nama": Key(str), "wajib": Key(bool, default=True)}, default=[]),
}


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_single_item_file_is_read_with_defaults(tmp_path: Path) -> None:
    path = write(
        tmp_path / "akl.toml",
        'kode = "AKL"\ntanggal = 2026-12-24\npersyaratan = ["KK", "KTP-el"]\n\n'
        '[[dokumen]]\nnama = "KK"\n\n[[dokumen]]\nnama = "Surat kuasa"\nwajib = false\n',
    )
    assert seed_load(path, schema=SCHEMA) == [
        {
            "kode": "AKL",
            "jenis": "umum",
            "kuota": 0,
            "aktif": True,
            "tanggal": dt.date(2026, 12, 24),
            "persyaratan": ["KK", "KTP-el"],
            "dokumen": [{"nama": "KK", "wajib": True}, {"nama": "Surat kuasa", "wajib": False}],
        }
    ]


def test_defaults_are_not_shared_between_items(tmp_path: Path) -> None:
    path = write(tmp_path / "x.toml", '[[item]]\nkode = "A"\n\n[[item]]\nkode = "B"\n')
    first, second = seed_load(path, table="item", schema=SCHEMA)
    first["persyaratan"].append("diubah")
    assert second["persyaratan"] == []
    assert SCHEMA["persyaratan"].default == []


def test_a_table_file_lists_its_items_and_may_be_empty(tmp_path: Path) -> None:
    path = write(tmp_path / "x.toml", '[[item]]\nkode = "A"\n\n[[item]]\nkode = "B"\n')
    assert [item["kode"] for item in seed_load(path, table="item", schema=SCHEMA)] == ["A", "B"]
    assert seed_load(path, table="item") == [{"kode": "A"}, {"kode": "B"}]
    empty = write(tmp_path / "kosong.toml", "# semua hari tutup sudah lewat\n")
    assert seed_load(empty, table="item", schema=SCHEMA) == []


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.toml"
    path.write_bytes(b'\xef\xbb\xbfkode = "AKL"\n')
    assert seed_load(path, schema=SCHEMA)[0]["kode"] == "AKL"


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ('kode = "AKL"\nkuota = 10\nringkasan = "x"\n', "ringkasan", "tidak dikenal"),
        ("kuota = 10\n", "kode", "wajib diisi"),
        ('kode = "AKL"\nkuota = "10"\n', "kuota", "angka bulat"),
        ('kode = "AKL"\nkuota = true\n', "kuota", "angka bulat"),
        ('kode = "AKL"\naktif = "ya"\n', "aktif", "true atau false"),
        ('kode = "AKL"\ntanggal = "2026-12-24"\n', "tanggal", "tanggal"),
        ('kode = "AKL"\njenis = "khusus"\n', "jenis", '"umum", "grup"'),
        ('kode = "AKL"\npersyaratan = "KK"\n', "persyaratan", "daftar teks"),
        ('kode = "AKL"\npersyaratan = ["KK", 2]\n', "persyaratan", "daftar teks"),
        ('kode = "AKL"\ndokumen = "KK"\n', "dokumen", "daftar tabel"),
        (
            'kode = "AKL"\n[[dokumen]]\nnama = "KK"\n[[dokumen]]\nnama = "KTP"\nwajib = "ya"\n',
            "dokumen[2].wajib",
            "true atau false",
        ),
        ('kode = "AKL"\n[[dokumen]]\nwajib = false\n', "dokumen[1].nama", "wajib diisi"),
    ],
)
def test_an_item_off_its_schema_names_the_file_and_the_key(
    tmp_path: Path, text: str, key: str, words: str
) -> None:
    path = write(tmp_path / "layanan" / "akta-kelahiran.toml", text)
    with pytest.raises(SeedError) as error:
        seed_load(path, schema=SCHEMA)
    assert error.value.path == path
    assert error.value.key == key
    assert str(error.value).startswith(f"{path}: {key}: ")
    assert words in str(error.value)


def test_malformed_toml_names_the_file_and_the_line(tmp_path: Path) -> None:
    path = write(tmp_path / "akta-kelahiran.toml", 'kode = "AKL"\nringkasan = "tanpa penutup\n')
    with pytest.raises(SeedError) as error:
        seed_load(path, schema=SCHEMA)
    message = str(error.value)
    assert message.startswith(f"{path}: penulisan TOML salah")
    assert "line 2" in message


def test_a_file_that_is_not_utf8_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes('kode = "Pengumuman Ã"\n'.encode("latin-1"))
    with pytest.raises(SeedError, match="bukan teks UTF-8") as error:
        seed_load(path, schema=SCHEMA)
    assert error.value.path == path


def test_a_table_file_rejects_other_top_level_keys(tmp_path: Path) -> None:
    path = write(tmp_path / "x.toml", 'judul = "lepas"\n[[item]]\nkode = "A"\n')
    with pytest.raises(SeedError) as error:
        seed_load(path, table="item", schema=SCHEMA)
    assert error.value.key == "judul"
    typo = write(tmp_path / "y.toml", '[[itme]]\nkode = "A"\n')
    with pytest.raises(SeedError) as error:
        seed_load(typo, table="item", schema=SCHEMA)
    assert error.value.key == "itme"
    scalar = write(tmp_path / "z.toml", 'item = "A"\n')
    with pytest.raises(SeedError, match="daftar tabel"):
        seed_load(scalar, table="item")


def test_seed_files_lists_by_name_and_skips_hidden_files(tmp_path: Path) -> None:
    for name in ["b.toml", "a.toml", ".#a.toml", "c.txt"]:
        write(tmp_path / "layanan" / name, "")
    assert [p.name for p in seed_files(tmp_path, "layanan/*.toml")] == ["a.toml", "b.toml"]
    with pytest.raises(SeedError, match="tidak ada berkas") as error:
        seed_files(tmp_path, "formulir/*.toml")
    assert error.value.key == "formulir/*.toml"


def test_seed_unique_names_both_places(tmp_path: Path) -> None:
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    seed_unique([(a, "kode", "AKL"), (b, "kode", "AKM")])
    with pytest.raises(SeedError) as error:
        seed_unique([(a, "kode", "AKL"), (b, "kode", "AKL")])
    assert error.value.path == b
    assert f"sudah dipakai di {a}: kode" in str(error.value)
    with pytest.raises(SeedError, match=r"sudah dipakai di item\[1\]\.kode$"):
        seed_unique([(a, "item[1].kode", "X"), (a, "item[2].kode", "X")])


def test_seed_source_turns_a_model_error_into_a_file_error(tmp_path: Path) -> None:
    path = tmp_path / "akl.toml"
    with pytest.raises(SeedError) as error, seed_source(path, "field[2]"):
        raise ValidationError({"nama": ["Masukkan slug yang valid."]})
    assert str(error.value) == f"{path}: field[2].nama: Masukkan slug yang valid."
    with pytest.raises(SeedError) as error, seed_source(path):
        raise ValidationError("Salah.")
    assert str(error.value) == f"{path}: Salah."


def test_a_seed_error_is_a_command_error() -> None:
    # manage.py prints a CommandError's message alone, without a traceback.
    assert issubclass(SeedError, CommandError)
