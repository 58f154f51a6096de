"""The new-request form: the subject, the mode's locked fields, and every type of extra
field of the catalogue (teks, angka, tanggal, pilihan, ya_tidak)."""

from __future__ import annotations

import pytest

from sintren.accounts.tests.factories import nik_for
from sintren.catalog.models import FieldTambahan
from sintren.catalog.tests.factories import FieldTambahanFactory, LayananFactory
from sintren.pengajuan.forms import PengajuanForm
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = pytest.mark.django_db
Tipe = FieldTambahan.Tipe


@pytest.fixture
def layanan_lengkap(db):
    layanan = LayananFactory.create(nama="Uji Semua Tipe")
    specs = [
        ("keterangan", "Keterangan", Tipe.TEKS, True, ""),
        ("berat", "Berat (gram)", Tipe.ANGKA, True, ""),
        ("tanggal_kejadian", "Tanggal kejadian", Tipe.TANGGAL, True, ""),
        ("tempat", "Tempat", Tipe.PILIHAN, True, "Rumah sakit\nPuskesmas\nRumah"),
        ("kembar", "Kelahiran kembar", Tipe.YA_TIDAK, True, ""),
        ("catatan", "Catatan", Tipe.TEKS, False, ""),
    ]
    for urutan, (nama, label, tipe, wajib, pilihan) in enumerate(specs):
        FieldTambahanFactory.create(
            layanan=layanan,
            nama=nama,
            label=label,
            tipe=tipe,
            wajib=wajib,
            pilihan=pilihan,
            urutan=urutan,
        )
    return layanan


def _form(layanan, pemohon, data, *, mode_grup=False, pengajuan=None):
    return PengajuanForm(
        data, layanan=layanan, pemohon=pemohon, mode_grup=mode_grup, pengajuan=pengajuan
    )


def _valid(pemohon, **overrides):
    data = {
        "subjek_nik": pemohon.nik,
        "subjek_nama": "  Budi   Santoso ",
        "detail": "Permohonan uji.",
        "tambahan_keterangan": " Lahir  malam hari ",
        "tambahan_berat": "3100",
        "tambahan_tanggal_kejadian": "17-08-2025",
        "tambahan_tempat": "Puskesmas",
        "tambahan_kembar": "tidak",
        "tambahan_catatan": "",
    }
    data.update(overrides)
    return data


def test_every_type_is_cleaned_into_the_stored_answers(layanan_lengkap, pemohon):
    form = _form(layanan_lengkap, pemohon, _valid(pemohon))
    assert form.is_valid(), form.errors
    data = form.service_data()
    assert data["data_tambahan"] == {
        "keterangan": "Lahir malam hari",
        "berat": "3100",
        "tanggal_kejadian": "2025-08-17",
        "tempat": "Puskesmas",
        "kembar": False,
        "catatan": "",
    }
    assert data["subjek_nama"] == "Budi Santoso"
    assert data["subjek_nik"] == pemohon.nik


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("tambahan_keterangan", "", "Keterangan wajib diisi."),
        ("tambahan_keterangan", "x" * 301, None),
        (
            "tambahan_berat",
            "tiga kilo",
            "Berat (gram) harus berupa angka, misalnya 3100 atau 49,5.",
        ),
        ("tambahan_berat", "1.2.3", "Berat (gram) harus berupa angka, misalnya 3100 atau 49,5."),
        (
            "tambahan_tanggal_kejadian",
            "31-02-2025",
            "Tanggal kejadian harus berformat DD-MM-YYYY, misalnya 17-08-2025.",
        ),
        ("tambahan_tanggal_kejadian", "", "Tanggal kejadian wajib diisi."),
        ("tambahan_tempat", "Hotel", "Pilih salah satu pilihan yang ada."),
        ("tambahan_tempat", "", "Tempat wajib diisi."),
        ("tambahan_kembar", "mungkin", None),
        ("tambahan_kembar", "", "Kelahiran kembar wajib diisi."),
    ],
)
def test_each_type_refuses_bad_input(layanan_lengkap, pemohon, field, value, message):
    form = _form(layanan_lengkap, pemohon, _valid(pemohon, **{field: value}))
    assert not form.is_valid()
    assert list(form.errors) == [field]
    if message:
        assert form.errors[field] == [message]


