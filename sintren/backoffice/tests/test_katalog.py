"""Catalogue pages of the back office (BO-4): services with their rows, closure days.

Every change goes through the catalogue's services (audit row, content version), and
the public pages kept for anonymous visitors show it at once.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sintren.catalog.models import HariTutup, JadwalLayanan, Layanan
from sintren.catalog.tests.conftest import media_root  # noqa: F401 - autouse, private storage
from sintren.catalog.tests.factories import (
    DokumenPersyaratanFactory,
    HariTutupFactory,
    JadwalLayananFactory,
    KategoriLayananFactory,
    LayananFactory,
    PilihanDokumenJadiFactory,
)
from sintren.core.choices import AuditAction
from sintren.core.models import AuditEvent
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.public.middleware import home_memo_clear

from .katalog_utils import layanan_post, png_bytes

pytestmark = pytest.mark.django_db

BARU = reverse("backoffice:katalog_layanan_baru")


@pytest.fixture(autouse=True)
def locmem_cache(settings: Any) -> Iterator[None]:
    """A private in-memory cache, so kept public pages never leak between tests."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"katalog-{id(settings)}",
        }
    }
    home_memo_clear()
    yield
    home_memo_clear()


def _ubah(layanan: Layanan) -> str:
    return reverse("backoffice:katalog_layanan_ubah", args=[layanan.pk])


