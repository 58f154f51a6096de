"""The staff page, the applicant's panel and download, the public verification."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from sintren.accounts.models import User
from sintren.accounts.tests.factories import StaffFactory
from sintren.keluaran.models import DokumenTerbit
from sintren.keluaran.services import dokumen_unduh
from sintren.keluaran.services_verifikasi import VERIFIKASI_PER_ALAMAT
from sintren.keluaran.signing import tandatangani
from sintren.keluaran.tests.helpers import terbitkan
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = pytest.mark.django_db


def _staff_url(pengajuan) -> str:
    return reverse("backoffice:keluaran", kwargs={"kode": pengajuan.kode})


def _upload(client, pengajuan, content: bytes, *, name="akta.pdf", cara="portal"):
    berkas = SimpleUploadedFile(name, content, content_type="application/pdf")
    return client.post(_staff_url(pengajuan), {"berkas": berkas, "cara": cara, "nama": ""})


# --- staff ------------------------------------------------------------------------------------
def test_staff_uploads_signs_and_issues(verifikator_client, pengajuan, pdf):
    response = _upload(verifikator_client, pengajuan, pdf)
    assert response.status_code == 302
    page = verifikator_client.get(_staff_url(pengajuan))
    assert "Belum diterbitkan" in page.content.decode()
    assert "Sah" in page.content.decode()
    response = verifikator_client.post(
        reverse("backoffice:keluaran_terbitkan", kwargs={"kode": pengajuan.kode})
    )
    assert response.status_code == 302
    pengajuan.refresh_from_db()
    assert pengajuan.status == StatusPengajuan.TERBIT
    assert DokumenTerbit.objects.get().diterbitkan_pada is not None


@pytest.mark.parametrize(
    ("content", "name", "pesan"),
    [
        (b"", "kosong.pdf", "kosong"),
        (b"<html><body>halo</body></html>", "surat.pdf", "bukan PDF"),
        (b"MZ\x90\x00 program", "akta.pdf", "bukan PDF"),
    ],
)
def test_upload_battery_gives_clear_messages(verifikator_client, pengajuan, content, name, pesan):
    response = _upload(verifikator_client, pengajuan, content, name=name)
    assert response.status_code in {200, 400}
    assert pesan in response.content.decode()
    assert not DokumenTerbit.objects.exists()


def test_truncated_pdf_is_refused(verifikator_client, pengajuan, pdf):
    response = _upload(verifikator_client, pengajuan, pdf[: len(pdf) // 2])
    assert response.status_code == 400
    assert "rusak atau tidak lengkap" in response.content.decode()


def test_pdf_with_broken_inside_is_refused(verifikator_client, pengajuan):
    content = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
    response = _upload(verifikator_client, pengajuan, content)
    assert response.status_code == 400
    assert "rusak atau tidak lengkap" in response.content.decode()


def test_too_big_pdf_is_refused_by_the_form(verifikator_client, pengajuan, pdf, settings):
    settings.KELUARAN_UKURAN_MAKS = len(pdf) - 1
    response = _upload(verifikator_client, pengajuan, pdf)
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()


def test_too_big_body_is_refused_before_reading(verifikator_client, pengajuan):
    response = verifikator_client.post(
        _staff_url(pengajuan),
        data=b"x",
        content_type="application/pdf",
        CONTENT_LENGTH=str(13 * 1024 * 1024),
    )
    assert response.status_code == 413


def test_tampered_presigned_pdf_is_refused(verifikator_client, pengajuan, pdf):
    signed = bytearray(tandatangani(pdf, url_verifikasi="http://x/", kode="X"))
    where = bytes(signed).index(b"ReportLab Generated")
    signed[where] = ord("Z")
    response = _upload(verifikator_client, pengajuan, bytes(signed), cara="unggah")
    assert response.status_code == 400
    assert "tidak utuh" in response.content.decode()


def test_staff_of_nothing_gets_404(client, pengajuan, pdf):
    client.force_login(StaffFactory.create(role=User.Role.VERIFIKATOR))
    assert client.get(_staff_url(pengajuan)).status_code == 404
    assert _upload(client, pengajuan, pdf).status_code == 404
    assert not DokumenTerbit.objects.exists()


def test_applicant_cannot_open_the_staff_page(client, pengajuan, pemohon):
    client.force_login(pemohon.user)
    response = client.get(_staff_url(pengajuan))
    assert response.status_code == 302
    assert "/backoffice/login/" in response["Location"]


# --- applicant --------------------------------------------------------------------------------
def _unduh_url(dokumen) -> str:
    return reverse("keluaran:unduh", kwargs={"kode": dokumen.pengajuan.kode, "pk": dokumen.pk})


def test_panel_download_once_then_downloaded_state(client, pengajuan, pemohon, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    client.force_login(pemohon.user)
    detail = reverse("pengajuan:detail", kwargs={"kode": pengajuan.kode})
    page = client.get(detail).content.decode()
    assert "Pilihan Dokumen Jadi" in page
    assert "Download" in page
    assert "hanya bisa di download 1 (satu) kali" in page  # Tabel 3 beside it
    response = client.post(_unduh_url(dokumen))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert response["Content-Security-Policy"] == "default-src 'none'; sandbox"
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    again = client.post(_unduh_url(dokumen), follow=True)
    assert "sudah pernah diunduh" in again.content.decode()
    page = client.get(detail).content.decode()
    assert 'data-keadaan="diunduh"' in page
    assert "Minta Unduh Ulang" in page


def test_expired_panel_says_so(client, pengajuan, pemohon, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    lewat = timezone.now() - timedelta(minutes=1)
    DokumenTerbit.objects.filter(pk=dokumen.pk).update(berlaku_sampai=lewat)
    client.force_login(pemohon.user)
    page = client.get(reverse("pengajuan:detail", kwargs={"kode": pengajuan.kode}))
    assert client.post(_unduh_url(dokumen), follow=True).status_code == 200
    assert 'data-keadaan="kedaluwarsa"' in page.content.decode()


def test_download_is_post_only(client, pengajuan, pemohon, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    client.force_login(pemohon.user)
    assert client.get(_unduh_url(dokumen)).status_code == 405
    dokumen.refresh_from_db()
    assert dokumen.diunduh_pada is None


def test_another_applicant_gets_404(client, pengajuan, pemohon_lain, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    client.force_login(pemohon_lain.user)
    assert client.post(_unduh_url(dokumen)).status_code == 404
    dokumen.refresh_from_db()
    assert dokumen.diunduh_pada is None


def test_document_of_another_request_is_404(client, pengajuan, pemohon, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    milik_sendiri = PengajuanFactory.create(pemohon=pemohon, diproses=True)
    client.force_login(pemohon.user)
    url = reverse("keluaran:unduh", kwargs={"kode": milik_sendiri.kode, "pk": dokumen.pk})
    assert client.post(url).status_code == 404


def test_minta_unduh_ulang_button(client, pengajuan, pemohon, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    dokumen_unduh(actor=pemohon.user, dokumen=dokumen).close()
    client.force_login(pemohon.user)
    url = reverse("keluaran:minta_unduh_ulang", kwargs={"kode": pengajuan.kode, "pk": dokumen.pk})
    page = client.post(url, follow=True).content.decode()
    assert "Permintaan unduh ulang terkirim" in page
    assert "menunggu Verifikator" in page


# --- public verification ----------------------------------------------------------------------
def test_verification_by_code_is_public_masked_and_not_cached(client, pengajuan, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    response = client.get(reverse("verifikasi:kode", kwargs={"kode": dokumen.kode_tampil}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "ASLI" in page
    assert pengajuan.layanan.nama in page
    assert pengajuan.subjek_nama not in page
    assert pengajuan.subjek_nik not in page
    assert pengajuan.subjek_nik[:6] + "******" + pengajuan.subjek_nik[-4:] in page
    assert pengajuan.subjek_nomor_kk not in page
    assert pengajuan.kode not in page
    assert "no-store" in response["Cache-Control"]


def test_typed_code_redirects_to_its_page(client):
    response = client.get(reverse("verifikasi:index"), {"kode": "abcd-efgh jkmn"})
    assert response.status_code == 302
    assert response["Location"] == reverse("verifikasi:kode", kwargs={"kode": "ABCDEFGHJKMN"})


def test_unknown_code_is_not_found(client):
    response = client.get(reverse("verifikasi:kode", kwargs={"kode": "ZZZZZZZZZZZZ"}))
    assert response.status_code == 404
    assert "TIDAK DITEMUKAN" in response.content.decode()


def test_superseded_and_revoked_are_shown(client, pengajuan, pemohon, verifikator, pdf):
    from sintren.keluaran.services import dokumen_cabut, dokumen_terbitkan_ulang

    lama = terbitkan(pengajuan, verifikator, pdf)
    dokumen_unduh(actor=pemohon.user, dokumen=lama).close()
    baru = dokumen_terbitkan_ulang(actor=verifikator, dokumen=lama)
    page = client.get(reverse("verifikasi:kode", kwargs={"kode": lama.kode_verifikasi}))
    assert "digantikan oleh terbitan ulang" in page.content.decode()
    dokumen_cabut(actor=verifikator, dokumen=baru, alasan="Data salah")
    page = client.get(reverse("verifikasi:kode", kwargs={"kode": baru.kode_verifikasi}))
    assert "telah dicabut" in page.content.decode()


def _periksa(client, content: bytes, kode: str = ""):
    berkas = SimpleUploadedFile("dok.pdf", content, content_type="application/pdf")
    return client.post(reverse("verifikasi:berkas"), {"berkas": berkas, "kode": kode})


def test_uploaded_genuine_pdf_matches_and_validates(client, pengajuan, pemohon, verifikator, pdf):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    with dokumen_unduh(actor=pemohon.user, dokumen=dokumen) as handle:
        data = handle.read()
    page = _periksa(client, data).content.decode()
    assert "ASLI" in page
    assert "sama persis" in page
    assert "Sah" in page


def test_uploaded_tampered_pdf_is_reported_not_genuine(
    client, pengajuan, pemohon, verifikator, pdf
):
    dokumen = terbitkan(pengajuan, verifikator, pdf)
    with dokumen_unduh(actor=pemohon.user, dokumen=dokumen) as handle:
        data = bytearray(handle.read())
    data[bytes(data).index(b"ReportLab Generated")] = ord("Z")
    page = _periksa(client, bytes(data), kode=dokumen.kode_verifikasi).content.decode()
    assert "TIDAK ASLI" in page
    assert "telah berubah" in page


def test_uploaded_garbage_is_not_a_500(client):
    response = _periksa(client, b"<html>bukan</html>")
    assert response.status_code == 200
    assert "TIDAK DAPAT DIPASTIKAN ASLI" in response.content.decode()


def test_verification_is_rate_limited_per_address(client):
    url = reverse("verifikasi:kode", kwargs={"kode": "ZZZZZZZZZZZZ"})
    for _ in range(VERIFIKASI_PER_ALAMAT.max_failures):
        assert client.get(url).status_code == 404
    response = client.get(url)
    assert response.status_code == 429
    assert "Terlalu banyak pemeriksaan" in response.content.decode()
    other = Client(REMOTE_ADDR="10.0.0.9")
    assert other.get(url).status_code == 404
