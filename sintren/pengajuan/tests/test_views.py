"""The request pages through HTTP (manual C.1, C.2): list, new, detail, edit, send,
delete, the side menu, the home card and the main menu."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sintren.accounts.modes import SESSION_KEY
from sintren.accounts.tests.factories import nik_for
from sintren.catalog.models import Layanan
from sintren.catalog.tests.factories import LayananFactory, PilihanDokumenJadiFactory
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import KuotaHarian, Pengajuan
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.pengajuan.tests.helpers import form_pengajuan

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_kerja")]
LIST = reverse("pengajuan:list")


@pytest.fixture
def masuk(client: Client, pemohon: Any) -> Client:
    client.force_login(pemohon.user)
    return client


def _html(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _baru(slug: str = "akta-kelahiran") -> str:
    return reverse("pengajuan:baru", args=[slug])


def _create(client: Client, pemohon: Any, **overrides: str) -> Pengajuan:
    response = client.post(_baru(), form_pengajuan(pemohon, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return Pengajuan.objects.get(kode=response["Location"].rstrip("/").rsplit("/", 1)[-1])


# --- new request -----------------------------------------------------------------------------
def test_new_request_form_follows_the_manual(masuk, pemohon, layanan):
    html = _html(masuk.get(_baru()))
    for label in [
        "NIK",
        "Nama Lengkap",
        "Nomor KK",
        "Nomor HP (WhatsApp)",
        "Email",
        "Detail Permohonan",
    ]:
        assert f">{label}</label>" in html
    assert "<hr>" in html
    assert "<h2>Data Tambahan</h2>" in html
    assert ">Nama bayi</label>" in html
    assert "Proses Pengajuan" in html
    # Personal mode: the account's family card, phone and email, not editable.
    assert re.search(rf'value="{pemohon.nomor_kk}"[^>]*disabled', html)
    assert "Sesuai data akun Anda" in html or "sesuai data akun Anda" in html


def test_proses_pengajuan_saves_and_shows_the_detail(masuk, pemohon, layanan):
    response = masuk.post(_baru(), form_pengajuan(pemohon))
    pengajuan = Pengajuan.objects.get()
    assert response["Location"] == reverse("pengajuan:detail", args=[pengajuan.kode])
    html = _html(masuk.get(response["Location"]))
    assert "Detail Pengajuan Akta Kelahiran" in html
    assert "AKL33260001" in html
    assert "Bayi Ny. Sari" in html
    assert "Edit Pengajuan" in html
    assert "Kirim Pengajuan" in html
    assert 'id="riwayat-status"' in html
    assert "Draf" in html
    assert "3100" in html  # the extra field's answer


def test_invalid_input_is_kept_and_named(masuk, pemohon, layanan):
    response = masuk.post(_baru(), form_pengajuan(pemohon, tambahan_nama_bayi="", subjek_nik="123"))
    html = _html(response)
    assert "Periksa kembali isian Anda" in html
    assert "Nama bayi wajib diisi." in html
    assert "NIK harus terdiri dari tepat 16 angka." in html
    assert "Bayi Ny. Sari" in html
    assert not Pengajuan.objects.exists()


def test_quota_gone_between_the_page_and_the_submit_answers_on_the_form(masuk, pemohon, layanan):
    Layanan.objects.filter(pk=layanan.pk).update(kuota_harian=1)
    _html(masuk.get(_baru()))  # the form was open while ...
    PengajuanFactory.create(layanan=layanan)  # ... someone else took the last slot
    KuotaHarian.objects.create(layanan=layanan, tanggal="2026-12-02", terpakai=1)
    response = masuk.post(_baru(), form_pengajuan(pemohon))
    html = _html(response)
    assert "Kuota pengajuan Akta Kelahiran hari ini sudah habis." in html
    assert "Pengajuan dapat dibuat lagi mulai Kamis, 3 Desember 2026 pukul 00.00 WIB." in html
    assert Pengajuan.objects.count() == 1


def test_duplicate_links_to_the_open_request(masuk, pemohon, layanan):
    first = _create(masuk, pemohon, subjek_nik=nik_for(77))
    html = _html(masuk.post(_baru(), form_pengajuan(pemohon, subjek_nik=nik_for(77))))
    assert "masih berjalan" in html
    assert f'href="{reverse("pengajuan:detail", args=[first.kode])}"' in html


def test_duplicate_of_someone_elses_request_is_not_linked(masuk, pemohon, layanan):
    other = PengajuanFactory.create(
        layanan=layanan, subjek_nik=nik_for(78), subjek_kunci=nik_for(78)
    )
    html = _html(masuk.post(_baru(), form_pengajuan(pemohon, subjek_nik=nik_for(78))))
    assert "masih berjalan" in html
    assert other.kode not in html


def test_closed_service_says_belum_tersedia_with_reason_and_next_opening(masuk, layanan):
    Layanan.objects.filter(pk=layanan.pk).update(kuota_harian=1)
    KuotaHarian.objects.create(layanan=layanan, tanggal="2026-12-02", terpakai=1)
    html = _html(masuk.get(_baru()))
    assert "Pengajuan Akta Kelahiran belum tersedia." in html
    assert "Kuota pengajuan Akta Kelahiran hari ini sudah habis." in html
    assert "Dibuka kembali Kamis, 3 Desember 2026 pukul 00.00 WIB." in html
    assert "Proses Pengajuan" not in html


def test_group_only_service_is_not_available_in_personal_mode(masuk, layanan_grup):
    html = _html(masuk.get(_baru("layanan-desa")))
    assert "Pengajuan Layanan Desa belum tersedia." in html
    assert "khusus untuk Grup Pemohon" in html


def test_unknown_service_is_404(masuk, db):
    assert masuk.get(_baru("tidak-ada")).status_code == 404


# --- detail, edit, send ----------------------------------------------------------------------
def test_edit_changes_the_draft(masuk, pemohon, layanan):
    pengajuan = _create(masuk, pemohon)
    edit = reverse("pengajuan:edit", args=[pengajuan.kode])
    html = _html(masuk.get(edit))
    assert "Edit Pengajuan Akta Kelahiran" in html
    assert "Bayi Ny. Sari" in html
    response = masuk.post(edit, form_pengajuan(pemohon, detail="Nama bayi sudah ada."))
    assert response["Location"] == reverse("pengajuan:detail", args=[pengajuan.kode])
    pengajuan.refresh_from_db()
    assert pengajuan.detail == "Nama bayi sudah ada."


def test_send_refused_lists_what_is_missing(masuk, pemohon, layanan):
    pengajuan = _create(masuk, pemohon)
    html = _html(masuk.post(reverse("pengajuan:kirim", args=[pengajuan.kode]), {}))
    assert "Persetujuan Pengajuan Pelayanan belum dicentang." in html
    pengajuan.refresh_from_db()
    assert pengajuan.status == StatusPengajuan.DRAF


def test_send_with_consent_then_nothing_can_be_changed(masuk, pemohon, layanan):
    pengajuan = _create(masuk, pemohon)
    pilihan = PilihanDokumenJadiFactory.create(layanan=layanan, nama="Ambil di kantor Dinas")
    detail = reverse("pengajuan:detail", args=[pengajuan.kode])
    html = _html(masuk.get(detail))
    assert ">Otomatis</option>" in html
    assert "Ambil di kantor Dinas" in html
    response = masuk.post(
        reverse("pengajuan:kirim", args=[pengajuan.kode]),
        {"pilihan_dokumen": pilihan.pk, "persetujuan": "on"},
    )
    assert response["Location"] == detail
    html = _html(masuk.get(detail))
    assert "Pengajuan Dikirim" in html
    assert "Edit Pengajuan" not in html
    assert "Kirim Pengajuan</button>" not in html
    edit = masuk.get(reverse("pengajuan:edit", args=[pengajuan.kode]))
    assert edit["Location"] == detail
    assert masuk.get(reverse("pengajuan:hapus", args=[pengajuan.kode]))["Location"] == detail


# --- list, delete ----------------------------------------------------------------------------
def test_list_shows_own_requests_with_detail_and_delete_for_drafts(masuk, pemohon, layanan):
    draf = _create(masuk, pemohon)
    sent = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, dikirim=True)
    html = _html(masuk.get(LIST))
    assert "Cek Pengajuan" in html
    assert draf.kode in html
    assert sent.kode in html
    assert reverse("pengajuan:hapus", args=[draf.kode]) in html
    assert reverse("pengajuan:hapus", args=[sent.kode]) not in html
    assert "Pengajuan Dikirim" in html
    assert sent.subjek_nik not in html  # masked in the list
    assert f"{sent.subjek_nik[:6]}******{sent.subjek_nik[-4:]}" in html


def test_list_filters_by_service_status_code_and_nik_without_the_nik_in_a_url(
    masuk, pemohon, layanan
):
    lain = LayananFactory.create(nama="Akta Kematian")
    a = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, subjek_nik=nik_for(11))
    b = PengajuanFactory.create(pemohon=pemohon, layanan=lain, dikirim=True, subjek_nik=nik_for(12))
    assert b.kode not in _html(masuk.get(LIST, {"layanan": layanan.pk}))
    assert a.kode not in _html(masuk.get(LIST, {"status": "dikirim"}))
    assert b.kode not in _html(masuk.get(LIST, {"kode": a.kode.lower()}))
    response = masuk.post(LIST, {"nik": nik_for(12), "status": "dikirim", "cari": "1"})
    assert response["Location"] == f"{LIST}?status=dikirim"
    assert nik_for(12) not in response["Location"]
    html = _html(masuk.get(response["Location"]))
    assert b.kode in html
    assert a.kode not in html
    masuk.post(LIST, {"hapus_cari": "1"})
    assert a.kode in _html(masuk.get(LIST))


def test_list_pages_by_keyset(masuk, pemohon, layanan):
    made = PengajuanFactory.create_batch(23, pemohon=pemohon, layanan=layanan)
    first = _html(masuk.get(LIST))
    assert first.count("pengajuan/UJI") >= 20
    cursor = re.search(r'kursor=([^"&]+)" rel="next"', first)
    assert cursor is not None
    second = _html(masuk.get(LIST + "?kursor=" + cursor[1].replace("&amp;", "&")))
    shown = {p.kode for p in made if p.kode in first or p.kode in second}
    assert shown == {p.kode for p in made}


def test_delete_asks_first_then_soft_deletes(masuk, pemohon, layanan):
    pengajuan = _create(masuk, pemohon)
    hapus = reverse("pengajuan:hapus", args=[pengajuan.kode])
    html = _html(masuk.get(hapus))
    assert "Ya, Hapus" in html
    assert pengajuan.kode in html
    assert masuk.post(hapus)["Location"] == LIST
    pengajuan.refresh_from_db()
    assert pengajuan.status == StatusPengajuan.DIHAPUS
    html = _html(masuk.get(LIST))
    assert f"Pengajuan {pengajuan.kode} telah dihapus." in html
    assert reverse("pengajuan:detail", args=[pengajuan.kode]) not in html
    assert masuk.get(reverse("pengajuan:detail", args=[pengajuan.kode])).status_code == 404


# --- the side menu, the home card, the main menu ----------------------------------------------
def test_side_menu_shows_each_service_with_quota_or_why_not(masuk, layanan):
    tutup = LayananFactory.create(nama="Cetak Ulang KTP-el", kuota_harian=5)  # no window today
    from sintren.catalog.tests.factories import JadwalLayananFactory

    JadwalLayananFactory.create(layanan=tutup, hari=0)  # Mondays only
    Layanan.objects.filter(pk=layanan.pk).update(kuota_harian=150)
    html = _html(masuk.get(LIST))
    assert "Pengajuan Baru" in html
    assert "sisa kuota hari ini: 150" in html
    assert "Pengajuan Cetak Ulang KTP-el belum tersedia." in html
    assert "Tidak ada jadwal pengajuan pada hari Rabu." in html
    assert "Dibuka kembali Senin, 7 Desember 2026 pukul 07.30 WIB." in html


def test_home_card_shows_baru_to_an_applicant_only(client, pemohon, layanan):
    Layanan.objects.filter(pk=layanan.pk).update(kuota_harian=150)
    anonymous = _html(client.get("/"))
    assert _baru() not in anonymous
    assert "belum tersedia" not in anonymous
    client.force_login(pemohon.user)
    html = _html(client.get("/"))
    assert f'href="{_baru()}">Baru<span class="visually-hidden"> Akta Kelahiran</span>' in html
    assert "Sisa kuota hari ini: 150" in html
    KuotaHarian.objects.create(layanan=layanan, tanggal="2026-12-02", terpakai=150)
    html = _html(client.get("/"))
    assert _baru() not in html
    assert "Pengajuan Permohonan belum tersedia" in html


def test_home_group_section_offers_baru_only_in_group_mode(
    client, pemohon, layanan_grup, grup, anggota
):
    client.force_login(pemohon.user)
    assert _baru("layanan-desa") not in _html(client.get("/"))
    session = client.session
    session[SESSION_KEY] = grup.pk
    session.save()
    assert _baru("layanan-desa") in _html(client.get("/"))


def test_main_menu_has_pengajuan_for_applicants(client, pemohon, layanan):
    assert f'href="{LIST}"' not in _html(client.get("/"))
    client.force_login(pemohon.user)
    nav = _html(client.get(LIST)).split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{LIST}" aria-current="page">Pengajuan</a>' in nav
    assert nav.count('aria-current="page"') == 1
