"""Issue, the one download, reissue, revoke, *Minta Unduh Ulang*, and housekeeping
(OUT-1…OUT-3, X-8, SEC-3)."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from freezegun import freeze_time

from sintren.catalog.models import PilihanDokumenJadi
from sintren.chat.models import Pesan
from sintren.core.models import AuditEvent
from sintren.keluaran.choices import CaraTerbit, KeadaanDokumen
from sintren.keluaran.models import DokumenTerbit
from sintren.keluaran.selectors import pengajuan_minta_unduh_ulang
from sintren.keluaran.services import (
    dokumen_berkas_bersihkan,
    dokumen_cabut,
    dokumen_minta_unduh_ulang,
    dokumen_pengingat_kirim,
    dokumen_terbitkan,
    dokumen_terbitkan_ulang,
    dokumen_unduh,
    dokumen_unggah,
)
from sintren.keluaran.signing import tandatangani, validasi
from sintren.keluaran.storage import keluaran_storage
from sintren.keluaran.tests.conftest import pdf_bytes
from sintren.keluaran.tests.helpers import terbitkan
from sintren.notifications.choices import Event
from sintren.notifications.models import Notifikasi
from sintren.pengajuan.choices import StatusPengajuan

pytestmark = pytest.mark.django_db


def _unduh(pemohon, dokumen) -> bytes:
    with dokumen_unduh(actor=pemohon.user, dokumen=dokumen) as handle:
        return handle.read()


def test_issue_moves_request_to_terbit_and_tells_the_deadline(pengajuan, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    pengajuan.refresh_from_db()
    assert pengajuan.status == StatusPengajuan.TERBIT
    assert dokumen.berlaku_sampai is not None
    assert dokumen.diterbitkan_pada is not None
    assert dokumen.berlaku_sampai - dokumen.diterbitkan_pada == timedelta(days=7)
    assert dokumen.cara == CaraTerbit.PORTAL
    assert len(dokumen.kode_verifikasi) == 12
    # One message: the status change, with the deadline in its note.
    assert not Notifikasi.objects.filter(event=Event.DOKUMEN_TERBIT).exists()
    pesan = Notifikasi.objects.filter(event=Event.PENGAJUAN_STATUS, channel="whatsapp").get()
    assert "Sudah Terbit TTE" in pesan.body
    assert "dapat diunduh satu kali sampai" in pesan.body
    assert "WIB" in pesan.body
    assert validasi(keluaran_storage().open(dokumen.berkas).read())[0].sah


def test_download_works_once(pengajuan, verifikator, pemohon, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    data = _unduh(pemohon, dokumen)
    assert data.startswith(b"%PDF-")
    with pytest.raises(ValidationError, match="sudah pernah diunduh"):
        dokumen_unduh(actor=pemohon.user, dokumen=dokumen)
    dokumen.refresh_from_db()
    assert dokumen.keadaan() == KeadaanDokumen.DIUNDUH
    assert AuditEvent.objects.filter(action="dokumen.unduh").count() == 1


def test_expired_document_is_refused(pengajuan, verifikator, pemohon, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    with (
        freeze_time(timezone.now() + timedelta(days=7, seconds=1)),
        pytest.raises(ValidationError, match="Batas waktu unduh"),
    ):
        dokumen_unduh(actor=pemohon.user, dokumen=dokumen)
    dokumen.refresh_from_db()
    assert dokumen.diunduh_pada is None


def test_draft_cannot_be_downloaded(pengajuan, verifikator, pemohon, pdf):
    dokumen = dokumen_unggah(
        actor=verifikator,
        pengajuan=pengajuan,
        data=pdf,
        nama_berkas="a.pdf",
        nama="",
        tandatangani_portal=True,
    )
    with pytest.raises(ValidationError):
        dokumen_unduh(actor=pemohon.user, dokumen=dokumen)


def test_reissue_opens_a_new_window_and_supersedes_the_old(pengajuan, verifikator, pemohon, pdf):
    lama = terbitkan(pengajuan, verifikator, pdf)
    _unduh(pemohon, lama)
    with pytest.raises(ValidationError):
        dokumen_unduh(actor=pemohon.user, dokumen=lama)
    with freeze_time(timezone.now() + timedelta(days=3)):
        baru = dokumen_terbitkan_ulang(actor=verifikator, dokumen=lama)
        assert baru.berlaku_sampai is not None
        assert baru.berlaku_sampai - timezone.now() > timedelta(days=6, hours=23)
    lama.refresh_from_db()
    assert lama.digantikan_oleh == baru
    # The reissue is announced with its own deadline.
    assert Notifikasi.objects.filter(event=Event.DOKUMEN_TERBIT).count() == 2
    assert lama.keadaan() == KeadaanDokumen.DIGANTIKAN
    assert baru.kode_verifikasi != lama.kode_verifikasi
    data = _unduh(pemohon, baru)
    # Signed again for the new code: the QR names the new one.
    assert validasi(data)[0].sah
    assert baru.sha256 != lama.sha256
    with pytest.raises(ValidationError, match="sudah diganti"):
        dokumen_unduh(actor=pemohon.user, dokumen=lama)


def test_reissue_refused_while_still_downloadable(pengajuan, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    with pytest.raises(ValidationError, match="sudah diunduh atau kedaluwarsa"):
        dokumen_terbitkan_ulang(actor=verifikator, dokumen=dokumen)


def test_revoked_document_cannot_be_downloaded(pengajuan, verifikator, pemohon, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    with pytest.raises(ValidationError, match="Alasan"):
        dokumen_cabut(actor=verifikator, dokumen=dokumen, alasan=" ")
    dokumen_cabut(actor=verifikator, dokumen=dokumen, alasan="Salah cetak")
    with pytest.raises(ValidationError, match="dicabut"):
        dokumen_unduh(actor=pemohon.user, dokumen=dokumen)


def test_presigned_pdf_is_validated_and_stored_byte_for_byte(pengajuan, verifikator, pdf):
    signed = tandatangani(pdf, url_verifikasi="http://x/", kode="X")
    dokumen = dokumen_unggah(
        actor=verifikator,
        pengajuan=pengajuan,
        data=signed,
        nama_berkas="../../akta kelahiran.PDF",
        nama="Kutipan Akta",
        tandatangani_portal=False,
    )
    assert dokumen.cara == CaraTerbit.UNGGAH
    assert dokumen.validasi[0]["sah"] is True
    assert keluaran_storage().open(dokumen.berkas).read() == signed
    assert dokumen.nama_berkas == "akta_kelahiran.pdf"


def test_unsigned_pdf_refused_when_said_to_be_signed(pengajuan, verifikator, pdf):
    with pytest.raises(ValidationError, match="belum bertanda tangan"):
        dokumen_unggah(
            actor=verifikator,
            pengajuan=pengajuan,
            data=pdf,
            nama_berkas="a.pdf",
            nama="",
            tandatangani_portal=False,
        )


def test_staff_of_another_service_is_refused(pengajuan, pdf):
    from sintren.accounts.models import User
    from sintren.accounts.tests.factories import StaffFactory

    lain = StaffFactory.create(role=User.Role.VERIFIKATOR)
    with pytest.raises(ValidationError, match="Hanya petugas layanan ini"):
        dokumen_unggah(
            actor=lain,
            pengajuan=pengajuan,
            data=pdf,
            nama_berkas="a.pdf",
            nama="",
            tandatangani_portal=True,
        )
    assert not DokumenTerbit.objects.exists()


def test_minta_unduh_ulang_posts_into_chat_and_flags_the_request(
    pengajuan, verifikator, pemohon, pdf
):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    with pytest.raises(ValidationError):
        dokumen_minta_unduh_ulang(actor=pemohon.user, dokumen=dokumen)  # still downloadable
    _unduh(pemohon, dokumen)
    dokumen_minta_unduh_ulang(actor=pemohon.user, dokumen=dokumen)
    dokumen_minta_unduh_ulang(actor=pemohon.user, dokumen=dokumen)  # twice: one message
    pesan = Pesan.objects.get(pengajuan=pengajuan)
    assert not pesan.dari_petugas
    assert "diterbitkan ulang" in pesan.isi
    assert pengajuan_minta_unduh_ulang([pengajuan.pk]) == {pengajuan.pk}
    dokumen_terbitkan_ulang(actor=verifikator, dokumen=dokumen)
    assert pengajuan_minta_unduh_ulang([pengajuan.pk]) == set()


def test_email_option_sends_the_pdf_as_attachment(pengajuan, verifikator, pdf):
    pilihan = PilihanDokumenJadi.objects.create(
        layanan=pengajuan.layanan, nama="Email", kirim_email=True
    )
    type(pengajuan).objects.filter(pk=pengajuan.pk).update(pilihan_dokumen=pilihan)
    pengajuan.refresh_from_db()
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    pesan = Notifikasi.objects.get(event=Event.DOKUMEN_DIKIRIM_EMAIL)
    assert pesan.channel == "email"
    assert pesan.recipient == pengajuan.email
    assert pesan.lampiran == [
        {"sumber": "keluaran", "ref": dokumen.berkas, "nama": "akta.pdf", "tipe": "application/pdf"}
    ]
    assert "%PDF" not in pesan.body  # bytes are read at delivery, never stored


def test_email_attachment_reaches_the_mailbox(pengajuan, verifikator, pdf, settings, mailoutbox):
    from sintren.notifications.channels import EmailChannel

    pilihan = PilihanDokumenJadi.objects.create(
        layanan=pengajuan.layanan, nama="Email", kirim_email=True
    )
    type(pengajuan).objects.filter(pk=pengajuan.pk).update(pilihan_dokumen=pilihan)
    pengajuan.refresh_from_db()
    terbitkan(pengajuan, verifikator, pdf)
    EmailChannel().send(Notifikasi.objects.get(event=Event.DOKUMEN_DIKIRIM_EMAIL))
    [mail] = mailoutbox
    [(nama, isi, tipe)] = mail.attachments
    assert nama == "akta.pdf"
    assert tipe == "application/pdf"
    assert isi.startswith(b"%PDF-")


def test_reminder_a_day_before_expiry_is_sent_once(pengajuan, verifikator, pdf):
    terbitkan(pengajuan, verifikator, pdf)
    assert dokumen_pengingat_kirim() == 0  # six days left
    later = timezone.now() + timedelta(days=6, hours=2)
    assert dokumen_pengingat_kirim(now=later) == 1
    assert dokumen_pengingat_kirim(now=later) == 0
    assert Notifikasi.objects.filter(event=Event.DOKUMEN_AKAN_KEDALUWARSA).count() == 2


def test_expired_files_removed_after_grace_row_kept(pengajuan, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    storage = keluaran_storage()
    assert storage.exists(dokumen.berkas)
    assert storage.exists(dokumen.sumber)
    assert dokumen_berkas_bersihkan(now=timezone.now() + timedelta(days=30)) == 0
    assert dokumen_berkas_bersihkan(now=timezone.now() + timedelta(days=38)) == 1
    assert not storage.exists(dokumen.berkas)
    assert not storage.exists(dokumen.sumber)
    dokumen.refresh_from_db()
    assert dokumen.berkas == ""
    assert dokumen.berkas_dihapus_pada is not None
    assert dokumen.sha256  # the public verification still answers


def test_issue_without_drafts_is_refused(pengajuan, verifikator):
    with pytest.raises(ValidationError, match="Belum ada dokumen"):
        dokumen_terbitkan(actor=verifikator, pengajuan=pengajuan)


def test_multi_page_pdf_signs(pengajuan, verifikator):
    dokumen = terbitkan(pengajuan, verifikator, pdf_bytes(pages=3))
    assert dokumen.validasi[0]["sah"] is True


def test_a_download_request_shows_in_the_verifiers_queue(
    pengajuan, verifikator, verifikator_client, pemohon, pdf
):
    """X-8: *Minta Unduh Ulang* puts the request in the verifier's queue, marked."""
    from django.urls import reverse

    from sintren.pengajuan.models import Pengajuan

    # The factory's request skipped the sending that stores these (the queue needs them).
    Pengajuan.objects.filter(pk=pengajuan.pk).update(
        dikirim_pada=timezone.now(), jatuh_tempo=timezone.localdate()
    )
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    antrean = reverse("backoffice:pengajuan_list") + "?status=terbit"
    assert "Minta unduh ulang" not in verifikator_client.get(antrean).content.decode()
    _unduh(pemohon, dokumen)
    dokumen_minta_unduh_ulang(actor=pemohon.user, dokumen=dokumen)
    page = verifikator_client.get(antrean).content.decode()
    row = next(r for r in page.split("<tr") if pengajuan.kode in r)
    assert "Minta unduh ulang" in row