@pytest.mark.parametrize(("typed", "stored"), [("49,5", "49.5"), ("3 100", "3100"), ("-2", "-2")])
def test_numbers_take_a_decimal_comma(layanan_lengkap, pemohon, typed, stored):
    form = _form(layanan_lengkap, pemohon, _valid(pemohon, tambahan_berat=typed))
    assert form.is_valid(), form.errors
    assert form.service_data()["data_tambahan"]["berat"] == stored


def test_yes_is_stored_as_true(layanan_lengkap, pemohon):
    form = _form(layanan_lengkap, pemohon, _valid(pemohon, tambahan_kembar="ya"))
    assert form.is_valid()
    assert form.service_data()["data_tambahan"]["kembar"] is True


def test_subject_nik_is_checked_and_optional_only_where_allowed(layanan_lengkap, pemohon):
    form = _form(layanan_lengkap, pemohon, _valid(pemohon, subjek_nik=""))
    assert form.errors["subjek_nik"] == ["NIK wajib diisi."]
    form = _form(layanan_lengkap, pemohon, _valid(pemohon, subjek_nik="3326071708901"))
    assert form.errors["subjek_nik"] == ["NIK harus terdiri dari tepat 16 angka."]
    layanan_lengkap.subjek_perlu_nik = False
    form = _form(layanan_lengkap, pemohon, _valid(pemohon, subjek_nik=""))
    assert form.is_valid(), form.errors
    assert form.service_data()["subjek_nik"] == ""


def test_personal_mode_locks_kk_phone_and_email(layanan_lengkap, pemohon):
    data = _valid(
        pemohon, subjek_nomor_kk="3326070102030999", nomor_hp="081399990000", email="lain@contoh.id"
    )
    form = _form(layanan_lengkap, pemohon, data)
    assert form.is_valid(), form.errors
    cleaned = form.service_data()
    assert cleaned["subjek_nomor_kk"] == pemohon.nomor_kk
    assert cleaned["nomor_hp"] == pemohon.nomor_hp
    assert cleaned["email"] == pemohon.email
    assert all(form.fields[name].disabled for name in PengajuanForm.LOCKED)


def test_group_mode_takes_kk_phone_and_email_as_typed(layanan_lengkap, pemohon):
    data = _valid(
        pemohon,
        subjek_nomor_kk="3326071212120001",
        nomor_hp="0813-9999-0000",
        email="Warga@Contoh.id",
    )
    form = _form(layanan_lengkap, pemohon, data, mode_grup=True)
    assert form.is_valid(), form.errors
    cleaned = form.service_data()
    assert (cleaned["subjek_nomor_kk"], cleaned["nomor_hp"], cleaned["email"]) == (
        "3326071212120001",
        "+6281399990000",
        "warga@contoh.id",
    )
    form = _form(layanan_lengkap, pemohon, {**data, "subjek_nomor_kk": "123"}, mode_grup=True)
    assert form.errors["subjek_nomor_kk"] == ["Nomor KK harus terdiri dari tepat 16 angka."]


def test_edit_starts_from_the_stored_answers(layanan_lengkap, pemohon):
    pengajuan = PengajuanFactory.create(
        layanan=layanan_lengkap,
        pemohon=pemohon,
        subjek_nik=nik_for(42),
        data_tambahan={"tanggal_kejadian": "2025-08-17", "kembar": True, "berat": "3100"},
    )
    form = PengajuanForm(
        layanan=layanan_lengkap, pemohon=pemohon, mode_grup=False, pengajuan=pengajuan
    )
    html = form.as_div()
    assert 'value="17-08-2025"' in html
    assert form["tambahan_kembar"].value() == "ya"
    assert form["subjek_nik"].value() == nik_for(42)
