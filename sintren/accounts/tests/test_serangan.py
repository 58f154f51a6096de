"""The applicant accounts as an attacker sees them: only HTTP, only what a stranger knows.

A NIK, a Nomor KK and a birth date are on every photocopied KK; none of them alone or
together may take over an account, flood a phone, or confirm that a NIK is registered.
"""

from __future__ import annotations

import threading

import pytest
from django.test import Client
from django.urls import reverse
from freezegun import freeze_time

from sintren.accounts.models import Pemohon, TokenAktivasi
from sintren.accounts.services import pendaftaran_approve
from sintren.accounts.tests.factories import PASSWORD, PemohonFactory, nik_for
from sintren.accounts.tests.helpers import daftar, login, post_with_captcha, registrasi_data
from sintren.core.models import BatasPercobaan
from sintren.core.tests.concurrency import run_concurrently
from sintren.core.tests.utils import captcha_post_data
from sintren.notifications.models import Notifikasi

pytestmark = pytest.mark.django_db
STATUS = reverse("accounts:status")
DAFTAR_ULANG = reverse("accounts:daftar_ulang")
LOGIN = reverse("accounts:login")
DAFTAR = reverse("accounts:daftar")


def _cek(client: Client, pemohon: Pemohon) -> object:
    data = {
        "nik": pemohon.nik,
        "nomor_kk": pemohon.nomor_kk,
        "tanggal_lahir": pemohon.tanggal_lahir.strftime("%d-%m-%Y"),
    }
    return post_with_captcha(client, STATUS, data)


# --- 1. Daftar Ulang needs the password ------------------------------------------------------
def test_stranger_with_nik_kk_and_birth_date_cannot_re_register(client, wilayah_pekalongan):
    owner = PemohonFactory.create(ditolak=True)
    hp, email = owner.nomor_hp, owner.email
    _cek(client, owner)  # everything on a photocopied KK
    assert client.get(DAFTAR_ULANG)["Location"] == LOGIN
    data = registrasi_data(nomor_hp="089911112222", email="penyerang@contoh.id")
    response = client.post(DAFTAR_ULANG, {**data, "captcha": "1", "captcha_token": "x"})
    assert response.status_code == 302
    assert response["Location"] == LOGIN
    owner.refresh_from_db()
    assert owner.status == Pemohon.Status.DITOLAK
    assert (owner.nomor_hp, owner.email) == (hp, email)
    assert owner.user.check_password(PASSWORD)


def test_owner_re_registers_after_login(client, wilayah_pekalongan):
    owner = PemohonFactory.create(ditolak=True, alasan_penolakan="Nama ibu belum sesuai KK")
    assert login(client, owner.nik, PASSWORD)["Location"] == STATUS
    page = client.get(DAFTAR_ULANG).content.decode()
    assert "Nama ibu belum sesuai KK" in page  # the reason stays in view while fixing
    data = registrasi_data(
        nomor_kk=owner.nomor_kk, nomor_hp="0" + owner.nomor_hp[3:], email=owner.email
    )
    assert post_with_captcha(client, DAFTAR_ULANG, data)["Location"] == STATUS
    owner.refresh_from_db()
    assert owner.status == Pemohon.Status.MENUNGGU


# --- 2. Kirim Ulang needs the password, and is counted ---------------------------------------
def test_stranger_cannot_resend_the_activation_link(client, wilayah_pekalongan, verifikator):
    owner = PemohonFactory.create()
    pendaftaran_approve(pemohon=owner, actor=verifikator)
    tokens, messages = TokenAktivasi.objects.count(), Notifikasi.objects.count()
    _cek(client, owner)
    response = client.post(STATUS, {"kirim_ulang": "1"})
    assert response["Location"] == LOGIN
    assert TokenAktivasi.objects.count() == tokens
    assert TokenAktivasi.objects.filter(dibatalkan_pada__isnull=True).count() == 1
    assert Notifikasi.objects.count() == messages


def test_owner_resends_at_most_three_times_a_day(client, wilayah_pekalongan, verifikator):
    owner = PemohonFactory.create()
    with freeze_time("2025-02-01 07:00:00+07:00") as frozen:
        pendaftaran_approve(pemohon=owner, actor=verifikator)
        login(client, owner.nik, PASSWORD)
        sent = []
        for _ in range(5):
            frozen.tick(5 * 60)  # past the two-minute cooldown each time
            before = TokenAktivasi.objects.count()
            client.post(STATUS, {"kirim_ulang": "1"})
            sent.append(TokenAktivasi.objects.count() - before)
        assert sent == [1, 1, 1, 0, 0]
        page = client.get(STATUS).content.decode()
        assert "terlalu sering dikirim ulang" in page


# --- 7. Registrations are limited per address and per destination ----------------------------
def test_registrations_limited_per_address(client, wilayah_pekalongan):
    results = []
    for n in range(11):
        response = daftar(
            client, nik=nik_for(100 + n), nomor_hp=f"08123450{n:04d}", email=f"w{n}@contoh.id"
        )
        results.append(response.status_code)
    assert results == [302] * 10 + [200]
    assert Pemohon.objects.count() == 10
    assert "Terlalu banyak pendaftaran" in response.content.decode()
    # Another address is not affected.
    data = registrasi_data(nik=nik_for(200), nomor_hp="081299990000", email="x@contoh.id")
    other = post_with_captcha(Client(), DAFTAR, data, REMOTE_ADDR="198.51.100.9")
    assert other.status_code == 302


def test_registrations_limited_per_phone_number(wilayah_pekalongan):
    codes = []
    for n in range(4):
        data = registrasi_data(
            nik=nik_for(300 + n), nomor_hp="081277778888", email=f"p{n}@contoh.id"
        )
        response = post_with_captcha(Client(), DAFTAR, data, REMOTE_ADDR=f"198.51.100.{n + 1}")
        codes.append(response.status_code)
    assert codes == [302, 302, 302, 200]
    assert Notifikasi.objects.filter(recipient="+6281277778888").count() == 3


# --- 4. Concurrent guesses on one NIK ---------------------------------------------------------
@pytest.mark.django_db(transaction=True)
def test_parallel_wrong_passwords_run_at_most_five_checks(wilayah_pekalongan):
    owner = PemohonFactory.create(aktif=True)
    pages = []
    for _ in range(24):
        client = Client()
        pages.append((client, captcha_post_data(client.get(LOGIN).content)))
    lock = threading.Lock()

    def guess() -> str:
        with lock:
            client, captcha = pages.pop()
        response = client.post(LOGIN, {"nik": owner.nik, "password": "SalahSekali9", **captcha})
        return response.content.decode()

    outcome = run_concurrently(guess, threads=24, timeout=120)
    assert outcome.errors == []
    wrong = [html for html in outcome.results if "NIK atau Kata Kunci salah" in html]
    refused = [html for html in outcome.results if "Terlalu banyak percobaan" in html]
    assert len(wrong) + len(refused) == 24
    # At most five password checks ran; four said "wrong", the fifth (if it was the
    # one that locked) already said "locked".
    assert len(wrong) <= 4
    assert BatasPercobaan.objects.get(scope="login.nik").failures == 5
    # The right password is refused while locked.
    right = login(Client(), owner.nik, PASSWORD)
    assert right.status_code == 200
    assert "Terlalu banyak percobaan" in right.content.decode()
