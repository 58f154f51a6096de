"""The register adapters: the HTTP client against a real stub server, and the demo register."""

from __future__ import annotations

import datetime as dt
import json
import logging

import pytest
from django.contrib.auth.hashers import make_password
from django.core.exceptions import ImproperlyConfigured
from django.test import override_settings

from sintren.accounts.models.pemohon import nama_ibu_normalize
from sintren.kependudukan.choices import FieldCek, HasilField
from sintren.kependudukan.demo import DEMO_WARGA_LAIN, demo_penduduk_load
from sintren.kependudukan.models import PendudukDemo
from sintren.kependudukan.normal import nama_normalize, nama_sama
from sintren.kependudukan.register import (
    DataCek,
    DemoRegister,
    HttpRegister,
    RegisterTidakTersediaError,
    phc_of,
    register_get,
)
from sintren.kependudukan.tests.stub import TOKEN, stub_register

NIK = "3326071708900001"
KK = "3326070101200001"
LAHIR = dt.date(1990, 8, 17)
IBU = "Siti Aminah"
HASH_IBU = make_password(nama_ibu_normalize(IBU))
PENDUDUK = {NIK: {"nama": "Budi Santoso", "kk": KK, "lahir": LAHIR.isoformat(), "ibu": IBU}}
PERSONAL = (NIK, KK, "Budi", "Santoso", "Siti", "Aminah", "1990-08-17")


def _data(**changes: object) -> DataCek:
    values: dict[str, object] = {
        "nik": NIK,
        "nama_lengkap": "BUDI  santoso",
        "nomor_kk": KK,
        "tanggal_lahir": LAHIR,
        "nama_ibu_hash": HASH_IBU,
    }
    values.update(changes)
    return DataCek(**values)  # type: ignore[arg-type]


def _http(url: str, timeout: float = 2.0) -> HttpRegister:
    return HttpRegister(url=url, token=TOKEN, timeout=timeout)


def test_names_compare_without_case_spaces_or_punctuation() -> None:
    assert nama_normalize("  Ny.  SARI-dewi ") == "ny sari dewi"
    assert nama_sama("Ma'ruf Amin", "MARUF amin")
    assert nama_sama("Abdul-Karim", "abdul karim")
    assert not nama_sama("Budi Santoso", "Budi Santosa")
    assert not nama_sama("", "")


def test_the_mother_name_travels_as_a_standard_argon2_string_only() -> None:
    assert HASH_IBU.startswith("argon2$argon2id$")
    assert phc_of(HASH_IBU) == HASH_IBU[len("argon2") :]
    assert phc_of("pbkdf2_sha256$1$x$y") is None
    assert phc_of(None) is None


def test_http_register_all_fields_match() -> None:
    with stub_register(PENDUDUK) as stub:
        hasil = _http(stub.url).cek(_data())
    assert hasil.ditemukan
    assert hasil.semua_cocok
    assert [row.field for row in hasil.baris] == list(FieldCek)
    sent = stub.diterima[0]
    assert stub.headers[0]["Authorization"] == f"Bearer {TOKEN}"
    assert sent["nama_ibu_kandung_hash"].startswith("$argon2id$")
    # The mother's name itself never leaves the portal.
    assert "aminah" not in json.dumps(sent).casefold()


def test_http_register_reports_each_mismatch() -> None:
    with stub_register(PENDUDUK) as stub:
        hasil = _http(stub.url).cek(
            _data(
                nama_lengkap="Budi Santosa",
                tanggal_lahir=dt.date(1990, 8, 18),
                nama_ibu_hash=make_password(nama_ibu_normalize("Siti Maemunah")),
            )
        )
    assert hasil.ditemukan
    assert hasil.hasil(FieldCek.NIK) == HasilField.COCOK
    assert hasil.hasil(FieldCek.NOMOR_KK) == HasilField.COCOK
    assert hasil.hasil(FieldCek.NAMA_LENGKAP) == HasilField.TIDAK_COCOK
    assert hasil.hasil(FieldCek.TANGGAL_LAHIR) == HasilField.TIDAK_COCOK
    assert hasil.hasil(FieldCek.NAMA_IBU_KANDUNG) == HasilField.TIDAK_COCOK
    assert not hasil.semua_cocok


def test_http_register_unknown_nik_is_not_in_the_register() -> None:
    with stub_register(PENDUDUK) as stub:
        hasil = _http(stub.url).cek(_data(nik="3326070101010009"))
    assert not hasil.ditemukan
    assert {row.hasil for row in hasil.baris} == {HasilField.TIDAK_ADA}


