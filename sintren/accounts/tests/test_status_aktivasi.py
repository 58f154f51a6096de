"""Status check (ACC-2), activation page (ACC-4) and re-registration (ACC-6) over HTTP."""

from __future__ import annotations

import logging
import re

import pytest
from django.urls import reverse
from freezegun import freeze_time

from sintren.accounts.models import Pemohon, RiwayatPendaftaran
from sintren.accounts.services import pendaftaran_approve, pendaftaran_reject
from sintren.accounts.tests.factories import NAMA_IBU, PASSWORD, PemohonFactory, nik_for
from sintren.accounts.tests.helpers import (
    KATA_KUNCI,
    daftar,
    delivered_text,
    login,
    post_with_captcha,
    registrasi_data,
)
from sintren.notifications.models import Notifikasi

pytestmark = pytest.mark.django_db
STATUS = reverse("accounts:status")
DAFTAR_ULANG = reverse("accounts:daftar_ulang")
_LINK_RE = re.compile(r"http://testserver(/pemohon/aktivasi/[A-Za-z0-9_-]+/)")


def _cek(client, pemohon: Pemohon, **overrides: str):
    """The status check as the applicant fills it: NIK, Nomor KK and birth date."""
    data = {
        "nik": pemohon.nik,
        "nomor_kk": pemohon.nomor_kk,
        "tanggal_lahir": pemohon.tanggal_lahir.strftime("%d-%m-%Y"),
        **overrides,
    }
    return post_with_captcha(client, STATUS, data)


def _link(pemohon: Pemohon) -> str:
    body = Notifikasi.objects.filter(event="pendaftaran_disetujui", recipient=pemohon.nomor_hp)
    match = _LINK_RE.search(delivered_text(body.latest("pk")))
    assert match is not None
    return match[1]


def _aktivasi(client, url: str, nama_ibu: str):
    return post_with_captcha(client, url, {"nama_ibu": nama_ibu})


# --- ACC-2 -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("status", "text"),
    [
        ("menunggu", "Menunggu Verifikasi"),
        ("disetujui", "Kirim Ulang Link Aktivasi"),
        ("aktif", "Akun Anda sudah aktif"),
        ("ditolak", "Daftar Ulang"),
    ],
)
def test_status_check_shows_each_state(client, wilayah_pekalongan, status, text):
    pemohon = PemohonFactory.create(status=status)
    response = _cek(client, pemohon)
    assert response["Location"] == STATUS
    page = client.get(STATUS).content.decode()
    assert text in page
    assert pemohon.get_status_display() in page


def test_unknown_nik_is_not_found_and_throttled(client, wilayah_pekalongan):
    stranger = PemohonFactory.build(nik=nik_for(777))
    for _ in range(5):
        response = _cek(client, stranger)
        assert "Data pendaftaran tidak ditemukan" in response.content.decode()
    locked = _cek(client, stranger)
    assert "Terlalu banyak percobaan gagal" in locked.content.decode()


def test_every_lookup_counts_found_or_not(client, wilayah_pekalongan):
    """Hits count too: a NIK's status cannot be polled without end."""
    pemohon = PemohonFactory.create()
    for _ in range(5):
        assert _cek(client, pemohon)["Location"] == STATUS
    locked = _cek(client, pemohon)
    assert locked.status_code == 200
    assert "Terlalu banyak percobaan gagal" in locked.content.decode()


def test_nik_alone_reveals_nothing(client, wilayah_pekalongan):
    """The right NIK with a wrong KK or birth date gets the not-found answer."""
    pemohon = PemohonFactory.create(ditolak=True)
    for overrides in ({"nomor_kk": "3326071001209999"}, {"tanggal_lahir": "01-01-1991"}):
        html = _cek(client, pemohon, **overrides).content.decode()
        assert "Data pendaftaran tidak ditemukan" in html
        assert pemohon.nama_lengkap not in html
        assert pemohon.alasan_penolakan not in html
        assert "Tidak Disetujui" not in html