def _audit(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# --- create and edit a service with its rows ------------------------------------------------
def test_admin_creates_a_service_with_documents_fields_outputs_and_schedules(
    admin_client_otp: Client, admin: Any
) -> None:
    kategori = KategoriLayananFactory.create()
    rows: dict[str, Any] = {
        "dokumen-0-nama": "Akta Asli",
        "dokumen-0-contoh": SimpleUploadedFile("akta.png", png_bytes(), "image/png"),
        "field-0-label": "Jumlah lembar",
        "field-0-nama": "jumlah_lembar",
        "field-0-tipe": "angka",
        "pilihan-0-nama": "Diambil di kantor",
        "jadwal-0-hari": "0",
        "jadwal-0-jam_mulai": "08:00",
        "jadwal-0-jam_selesai": "12:00",
    }
    data = layanan_post(
        nama="Legalisir Akta",
        kode="lgs",
        kategori=kategori.pk,
        persyaratan="Akta asli\nKTP-el",
        proses="Unggah\nAmbil",
        kuota_harian="25",
        target_hari_kerja="2",
        **rows,
    )
    response = admin_client_otp.post(BARU, data)
    layanan = Layanan.objects.get(kode="LGS")
    assert response.status_code == 302
    assert response["Location"] == _ubah(layanan)
    assert (layanan.slug, layanan.kuota_harian, layanan.target_hari_kerja) == (
        "legalisir-akta",
        25,
        2,
    )
    dokumen = layanan.dokumen.get()
    assert dokumen.nama == "Akta Asli"
    with dokumen.contoh.open("rb") as stored:
        assert stored.read(3) == b"\xff\xd8\xff"  # re-encoded by the upload sanitiser
    assert [f.nama for f in layanan.field_tambahan.all()] == ["jumlah_lembar"]
    assert [p.nama for p in layanan.pilihan_dokumen.all()] == ["Diambil di kantor"]
    assert [(j.hari, j.jam_mulai) for j in layanan.jadwal.all()] == [(0, dt.time(8, 0))]
    [event] = _audit(AuditAction.KATALOG_LAYANAN_BUAT)
    assert (event.actor_id, event.target_id) == (admin.pk, str(layanan.pk))
    assert event.details["baris"] == {
        "dokumen": {"baru": 1},
        "field": {"baru": 1},
        "pilihan": {"baru": 1},
        "jadwal": {"baru": 1},
    }


def test_admin_edits_quota_and_removes_a_schedule(admin_client_otp: Client) -> None:
    layanan = LayananFactory.create(kuota_harian=10)
    jadwal = JadwalLayananFactory.create(layanan=layanan)
    DokumenPersyaratanFactory.create(layanan=layanan, nama="KK")
    data = layanan_post(layanan, kuota_harian="40", **{"jadwal-0-DELETE": "on"})
    response = admin_client_otp.post(_ubah(layanan), data)
    assert response.status_code == 302
    layanan.refresh_from_db()
    assert layanan.kuota_harian == 40
    assert not JadwalLayanan.objects.filter(pk=jadwal.pk).exists()
    assert layanan.dokumen.get().nama == "KK"  # untouched rows stay
    [event] = _audit(AuditAction.KATALOG_LAYANAN_UBAH)
    assert event.details == {"field": ["kuota_harian"], "baris": {"jadwal": {"hapus": 1}}}


def test_the_edit_page_shows_every_row_of_the_service(admin_client_otp: Client) -> None:
    layanan = LayananFactory.create(nama="Akta Uji")
    DokumenPersyaratanFactory.create(layanan=layanan, nama="Surat Pengantar RT", dengan_contoh=True)
    JadwalLayananFactory.create(layanan=layanan)
    html = admin_client_otp.get(_ubah(layanan)).content.decode()
    assert 'value="Surat Pengantar RT"' in html
    assert reverse("catalog:contoh", args=[layanan.dokumen.get().pk]) in html
    assert 'name="jadwal-0-jam_mulai"' in html
    assert 'value="07:30"' in html
    assert 'name="csrfmiddlewaretoken"' in html


# --- validation: clear Indonesian messages, nothing saved ---------------------------------
def test_bad_input_is_refused_with_indonesian_messages_and_nothing_saved(
    admin_client_otp: Client,
) -> None:
    layanan = LayananFactory.create(kode="ABC", kuota_harian=5)
    data = layanan_post(
        layanan,
        kode="A1",
        kuota_harian="-3",
        **{
            "jadwal-0-hari": "2",
            "jadwal-0-jam_mulai": "15:00",
            "jadwal-0-jam_selesai": "09:00",
            "field-0-label": "Agama",
            "field-0-nama": "agama",
            "field-0-tipe": "pilihan",
            "dokumen-0-nama": "Foto",
            "dokumen-0-contoh": SimpleUploadedFile("foto.png", b"<script>x</script>", "image/png"),
            "dokumen-0-tipe_file": "pdf,exe",
        },
    )
    response = admin_client_otp.post(_ubah(layanan), data)
    assert response.status_code == 200
    html = response.content.decode()
    for message in (
        "Kode terdiri dari 2-5 huruf kapital.",
        "Jam selesai harus setelah jam mulai.",
        "Tipe Pilihan memerlukan paling sedikit dua pilihan.",
        "Tipe berkas hanya boleh: jfif, jpeg, jpg, png.",
        "Data belum tersimpan. Periksa isian yang ditandai.",
    ):
        assert message in html
    assert "Jenis berkas tidak didukung." in html  # the upload sanitiser's refusal
    layanan.refresh_from_db()
    assert (layanan.kode, layanan.kuota_harian) == ("ABC", 5)
    assert not layanan.jadwal.exists()
    assert not layanan.dokumen.exists()
    assert not AuditEvent.objects.filter(action__startswith="katalog.").exists()


def test_duplicate_code_and_missing_fields_are_refused(admin_client_otp: Client) -> None:
    LayananFactory.create(kode="DUP")
    response = admin_client_otp.post(BARU, layanan_post(nama="", kode="DUP"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kode ini sudah dipakai layanan lain." in html
    assert "Wajib diisi." in html
    assert Layanan.objects.count() == 1


def test_removing_an_output_option_in_use_is_refused_without_a_500(
    admin_client_otp: Client,
) -> None:
    layanan = LayananFactory.create(kuota_harian=3)
    pilihan = PilihanDokumenJadiFactory.create(layanan=layanan)
    PengajuanFactory.create(layanan=layanan, pilihan_dokumen=pilihan)
    data = layanan_post(layanan, kuota_harian="9", **{"pilihan-0-DELETE": "on"})
    response = admin_client_otp.post(_ubah(layanan), data)
    assert response.status_code == 200
    assert "sudah dipakai pengajuan" in response.content.decode()
    layanan.refresh_from_db()
    assert layanan.kuota_harian == 3  # the whole submission rolled back
    assert layanan.pilihan_dokumen.filter(pk=pilihan.pk).exists()


# --- delete a service ------------------------------------------------------------------------
def test_an_unused_service_is_deleted_after_confirmation(admin_client_otp: Client) -> None:
    layanan = LayananFactory.create(kode="HPS")
    url = reverse("backoffice:katalog_layanan_hapus", args=[layanan.pk])
    assert "Ya, Hapus" in admin_client_otp.get(url).content.decode()
    response = admin_client_otp.post(url)
    assert response["Location"] == reverse("backoffice:katalog_index")
    assert not Layanan.objects.filter(pk=layanan.pk).exists()
    [event] = _audit(AuditAction.KATALOG_LAYANAN_HAPUS)
    assert event.summary == "Layanan HPS dihapus"


def test_a_service_with_requests_is_not_deleted(admin_client_otp: Client) -> None:
    pengajuan = PengajuanFactory.create()
    url = reverse("backoffice:katalog_layanan_hapus", args=[pengajuan.layanan_id])
    response = admin_client_otp.post(url, follow=True)
    assert "Nonaktifkan layanan" in response.content.decode()
    assert Layanan.objects.filter(pk=pengajuan.layanan_id).exists()
    assert not _audit(AuditAction.KATALOG_LAYANAN_HAPUS)


# --- the public pages follow at once ---------------------------------------------------------
def test_persyaratan_shows_the_new_name_right_after_an_edit(admin_client_otp: Client) -> None:
    layanan = LayananFactory.create(nama="Akta Lama", slug="akta-uji")
    DokumenPersyaratanFactory.create(layanan=layanan, nama="Dokumen Lama")
    anonymous = Client()
    assert "Akta Lama" in anonymous.get("/persyaratan/").content.decode()
    assert "Dokumen Lama" in anonymous.get("/persyaratan/akta-uji/").content.decode()
    # the kept copies are served again until something changes
    assert "Akta Lama" in anonymous.get("/persyaratan/").content.decode()

    data = layanan_post(layanan, nama="Akta Baru", **{"dokumen-0-nama": "Dokumen Baru"})
    assert admin_client_otp.post(_ubah(layanan), data).status_code == 302

    daftar = Client().get("/persyaratan/").content.decode()
    detail = Client().get("/persyaratan/akta-uji/").content.decode()
    assert "Akta Baru" in daftar
    assert "Akta Lama" not in daftar
    assert "Dokumen Baru" in detail
    assert "Dokumen Lama" not in detail


def test_a_row_only_change_refreshes_the_kept_page(admin_client_otp: Client) -> None:
    layanan = LayananFactory.create(slug="akta-baris")
    dokumen = DokumenPersyaratanFactory.create(layanan=layanan, nama="Dokumen Hapus Saya")
    assert "Dokumen Hapus Saya" in Client().get("/persyaratan/akta-baris/").content.decode()
    data = layanan_post(layanan, **{"dokumen-0-DELETE": "on"})
    assert admin_client_otp.post(_ubah(layanan), data).status_code == 302
    assert not type(dokumen).objects.filter(pk=dokumen.pk).exists()
    assert "Dokumen Hapus Saya" not in Client().get("/persyaratan/akta-baris/").content.decode()


# --- closure days ----------------------------------------------------------------------------
def test_admin_adds_and_removes_a_closure_day(admin_client_otp: Client) -> None:
    url = reverse("backoffice:katalog_hari_tutup")
    besok = timezone.localdate() + dt.timedelta(days=1)
    response = admin_client_otp.post(
        url, {"tanggal": besok.isoformat(), "keterangan": "Rapat kerja"}
    )
    assert response["Location"] == url
    hari = HariTutup.objects.get(tanggal=besok)
    assert "Rapat kerja" in admin_client_otp.get(url).content.decode()
    [event] = _audit(AuditAction.KATALOG_HARI_TUTUP_TAMBAH)
    assert event.target_id == str(hari.pk)

    again = admin_client_otp.post(url, {"tanggal": besok.isoformat(), "keterangan": "Lagi"})
    assert "Tanggal ini sudah tercatat sebagai hari tutup." in again.content.decode()
    wrong = admin_client_otp.post(url, {"tanggal": "2026-02-31", "keterangan": ""})
    assert wrong.status_code == 200
    assert "Isi tanggal yang benar." in wrong.content.decode()
    assert "Wajib diisi." in wrong.content.decode()

    hapus = reverse("backoffice:katalog_hari_tutup_hapus", args=[hari.pk])
    assert admin_client_otp.get(hapus).status_code == 405
    assert admin_client_otp.post(hapus)["Location"] == url
    assert not HariTutup.objects.exists()
    assert len(_audit(AuditAction.KATALOG_HARI_TUTUP_HAPUS)) == 1


def test_past_closure_days_are_not_listed(admin_client_otp: Client) -> None:
    HariTutupFactory.create(tanggal=dt.date(2020, 1, 2), keterangan="Sudah lewat")
    HariTutupFactory.create(tanggal=timezone.localdate(), keterangan="Hari ini tutup")
    html = admin_client_otp.get(reverse("backoffice:katalog_hari_tutup")).content.decode()
    assert "Hari ini tutup" in html
    assert "Sudah lewat" not in html


# --- access ----------------------------------------------------------------------------------
def _katalog_urls() -> list[str]:
    return [
        reverse("backoffice:katalog_index"),
        BARU,
        reverse("backoffice:katalog_layanan_ubah", args=[1]),
        reverse("backoffice:katalog_layanan_hapus", args=[1]),
        reverse("backoffice:katalog_hari_tutup"),
        reverse("backoffice:katalog_informasi"),
        reverse("backoffice:katalog_templat"),
        reverse("backoffice:katalog_grup"),
    ]


@pytest.mark.parametrize("url", _katalog_urls())
def test_a_verifier_gets_the_403_page(verifikator_client: Client, url: str) -> None:
    response = verifikator_client.get(url)
    assert response.status_code == 403
    assert "Halaman ini hanya untuk admin." in response.content.decode()


def test_a_verifier_cannot_change_the_catalogue(verifikator_client: Client) -> None:
    layanan = LayananFactory.create(kuota_harian=4)
    response = verifikator_client.post(_ubah(layanan), layanan_post(layanan, kuota_harian="99"))
    assert response.status_code == 403
    layanan.refresh_from_db()
    assert layanan.kuota_harian == 4


@pytest.mark.parametrize("url", _katalog_urls())
def test_an_applicant_is_sent_to_the_staff_login(client: Client, pemohon: Any, url: str) -> None:
    client.force_login(pemohon.user)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("backoffice:login")


def test_the_nav_shows_katalog_to_admins_only(admin_client_otp: Client, verifikator: Any) -> None:
    katalog = reverse("backoffice:katalog_index")
    assert f'href="{katalog}"' in admin_client_otp.get("/backoffice/").content.decode()
    other = Client()
    other.force_login(verifikator)
    assert f'href="{katalog}"' not in other.get("/backoffice/").content.decode()


def test_the_forms_need_a_csrf_token(admin: Any, perangkat_admin: Any) -> None:
    from sintren.backoffice.auth import OTP_KEY

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(admin)
    session = strict.session
    session[OTP_KEY] = admin.pk
    session.save()
    response = strict.post(reverse("backoffice:katalog_hari_tutup"), {"tanggal": "2031-01-01"})
    assert response.status_code == 403
    assert not HariTutup.objects.exists()