def test_fields_the_portal_lacks_are_not_sent_and_not_checked() -> None:
    with stub_register(PENDUDUK) as stub:
        hasil = _http(stub.url).cek(_data(tanggal_lahir=None, nama_ibu_hash=None))
    assert stub.diterima[0]["tanggal_lahir"] is None
    assert stub.diterima[0]["nama_ibu_kandung_hash"] is None
    assert hasil.hasil(FieldCek.TANGGAL_LAHIR) == HasilField.TIDAK_DIPERIKSA
    assert hasil.hasil(FieldCek.NAMA_IBU_KANDUNG) == HasilField.TIDAK_DIPERIKSA
    assert hasil.hasil(FieldCek.NAMA_LENGKAP) == HasilField.COCOK


@pytest.mark.parametrize(
    ("mode", "alasan"),
    [
        ("lambat", "TimeoutError"),
        ("rusak", "JSONDecodeError"),
        ("tanpa_field", "ValueError"),
        ("galat", "HTTP 500"),
    ],
)
def test_http_register_failures_are_one_clear_error_without_personal_data(
    caplog: pytest.LogCaptureFixture, mode: str, alasan: str
) -> None:
    caplog.set_level(logging.DEBUG)
    with stub_register(PENDUDUK) as stub:
        stub.mode = mode
        stub.delay = 1.5
        with pytest.raises(RegisterTidakTersediaError) as caught:
            _http(stub.url, timeout=0.5).cek(_data())
    assert "tidak dapat dihubungi" in caught.value.message
    assert alasan in caplog.text or (alasan == "TimeoutError" and "timeout" in caplog.text)
    for value in PERSONAL:
        assert value not in caplog.text


def test_http_register_unreachable_and_wrong_token_are_the_same_clear_error() -> None:
    with stub_register(PENDUDUK) as stub:
        with pytest.raises(RegisterTidakTersediaError):
            HttpRegister(url=stub.url, token="salah", timeout=1).cek(_data())
        url = stub.url
    with pytest.raises(RegisterTidakTersediaError):
        _http(url, timeout=0.5).cek(_data())  # the server is gone


def test_http_register_needs_an_http_url() -> None:
    with pytest.raises(ImproperlyConfigured):
        HttpRegister(url="file:///etc/passwd", token="", timeout=1)


@pytest.mark.django_db
def test_demo_register_answers_field_by_field() -> None:
    PendudukDemo.objects.create(
        nik=NIK, nama_lengkap="Budi Santoso", nomor_kk=KK, tanggal_lahir=LAHIR,
        nama_ibu_kandung="SITI AMINAH.",
    )  # fmt: skip
    register = DemoRegister()
    assert register.cek(_data()).semua_cocok  # the register's punctuation is no difference
    beda = register.cek(_data(nomor_kk="3326070101209999", nama_ibu_hash=make_password("x")))
    assert beda.hasil(FieldCek.NOMOR_KK) == HasilField.TIDAK_COCOK
    assert beda.hasil(FieldCek.NAMA_IBU_KANDUNG) == HasilField.TIDAK_COCOK
    assert beda.hasil(FieldCek.NAMA_LENGKAP) == HasilField.COCOK
    unknown = register.cek(_data(nik="3326070101010009"))
    assert not unknown.ditemukan
    assert unknown.hasil(FieldCek.NAMA_LENGKAP) == HasilField.TIDAK_ADA


@pytest.mark.django_db
def test_demo_register_load_is_idempotent() -> None:
    first = demo_penduduk_load([])
    assert first == len(DEMO_WARGA_LAIN)
    assert demo_penduduk_load([]) == 0
    assert PendudukDemo.objects.count() == len(DEMO_WARGA_LAIN)


def test_settings_choose_the_register() -> None:
    assert isinstance(register_get(), DemoRegister)
    with override_settings(
        POPULATION_REGISTER="http", POPULATION_REGISTER_URL="https://siak.contoh.go.id/cek"
    ):
        assert isinstance(register_get(), HttpRegister)
    with override_settings(POPULATION_REGISTER="lain"), pytest.raises(ImproperlyConfigured):
        register_get()


@pytest.mark.django_db
def test_the_demo_loader_fills_the_register_with_the_demo_citizens_once() -> None:
    from sintren.accounts.demo_grup import DEMO_ANGGOTA
    from sintren.accounts.demo_pemohon import DEMO_PEMOHON
    from sintren.ops.demo import demo_load

    demo_load()
    demo_load()
    expected = {e["nik"] for e in (*DEMO_PEMOHON, DEMO_ANGGOTA)} | {w.nik for w in DEMO_WARGA_LAIN}
    assert set(PendudukDemo.objects.values_list("nik", flat=True)) == expected
    budi = PendudukDemo.objects.get(nik=NIK)
    assert (budi.nomor_kk, budi.tanggal_lahir) == (KK, LAHIR)
    assert PendudukDemo.objects.get(nik="3326071011880005").nama_ibu_kandung != IBU
