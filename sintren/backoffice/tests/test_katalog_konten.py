"""Content pages of the back office (BO-4): information items, message templates, groups."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from sintren.accounts.models import AnggotaGrup, GrupPemohon
from sintren.accounts.modes import modes_for
from sintren.core.choices import AuditAction
from sintren.core.models import AuditEvent
from sintren.informasi.models import Informasi
from sintren.notifications.choices import Event, Kanal
from sintren.notifications.models import TemplatPesan
from sintren.notifications.rendering import render_event
from sintren.public.middleware import home_memo_clear

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem_cache(settings: Any) -> Iterator[None]:
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": f"konten-{id(settings)}",
        }
    }
    home_memo_clear()
    yield
    home_memo_clear()


def _audit(action: AuditAction) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


# --- information items -----------------------------------------------------------------------
def test_admin_writes_an_item_and_the_public_list_shows_it_at_once(
    admin_client_otp: Client, admin: Any
) -> None:
    assert "Jadwal Pelayanan Lebaran" not in Client().get("/informasi/").content.decode()
    response = admin_client_otp.post(
        reverse("backoffice:katalog_informasi_baru"),
        {
            "judul": "Jadwal Pelayanan Lebaran",
            "jenis": "umum",
            "isi": "Kantor tutup pada cuti bersama.",
            "diterbitkan": "2024-01-05T08:00",
            "aktif": "on",
        },
    )
    assert response["Location"] == reverse("backoffice:katalog_informasi")
    item = Informasi.objects.get()
    assert item.dibuat_oleh == admin
    assert "Jadwal Pelayanan Lebaran" in Client().get("/informasi/").content.decode()
    [event] = _audit(AuditAction.INFORMASI_SIMPAN)
    assert event.target_id == str(item.pk)
    listed = admin_client_otp.get(reverse("backoffice:katalog_informasi")).content.decode()
    assert "Jadwal Pelayanan Lebaran" in listed


def test_staff_cannot_write_a_system_item_and_bad_dates_are_refused(
    admin_client_otp: Client,
) -> None:
    response = admin_client_otp.post(
        reverse("backoffice:katalog_informasi_baru"),
        {"judul": "X", "jenis": "sistem", "isi": "", "diterbitkan": "kemarin"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Pilih jenis Umum atau Rahasia." in html  # Sistem is made by the system
    assert "Isi tanggal dan jam yang benar." in html
    assert "Wajib diisi." in html
    assert not Informasi.objects.exists()


def test_admin_deletes_an_item(admin_client_otp: Client) -> None:
    item = Informasi.objects.create(judul="Hapus", isi="x")
    url = reverse("backoffice:katalog_informasi_hapus", args=[item.pk])
    assert admin_client_otp.post(url).status_code == 302
    assert not Informasi.objects.exists()
    assert len(_audit(AuditAction.INFORMASI_HAPUS)) == 1


# --- message templates -----------------------------------------------------------------------
def _texts() -> list[tuple[str, str, str]]:
    return list(TemplatPesan.objects.order_by("pk").values_list("key", "channel", "body"))


def _templat_url(event: Event = Event.PENGAJUAN_STATUS, kanal: Kanal = Kanal.WHATSAPP) -> str:
    return reverse("backoffice:katalog_templat_ubah", args=[event.value, kanal.value])


def test_the_template_list_names_every_event_and_channel(admin_client_otp: Client) -> None:
    html = admin_client_otp.get(reverse("backoffice:katalog_templat")).content.decode()
    assert "Status pengajuan berubah" in html
    assert _templat_url() in html
    assert _templat_url(Event.KODE_GANTI_HP, Kanal.WHATSAPP) in html
    assert _templat_url(Event.KODE_GANTI_HP, Kanal.EMAIL) not in html  # WhatsApp only


def test_the_edit_page_lists_the_variables_of_the_event(admin_client_otp: Client) -> None:
    html = admin_client_otp.get(_templat_url()).content.decode()
    for name in ("kode_pengajuan", "status", "catatan", "pengajuan_url", "app_name"):
        assert f"{{{{ {name} }}}}" in html
    assert "aktivasi_url" not in html


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("Halo {{ nama }}, {{ nomor_rekening }}", "Variabel tidak dikenal untuk peristiwa ini"),
        ("Status {% if status %}", "Format templat tidak valid"),
        ("{% url 'public:home' %}", "tidak boleh dipakai dalam templat pesan"),
        ("{% debug %}", "tidak boleh dipakai dalam templat pesan"),
        ("{{ nama|filter_tak_ada }}", "Format templat tidak valid"),
        ("", "Wajib diisi."),
    ],
)
def test_a_template_that_does_not_render_is_refused(
    admin_client_otp: Client, body: str, message: str
) -> None:
    before = _texts()
    response = admin_client_otp.post(_templat_url(), {"body": body, "aktif": "on"})
    assert response.status_code == 200
    assert message in response.content.decode()
    assert _texts() == before
    assert not _audit(AuditAction.TEMPLAT_PESAN_UBAH)


def test_try_shows_the_rendered_text_without_saving(admin_client_otp: Client) -> None:
    body = "Pengajuan {{ kode_pengajuan }} sekarang {{ status }}."
    before = _texts()
    response = admin_client_otp.post(_templat_url(), {"body": body, "aksi": "coba"})
    assert _texts() == before
    assert "Pengajuan AKL33260001 sekarang Diproses." in response.content.decode()
    assert body not in [text for _key, _channel, text in _texts()]


def test_a_saved_template_is_used_for_the_next_message(admin_client_otp: Client) -> None:
    body = "Pengajuan {{ kode_pengajuan }}: {{ status }}."
    response = admin_client_otp.post(_templat_url(), {"body": body, "aktif": "on"})
    assert response["Location"] == reverse("backoffice:katalog_templat")
    row = TemplatPesan.objects.get(key="pengajuan_status", channel="whatsapp")
    assert row.body == body
    assert row.keterangan.startswith("Variabel:")
    rendered = render_event(
        "pengajuan_status", "whatsapp", {"kode_pengajuan": "AKL1", "status": "Selesai"}
    )
    assert rendered is not None
    assert rendered.body == "Pengajuan AKL1: Selesai."
    [event] = _audit(AuditAction.TEMPLAT_PESAN_UBAH)
    assert event.target_id == str(row.pk)


def test_email_needs_a_subject_and_unknown_templates_are_404(admin_client_otp: Client) -> None:
    email = _templat_url(kanal=Kanal.EMAIL)
    response = admin_client_otp.post(email, {"body": "{{ nama }}", "subject": ""})
    assert "Wajib diisi." in response.content.decode()
    bad = reverse("backoffice:katalog_templat_ubah", args=["tidak-ada", "whatsapp"])
    assert admin_client_otp.get(bad).status_code == 404
    wa_only = _templat_url(Event.KODE_GANTI_HP, Kanal.EMAIL)
    assert admin_client_otp.get(wa_only).status_code == 404


# --- applicant groups ------------------------------------------------------------------------
def test_admin_creates_a_group_with_a_region_scope(
    admin_client_otp: Client, wilayah_pekalongan: Any
) -> None:
    url = reverse("backoffice:katalog_grup_baru")
    wrong = admin_client_otp.post(url, {"nama": "Desa Karangsari", "kode_wilayah": "99.99"})
    assert "Kode wilayah tidak ditemukan." in wrong.content.decode()
    response = admin_client_otp.post(
        url, {"nama": "Desa Karangsari", "kode_wilayah": wilayah_pekalongan.code, "aktif": "on"}
    )
    grup = GrupPemohon.objects.get()
    assert response["Location"] == reverse("backoffice:katalog_grup_ubah", args=[grup.pk])
    assert grup.wilayah == wilayah_pekalongan
    assert grup.aktif
    assert len(_audit(AuditAction.GRUP_SIMPAN)) == 1


def test_admin_promotes_an_applicant_and_switches_the_membership_off(
    admin_client_otp: Client, pemohon: Any, wilayah_pekalongan: Any
) -> None:
    grup = GrupPemohon.objects.create(nama="Desa Karangsari", wilayah=wilayah_pekalongan)
    url = reverse("backoffice:katalog_grup_anggota", args=[grup.pk])

    unknown = admin_client_otp.post(url, {"nik": "3326000000000000"})
    assert "Tidak ada pemohon aktif dengan NIK tersebut." in unknown.content.decode()
    short = admin_client_otp.post(url, {"nik": "12ab"})
    assert "NIK terdiri dari 16 angka." in short.content.decode()

    assert admin_client_otp.post(url, {"nik": pemohon.nik}).status_code == 302
    anggota = AnggotaGrup.objects.get(grup=grup, pemohon=pemohon)
    assert anggota.aktif
    assert any(m.grup == grup for m in modes_for(pemohon.user))
    [event] = _audit(AuditAction.GRUP_ANGGOTA_TAMBAH)
    assert pemohon.nik not in event.summary + str(event.details)
    again = admin_client_otp.post(url, {"nik": pemohon.nik})
    assert "sudah menjadi anggota aktif" in again.content.decode()

    page = admin_client_otp.get(reverse("backoffice:katalog_grup_ubah", args=[grup.pk]))
    assert pemohon.nama_lengkap in page.content.decode()
    toggle = reverse("backoffice:katalog_grup_anggota_ubah", args=[anggota.pk])
    assert admin_client_otp.post(toggle, {"aktif": "0"}).status_code == 302
    anggota.refresh_from_db()
    assert not anggota.aktif
    assert not any(m.grup == grup for m in modes_for(pemohon.user))
    assert len(_audit(AuditAction.GRUP_ANGGOTA_UBAH)) == 1


@pytest.mark.parametrize(
    "name",
    ["katalog_informasi_baru", "katalog_grup_baru"],
)
def test_a_verifier_gets_the_403_page(verifikator_client: Client, name: str) -> None:
    assert verifikator_client.get(reverse(f"backoffice:{name}")).status_code == 403