def test_status_check_masks_the_name_and_hides_the_reason(client, wilayah_pekalongan):
    pemohon = PemohonFactory.create(
        ditolak=True, nama_lengkap="Budi Santoso", alasan_penolakan="KK belum sesuai"
    )
    _cek(client, pemohon)
    html = client.get(STATUS).content.decode()
    assert "B*** S******" in html
    assert "Budi Santoso" not in html
    assert "KK belum sesuai" not in html
    assert "Tidak Disetujui" in html
    assert f'href="{DAFTAR_ULANG}"' not in html
    # After a proven login the reason and the button appear.
    login(client, pemohon.nik, PASSWORD)
    html = client.get(STATUS).content.decode()
    assert "KK belum sesuai" in html
    assert f'href="{DAFTAR_ULANG}"' in html


def test_resend_from_the_status_page(client, wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    with freeze_time("2025-02-01 08:00:00"):
        pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    old = _link(pemohon)
    with freeze_time("2025-02-01 09:00:00"):
        login(client, pemohon.nik, PASSWORD)
        client.post(STATUS, {"kirim_ulang": "1"})
        new = _link(pemohon)
        assert new != old
        assert client.get(old).status_code == 410
        assert client.get(new).status_code == 200


# --- ACC-4 -------------------------------------------------------------------------------
def test_activation_page_activates_once(client, wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    url = _link(pemohon)
    page = client.get(url).content.decode()
    assert "Nama Ibu Kandung" in page
    assert "Proses Aktivasi" in page
    assert client.get(url)["Cache-Control"].startswith("max-age=0")
    response = _aktivasi(client, url, NAMA_IBU.upper())
    assert response["Location"] == reverse("accounts:aktivasi_berhasil")
    assert "Aktivasi berhasil" in client.get(response["Location"]).content.decode()
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.AKTIF
    reused = client.get(url)
    assert reused.status_code == 410
    assert "Link aktivasi tidak berlaku" in reused.content.decode()


def test_wrong_answers_count_down_then_void(client, wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    url = _link(pemohon)
    for sisa in (4, 3, 2, 1):
        html = _aktivasi(client, url, "Bukan Ibu").content.decode()
        assert f"Sisa percobaan: {sisa}." in html
        assert "Bukan Ibu" not in html
    last = _aktivasi(client, url, "Bukan Ibu")
    assert last.status_code == 410
    assert "salah 5 kali" in last.content.decode()
    assert "Cek Status Pendaftaran" in last.content.decode()
    assert client.get(url).status_code == 410


@pytest.mark.parametrize("token", ["tidak-ada", "A" * 43, "x" * 300])
def test_unknown_or_tampered_tokens_get_a_clear_page(client, wilayah_pekalongan, token):
    response = client.get(reverse("accounts:aktivasi", kwargs={"token": token}))
    assert response.status_code == 410
    assert "Link aktivasi tidak berlaku" in response.content.decode()


def test_tampered_and_expired_links(client, wilayah_pekalongan, verifikator):
    pemohon = PemohonFactory.create()
    with freeze_time("2025-01-01 08:00:00"):
        pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    url = _link(pemohon)
    tampered = url[:-3] + ("A" if url[-3] != "A" else "B") + url[-2:]
    assert client.get(tampered).status_code == 410
    with freeze_time("2025-01-09 08:00:00"):
        assert client.get(url).status_code == 410


def test_link_of_another_applicant_never_activates_this_one(
    client, wilayah_pekalongan, verifikator
):
    satu, dua = PemohonFactory.create(), PemohonFactory.create()
    pendaftaran_approve(pemohon=satu, actor=verifikator)
    pendaftaran_approve(pemohon=dua, actor=verifikator)
    _aktivasi(client, _link(satu), NAMA_IBU)
    satu.refresh_from_db()
    dua.refresh_from_db()
    assert (satu.status, dua.status) == ("aktif", "disetujui")


# --- ACC-6 -------------------------------------------------------------------------------
def test_rejected_login_leads_to_a_prefilled_daftar_ulang(client, wilayah_pekalongan):
    pemohon = PemohonFactory.create(ditolak=True, email="lama@contoh.id")
    login(client, pemohon.nik, PASSWORD)
    html = client.get(DAFTAR_ULANG).content.decode()
    assert "Pendaftaran Ulang Pemohon" in html
    assert f'value="{pemohon.nik}"' in html
    assert "readonly" in html
    assert f'value="{pemohon.nama_lengkap}"' in html
    assert f'value="{pemohon.nomor_kk}"' in html
    assert 'value="lama@contoh.id"' in html
    assert 'value="17-08-1990"' in html
    assert NAMA_IBU not in html

    data = registrasi_data(
        nik=nik_for(1),  # ignored: the NIK is fixed
        nama_lengkap=pemohon.nama_lengkap,
        nomor_kk=pemohon.nomor_kk,
        email="baru@contoh.id",
        nomor_hp="0" + pemohon.nomor_hp[3:],
    )
    response = post_with_captcha(client, DAFTAR_ULANG, data)
    assert response["Location"] == STATUS
    pemohon.refresh_from_db()
    assert pemohon.status == Pemohon.Status.MENUNGGU
    assert pemohon.email == "baru@contoh.id"
    assert pemohon.alasan_penolakan == ""
    assert pemohon.user.check_password(KATA_KUNCI)
    last = RiwayatPendaftaran.objects.filter(pemohon=pemohon).last()
    assert last is not None
    assert last.perubahan == {"email": ["lama@contoh.id", "baru@contoh.id"]}
    assert [r.status for r in pemohon.riwayat.all()] == ["ditolak", "menunggu"]
    assert "Menunggu Verifikasi" in client.get(STATUS).content.decode()
    assert Notifikasi.objects.filter(event="pendaftaran_diterima").exists()


def test_daftar_ulang_after_a_status_check_asks_for_login(client, wilayah_pekalongan):
    pemohon = PemohonFactory.create(ditolak=True)
    _cek(client, pemohon)
    response = client.get(DAFTAR_ULANG)
    assert response["Location"] == reverse("accounts:login")


def test_daftar_ulang_needs_a_rejected_registration(client, wilayah_pekalongan):
    assert client.get(DAFTAR_ULANG)["Location"] == reverse("accounts:login")
    pemohon = PemohonFactory.create()
    login(client, pemohon.nik, PASSWORD)
    assert client.get(DAFTAR_ULANG)["Location"] == reverse("accounts:login")


def test_no_nik_in_urls_or_logs_during_a_full_flow(client, wilayah_pekalongan, verifikator, caplog):
    caplog.set_level(logging.DEBUG)
    nik = nik_for(9001)
    urls: list[str] = []
    response = daftar(client)
    urls.append(response["Location"])
    pemohon = Pemohon.objects.get(nik=nik)
    pendaftaran_reject(pemohon=pemohon, actor=verifikator, alasan="KK belum sesuai")
    response = login(client, nik, KATA_KUNCI)
    urls.append(response["Location"])
    page = client.get(response["Location"]).content.decode()
    urls += re.findall(r'href="([^"]+)"', page) + re.findall(r'action="([^"]+)"', page)
    response = post_with_captcha(client, DAFTAR_ULANG, registrasi_data())
    urls.append(response["Location"])
    pendaftaran_approve(pemohon=pemohon, actor=verifikator)
    link = _link(pemohon)
    urls.append(link)
    urls.append(_aktivasi(client, link, NAMA_IBU)["Location"])
    urls.append(login(client, nik, KATA_KUNCI)["Location"])
    assert all(nik not in url for url in urls)
    assert all(nik not in pesan.body for pesan in Notifikasi.objects.all())
    client.get(reverse("accounts:aktivasi", kwargs={"token": "bekas"}))
    assert "Gone: /pemohon/aktivasi/bekas/" in caplog.text  # the capture works
    assert nik not in caplog.text
    assert pemohon.nomor_kk not in caplog.text
