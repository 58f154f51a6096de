"""ACC-8: change the phone number with a WhatsApp code (10 min, 5 tries, 60 s cooldown)."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.db import OperationalError, close_old_connections
from freezegun import freeze_time

from sintren.accounts.models import KodeOtp, Pemohon
from sintren.accounts.services_akun import kode_otp_check, nomor_hp_kode_kirim
from sintren.accounts.tests.helpers import delivered_text
from sintren.core.models import AuditEvent
from sintren.core.tests.concurrency import run_concurrently
from sintren.notifications.models import Notifikasi

NOMOR_BARU = "081399887766"
E164_BARU = "+6281399887766"
GANTI_HP = "/pemohon/ganti-hp/"
KODE_URL = "/pemohon/ganti-hp/kode/"


def _kode_terakhir(nomor: str = E164_BARU) -> str:
    pesan = Notifikasi.objects.filter(event="kode_ganti_hp", recipient=nomor).latest("pk")
    assert not re.search(r"\d{6}", pesan.body)  # the stored body holds no live code
    match = re.search(r"\*(\d{6})\*", delivered_text(pesan))
    assert match, pesan.body
    return match[1]


def _salah(kode: str) -> str:
    return f"{(int(kode) + 1) % 1_000_000:06d}"


@pytest.fixture
def masuk(client, pemohon):
    client.force_login(pemohon.user)
    return client


@pytest.mark.django_db
def test_pages_need_an_active_applicant(client, pemohon, verifikator):
    response = client.get(GANTI_HP)
    assert response.status_code == 302
    assert response["Location"].startswith("/pemohon/login/?next=/pemohon/ganti-hp/")
    client.force_login(verifikator)
    assert client.get(GANTI_HP).status_code == 404
    Pemohon.objects.filter(pk=pemohon.pk).update(status=Pemohon.Status.DITOLAK)
    client.force_login(pemohon.user)
    assert client.get(GANTI_HP).status_code == 404


@pytest.mark.django_db
def test_whole_flow_changes_the_number_and_tells_the_old_one(masuk, pemohon):
    lama = pemohon.nomor_hp
    page = masuk.get(GANTI_HP).content.decode()
    assert "Nomor HP Baru" in page
    assert "Kirim Kode" in page
    response = masuk.post(GANTI_HP, {"nomor_hp_baru": NOMOR_BARU})
    assert response["Location"] == KODE_URL
    kode = _kode_terakhir()
    otp = KodeOtp.objects.get(user=pemohon.user)
    assert kode not in otp.kode_hash  # only a hash is kept
    assert otp.nilai_baru == E164_BARU
    page = masuk.get(KODE_URL).content.decode()
    assert "Kode Aktivasi" in page
    assert "Kirim Ulang Kode" in page

    response = masuk.post(KODE_URL, {"kode": kode}, follow=True)
    assert "Nomor HP berhasil disimpan." in response.content.decode()
    pemohon.refresh_from_db()
    assert pemohon.nomor_hp == E164_BARU
    assert Notifikasi.objects.filter(event="nomor_hp_diganti", recipient=lama).exists()
    assert not Notifikasi.objects.filter(event="nomor_hp_diganti", recipient=E164_BARU).exists()
    assert AuditEvent.objects.filter(action="akun.ganti_hp").count() == 1

    # The same code cannot be used twice.
    response = masuk.post(KODE_URL, {"kode": kode})
    assert "sudah dipakai" in response.content.decode()
    assert masuk.get(KODE_URL)["Location"] == GANTI_HP


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("nomor", "pesan"),
    [("12345", "nomor seluler Indonesia"), ("", "wajib diisi"), ("SAME", "sama dengan nomor")],
)
def test_bad_numbers_are_explained(masuk, pemohon, nomor, pesan):
    nomor = pemohon.nomor_hp if nomor == "SAME" else nomor
    response = masuk.post(GANTI_HP, {"nomor_hp_baru": nomor})
    assert response.status_code == 200
    assert pesan in response.content.decode()
    assert not KodeOtp.objects.exists()


@pytest.mark.django_db
def test_code_expires_after_ten_minutes(masuk, pemohon):
    with freeze_time() as frozen:
        masuk.post(GANTI_HP, {"nomor_hp_baru": NOMOR_BARU})
        kode = _kode_terakhir()
        frozen.tick(timedelta(minutes=10, seconds=1))
        masuk.force_login(pemohon.user)  # the idle timeout is not what is tested here
        response = masuk.post(KODE_URL, {"kode": kode})
    assert "kedaluwarsa" in response.content.decode()
    pemohon.refresh_from_db()
    assert pemohon.nomor_hp != E164_BARU


@pytest.mark.django_db
def test_five_wrong_tries_void_the_code(masuk, pemohon):
    masuk.post(GANTI_HP, {"nomor_hp_baru": NOMOR_BARU})
    kode = _kode_terakhir()
    for left in (4, 3, 2, 1):
        page = masuk.post(KODE_URL, {"kode": _salah(kode)}).content.decode()
        assert f"Sisa percobaan: {left}." in page
    page = masuk.post(KODE_URL, {"kode": _salah(kode)}).content.decode()
    assert "Kode sudah tidak berlaku" in page
    # Even the right code is refused now (the address/NIK limit answers first over HTTP).
    hasil, otp = kode_otp_check(user=pemohon.user, kode=kode)
    assert not hasil.ok
    assert otp is None
    assert "5 kali salah" in hasil.message
    pemohon.refresh_from_db()
    assert pemohon.nomor_hp != E164_BARU
    assert KodeOtp.objects.get().percobaan == 5


@pytest.mark.django_db
def test_resend_waits_sixty_seconds_and_voids_the_old_code(masuk, pemohon):
    with freeze_time() as frozen:
        masuk.post(GANTI_HP, {"nomor_hp_baru": NOMOR_BARU})
        pertama = _kode_terakhir()
        frozen.tick(timedelta(seconds=20))
        response = masuk.post(KODE_URL, {"kirim_ulang": "1"}, follow=True)
        assert "tunggu 40 detik lagi" in response.content.decode()
        assert KodeOtp.objects.count() == 1
        page = masuk.post(GANTI_HP, {"nomor_hp_baru": NOMOR_BARU}).content.decode()
        assert "tunggu 40 detik lagi" in page
        frozen.tick(timedelta(seconds=41))
        masuk.force_login(pemohon.user)
        response = masuk.post(KODE_URL, {"kirim_ulang": "1"}, follow=True)
        assert "Kode baru telah dikirim" in response.content.decode()
        kedua = _kode_terakhir()
        assert KodeOtp.objects.count() == 2
        if pertama != kedua:
            page = masuk.post(KODE_URL, {"kode": pertama}).content.decode()
            assert "Kode Aktivasi salah" in page
        masuk.post(KODE_URL, {"kode": kedua})
    pemohon.refresh_from_db()
    assert pemohon.nomor_hp == E164_BARU


@pytest.mark.django_db
def test_wrong_codes_lock_the_otp_form_for_a_while(masuk, pemohon):
    with freeze_time() as frozen:
        masuk.post(GANTI_HP, {"nomor_hp_baru": NOMOR_BARU})
        for _ in range(5):
            masuk.post(KODE_URL, {"kode": _salah(_kode_terakhir())})
        frozen.tick(timedelta(seconds=61))
        masuk.force_login(pemohon.user)
        masuk.post(KODE_URL, {"kirim_ulang": "1"})
        page = masuk.post(KODE_URL, {"kode": _kode_terakhir()}).content.decode()
        assert "Terlalu banyak percobaan gagal" in page
        pemohon.refresh_from_db()
        assert pemohon.nomor_hp != E164_BARU
        frozen.tick(timedelta(minutes=15))
        masuk.force_login(pemohon.user)
        response = masuk.post(KODE_URL, {"kode": _kode_terakhir()}, follow=True)
    # The lock ended by itself; the code (sent 15 minutes ago) has expired meanwhile.
    assert "kedaluwarsa" in response.content.decode()


@pytest.mark.django_db(transaction=True)
def test_concurrent_tries_never_exceed_five(wilayah_pekalongan):
    from sintren.accounts.tests.factories import PemohonFactory

    pemohon = PemohonFactory.create(aktif=True)
    nomor_hp_kode_kirim(user=pemohon.user, nomor_hp_baru=E164_BARU)
    salah = _salah(_kode_terakhir())

    def guess() -> bool:
        for _attempt in range(50):
            try:
                hasil, _otp = kode_otp_check(user=pemohon.user, kode=salah)
                break
            except OperationalError:  # SQLite busy under load: try the same guess again
                close_old_connections()
        return hasil.wrong

    results = run_concurrently(guess, threads=12).results
    assert len(results) == 12
    assert results.count(True) == 5  # exactly five guesses were compared
    assert KodeOtp.objects.get().percobaan == 5
