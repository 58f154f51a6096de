"""Registration (ACC-1): the form, its validation, and what a registration writes."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from sintren.accounts.models import Pemohon, nama_ibu_matches
from sintren.accounts.tests.factories import NAMA_IBU, PemohonFactory, nik_for
from sintren.accounts.tests.helpers import KATA_KUNCI, daftar, registrasi_data
from sintren.notifications.models import Notifikasi

pytestmark = pytest.mark.django_db

LABELS = [
    "NIK",
    "Nama Lengkap",
    "Nomor KK",
    "Tempat Lahir",
    "Tanggal Lahir",
    "Nama Ibu Kandung",
    "Provinsi",
    "Kabupaten/Kota",
    "Kecamatan",
    "Desa/Kelurahan",
    "Nomor HP (WhatsApp)",
    "Email",
    "Kata Kunci",
    "Ulangi Kata Kunci",
]


def test_form_shows_the_manual_fields_in_order(client, wilayah_pekalongan):
    html = client.get(reverse("accounts:daftar")).content.decode()
    positions = [html.index(f">{label}</label>") for label in LABELS]
    assert positions == sorted(positions)
    assert "Ketentuan Kata Kunci" in html
    assert "Berapa " in html
    assert ">Daftar</button>" in html
    assert ">Reset</button>" in html
    # The region defaults to the configured regency.
    assert '<option value="33.26" selected>' in html


def test_valid_registration_waits_for_verification(client, wilayah_pekalongan):
    response = daftar(client)
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:daftar_berhasil")
    pemohon = Pemohon.objects.get(nik=nik_for(9001))
    assert pemohon.status == Pemohon.Status.MENUNGGU
    assert pemohon.jenis_kelamin == "L"
    assert pemohon.nomor_hp == "+6281234567890"
    assert pemohon.wilayah_id == "33.26.07.2008"
    assert pemohon.user.username.startswith("pemohon-")
    assert pemohon.user.check_password(KATA_KUNCI)
    assert pemohon.user.password.startswith("argon2")
    assert NAMA_IBU not in pemohon.nama_ibu_hash
    assert nama_ibu_matches(pemohon, "  siti   AMINAH ")
    assert list(pemohon.riwayat.values_list("status", flat=True)) == ["menunggu"]
    pesan = Notifikasi.objects.filter(event="pendaftaran_diterima")
    assert {p.recipient for p in pesan} == {"+6281234567890", "ahmad@contoh.id"}
    page = client.get(response["Location"]).content.decode()
    assert "Pendaftaran berhasil" in page
    assert "diverifikasi" in page


def test_iso_date_is_accepted_too(client, wilayah_pekalongan):
    assert daftar(client, tanggal_lahir="1990-08-17").status_code == 302


def test_woman_nik_gives_sex_p(client, wilayah_pekalongan):
    nik = nik_for(7, perempuan=True)
    assert daftar(client, nik=nik).status_code == 302
    assert Pemohon.objects.get(nik=nik).jenis_kelamin == "P"


@pytest.mark.parametrize(
    ("overrides", "field_text"),
    [
        ({"nik": "12345"}, "NIK harus terdiri dari tepat 16 angka"),
        ({"nik": "9999991708900001"}, "bukan kode kecamatan"),
        ({"tanggal_lahir": "18-08-1990"}, "Menurut NIK, tanggal lahir 17-08-1990."),
        ({"nik": "3326073508900001"}, "bukan tanggal lahir yang valid"),
        ({"tanggal_lahir": "1990/31/31"}, "DD-MM-YYYY"),
        ({"nomor_kk": "33260710012"}, "Nomor KK harus terdiri dari tepat 16 angka"),
        ({"nomor_hp": "0211234567"}, "Nomor HP harus nomor seluler Indonesia"),
        ({"email": "bukan-email"}, "Alamat email tidak valid"),
        ({"email": ""}, "Email wajib diisi"),
        ({"password1": "abcdefgh", "password2": "abcdefgh"}, "satu huruf dan satu angka"),
        ({"password1": "Pendek1", "password2": "Pendek1"}, "minimal 8 karakter"),
        ({"password2": "LainLagi123"}, "Ulangi Kata Kunci tidak sama"),
        ({"desa": ""}, "Pilih Desa/Kelurahan"),
        ({"nama_lengkap": "Ahmad 123"}, "hanya boleh berisi huruf"),
    ],
)
def test_invalid_input_is_explained_and_the_rest_kept(
    client, wilayah_pekalongan, overrides, field_text
):
    response = daftar(client, **overrides)
    assert response.status_code == 200
    html = response.content.decode()
    assert field_text in html
    assert not Pemohon.objects.exists()
    # Other input is kept, the mother's name too; passwords are never written back.
    kept = registrasi_data(**overrides)
    if "nama_lengkap" not in overrides:
        assert 'value="Ahmad Fauzi"' in html
    assert 'value="Pekalongan"' in html
    assert f'value="{kept["nomor_kk"]}"' in html
    assert f'value="{NAMA_IBU}"' in html
    assert KATA_KUNCI not in html
    captcha_input = re.search(r'<input[^>]*name="captcha"[^>]*>', html)
    assert captcha_input is not None
    assert "value=" not in captcha_input[0]  # a new question, an empty answer box


def test_email_optional_when_the_office_allows_it(client, wilayah_pekalongan, settings):
    settings.SINTREN = {**settings.SINTREN, "EMAIL_REQUIRED": False}
    assert daftar(client, email="").status_code == 302
    pemohon = Pemohon.objects.get()
    assert pemohon.email == ""
    assert Notifikasi.objects.filter(event="pendaftaran_diterima").count() == 1


def test_wrong_captcha_keeps_input(client, wilayah_pekalongan):
    url = reverse("accounts:daftar")
    client.get(url)
    response = client.post(url, {**registrasi_data(), "captcha_token": "x" * 32, "captcha": "1"})
    html = response.content.decode()
    assert "Jawaban perhitungan tidak sesuai" in html
    assert 'value="Ahmad Fauzi"' in html
    assert not Pemohon.objects.exists()


@pytest.mark.parametrize("status", ["menunggu", "disetujui", "aktif", "ditolak"])
def test_registered_nik_is_not_confirmed_and_its_owner_is_told(client, wilayah_pekalongan, status):
    existing = PemohonFactory.create(status=status, nik=nik_for(9001))
    before = (existing.nama_lengkap, existing.nomor_hp, existing.user.password)
    response = daftar(client, nama_lengkap="Orang Lain", nomor_hp="089999999999")
    # The same answer as a new registration: nothing tells the NIK is known.
    assert response.status_code == 302
    assert response["Location"] == reverse("accounts:daftar_berhasil")
    assert Pemohon.objects.count() == 1
    existing.refresh_from_db()
    assert (existing.nama_lengkap, existing.nomor_hp, existing.user.password) == before
    # The owner hears of it on the number on file; the number typed gets nothing.
    told = Notifikasi.objects.filter(event="pendaftaran_nik_dipakai")
    assert set(told.values_list("recipient", flat=True)) >= {existing.nomor_hp}
    assert not Notifikasi.objects.filter(recipient="+6289999999999").exists()


def test_rejected_nik_is_not_re_registered_from_the_open_form(client, wilayah_pekalongan):
    existing = PemohonFactory.create(ditolak=True, nik=nik_for(9001))
    response = daftar(client, nama_lengkap="Ahmad Fauzi Baru")
    assert response["Location"] == reverse("accounts:daftar_berhasil")
    existing.refresh_from_db()
    assert existing.status == Pemohon.Status.DITOLAK
    assert existing.nama_lengkap != "Ahmad Fauzi Baru"
    assert not existing.user.check_password(KATA_KUNCI)
    assert Notifikasi.objects.filter(event="pendaftaran_nik_dipakai").exists()


def test_region_refresh_without_javascript_saves_nothing(client, wilayah_pekalongan):
    url = reverse("accounts:daftar")
    client.get(url)
    response = client.post(url, {**registrasi_data(), "wilayah_refresh": "1"})
    assert response.status_code == 200
    assert "Periksa kembali" not in response.content.decode()
    assert "Berapa " in response.content.decode()
    assert not Pemohon.objects.exists()


def test_password_error_is_read_with_the_rules(client, wilayah_pekalongan):
    html = daftar(client, password1="pendek", password2="pendek").content.decode()
    field = re.search(r'<input[^>]*name="password1"[^>]*>', html)
    assert field is not None
    assert 'aria-invalid="true"' in field[0]
    # Its own error first, then the password rules beside the form.
    assert 'aria-describedby="id_password1_error ketentuan-kata-kunci"' in field[0]
    assert 'id="id_password1_error"' in html
