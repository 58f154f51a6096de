"""The *Data Dukung* pages through HTTP (DOC-1, DOC-2, DOC-3, DOC-5, SEC-4): upload,
refusals, deduplication, earlier files, detaching, sending, access and serving."""

from __future__ import annotations

import io
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from sintren.core.models import AuditEvent
from sintren.documents.models import Berkas, DataDukung
from sintren.documents.services import berkas_orphan_sweep
from sintren.documents.storage import private_storage, random_name, store_atomically
from sintren.documents.tests.test_validation import HTML, document, encode, gps_exif, png, raw_png
from sintren.documents.validation import QualityWarning, Refusal
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.tests.factories import PengajuanFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_kerja", "berkas_root")]


@pytest.fixture
def masuk(client: Client, pemohon: Any) -> Client:
    client.force_login(pemohon.user)
    return client


def foto_gps() -> bytes:
    """A sharp page of text with EXIF that holds a GPS position and a camera name."""
    return encode(document(), "JPEG", exif=gps_exif(1).tobytes(), quality=90)


def files_in(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()] if root.exists() else []


def age_files(root: Path, age: timedelta) -> None:
    """Set every file's time to ``age`` before ``timezone.now()``."""
    then = (timezone.now() - age).timestamp()
    for path in files_in(root):
        os.utime(path, (then, then))


def tambah_url(pengajuan: Pengajuan, dokumen: Any) -> str:
    return reverse("documents:tambah", args=[pengajuan.kode, dokumen.pk])


def unggah(client: Client, url: str, data: bytes, name: str = "foto.jpg", **extra: str) -> Any:
    payload = {
        "aksi": "unggah",
        "berkas": SimpleUploadedFile(name, data, content_type="image/jpeg"),
        "tanggal_dokumen": "2026-11-30",
        "lembar": "1",
        "catatan": "",
        **extra,
    }
    return client.post(url, payload)


def detail_url(pengajuan: Pengajuan) -> str:
    return reverse("pengajuan:detail", args=[pengajuan.kode])


# --- upload -----------------------------------------------------------------------------------
def test_page_offers_both_choices(masuk, draf, ktp):
    html = masuk.get(tambah_url(draf, ktp)).content.decode()
    assert "Pilih Dokumen Lama" in html
    assert "Upload Baru" in html
    assert 'accept=".jfif,.jpeg,.jpg,.png"' in html
    assert 'value="2026-12-02"' in html  # Tanggal Dokumen: today
    assert 'name="lembar" value="1"' in html
    assert "KTP Ayah" in html
    assert draf.kode in html


def test_jpeg_with_gps_is_accepted_and_stored_without_exif(masuk, draf, ktp, berkas_root):
    original = foto_gps()
    assert Image.open(io.BytesIO(original)).getexif().get_ifd(0x8825)
    response = unggah(masuk, tambah_url(draf, ktp), original, catatan="Halaman depan")
    assert response.status_code == 302
    assert response["Location"] == detail_url(draf)
    berkas = Berkas.objects.get()
    assert (berkas.pemohon, berkas.lembar, berkas.catatan) == (draf.pemohon, 1, "Halaman depan")
    assert str(berkas.tanggal_dokumen) == "2026-11-30"
    assert berkas.peringatan == []
    assert DataDukung.objects.filter(pengajuan=draf, dokumen=ktp, berkas=berkas).exists()
    stored = (berkas_root / berkas.nama_simpan).read_bytes()
    assert stored.startswith(b"\xff\xd8\xff")
    assert b"Exif" not in stored
    assert b"GPS" not in stored
    assert b"KameraHP" not in stored
    assert len(files_in(berkas_root)) == 2  # the image and its thumbnail
    assert AuditEvent.objects.filter(action="berkas.unggah").count() == 1
    assert AuditEvent.objects.filter(action="datadukung.tambah").count() == 1
    html = masuk.get(detail_url(draf)).content.decode()
    assert reverse("documents:thumbnail", args=[draf.kode, berkas.pk]) in html
    assert reverse("documents:berkas", args=[draf.kode, berkas.pk]) in html


@pytest.mark.parametrize(
    ("name", "make", "code"),
    [
        ("foto.png", lambda: png() + HTML, Refusal.SUSPICIOUS),
        ("bom.png", lambda: raw_png(20000, 20000, rows=1), Refusal.TOO_MANY_PIXELS),
        ("kosong.jpg", lambda: b"", Refusal.EMPTY),
        ("skrip.svg", lambda: b"<svg onload=alert(1)>", Refusal.EXTENSION),
    ],
    ids=["png-html-polyglot", "bomb-20000x20000", "empty", "svg"],
)
def test_refused_upload_shows_its_message_and_stores_nothing(  # noqa: PLR0917
    masuk, draf, ktp, berkas_root, name, make, code
):
    response = unggah(masuk, tambah_url(draf, ktp), make(), name=name)
    assert response.status_code == 200
    html = response.content.decode()
    assert str(code.label) in html
    assert 'id="id_berkas_error"' in html  # at the file field
    assert not Berkas.objects.exists()
    assert not DataDukung.objects.exists()
    assert files_in(berkas_root) == []


def test_same_image_is_stored_once(masuk, draf, ktp, surat, berkas_root):
    data = foto_gps()
    assert unggah(masuk, tambah_url(draf, ktp), data).status_code == 302
    assert unggah(masuk, tambah_url(draf, surat), data, name="lagi.JPG").status_code == 302
    berkas = Berkas.objects.get()
    assert set(DataDukung.objects.values_list("dokumen", "berkas")) == {
        (ktp.pk, berkas.pk),
        (surat.pk, berkas.pk),
    }
    assert len(files_in(berkas_root)) == 2


def test_quality_warning_keeps_the_file(masuk, draf, ktp):
    gelap = encode(Image.new("RGB", (400, 300), (10, 10, 10)), "JPEG")
    response = masuk.post(
        tambah_url(draf, ktp),
        {
            "aksi": "unggah",
            "berkas": SimpleUploadedFile("gelap.jpg", gelap),
            "tanggal_dokumen": "2026-12-02",
            "lembar": "2",
        },
        follow=True,
    )
    html = response.content.decode()
    berkas = Berkas.objects.get()
    assert QualityWarning.DARK in berkas.peringatan
    assert str(QualityWarning.DARK.label) in html
    assert "hapus dokumen ini" in html
    assert DataDukung.objects.filter(pengajuan=draf, berkas=berkas).exists()


# --- earlier files, detaching -------------------------------------------------------------------
def test_choose_an_earlier_document(masuk, pemohon, draf, ktp, layanan):
    unggah(masuk, tambah_url(draf, ktp), foto_gps())
    berkas = Berkas.objects.get()
    draf.status = StatusPengajuan.SELESAI
    draf.save()
    baru = PengajuanFactory.create(
        pemohon=pemohon, layanan=layanan, data_tambahan={"nama_bayi": "Bayi"}
    )
    url = tambah_url(baru, ktp)
    html = masuk.get(url).content.decode()
    assert f'name="berkas" value="{berkas.pk}"' in html
    assert "30-11-2026" in html
    assert "Lembar ke" in html
    response = masuk.post(url, {"aksi": "pilih", "berkas": berkas.pk})
    assert response["Location"] == detail_url(baru)
    assert DataDukung.objects.filter(pengajuan=baru, dokumen=ktp, berkas=berkas).exists()
    assert Berkas.objects.count() == 1


def test_choosing_nothing_or_someone_elses_file_is_refused(masuk, draf, ktp, pemohon_lain):
    lain = Berkas.objects.create(
        pemohon=pemohon_lain,
        nama_simpan="aa/bb/x.jpg",
        thumbnail="aa/bb/y.jpg",
        sha256="0" * 64,
        width=1,
        height=1,
    )
    url = tambah_url(draf, ktp)
    assert "Pilih salah satu dokumen lama" in masuk.post(url, {"aksi": "pilih"}).content.decode()
    response = masuk.post(url, {"aksi": "pilih", "berkas": lain.pk})
    assert response.status_code == 200
    assert not DataDukung.objects.exists()


def test_detach_asks_first_and_keeps_the_file(masuk, draf, ktp):
    unggah(masuk, tambah_url(draf, ktp), foto_gps())
    link = DataDukung.objects.get()
    url = reverse("documents:hapus", args=[draf.kode, link.pk])
    assert url in masuk.get(detail_url(draf)).content.decode()
    assert "Ya, Hapus" in masuk.get(url).content.decode()
    assert DataDukung.objects.exists()
    assert masuk.post(url)["Location"] == detail_url(draf)
    assert not DataDukung.objects.exists()
    assert Berkas.objects.count() == 1
    assert AuditEvent.objects.filter(action="datadukung.hapus").count() == 1


def test_sent_request_cannot_be_changed(masuk, pemohon, layanan, ktp, draf):
    unggah(masuk, tambah_url(draf, ktp), foto_gps())
    link = DataDukung.objects.get()
    Pengajuan.objects.filter(pk=draf.pk).update(status=StatusPengajuan.DIKIRIM)
    assert masuk.get(tambah_url(draf, ktp))["Location"] == detail_url(draf)
    hapus = reverse("documents:hapus", args=[draf.kode, link.pk])
    assert masuk.post(hapus)["Location"] == detail_url(draf)
    assert DataDukung.objects.exists()
    html = masuk.get(detail_url(draf)).content.decode()
    assert "Tambah Dokumen" not in html
    assert hapus not in html
    assert reverse("documents:thumbnail", args=[draf.kode, link.berkas_id]) in html


# --- sending (REQ-6) ------------------------------------------------------------------------------
def test_send_refused_until_the_mandatory_document_is_attached(masuk, draf, ktp):
    kirim = reverse("pengajuan:kirim", args=[draf.kode])
    html = masuk.post(kirim, {"persetujuan": "on"}).content.decode()
    assert "Data Dukung wajib belum diunggah: KTP Ayah." in html
    assert "Surat Keterangan Lahir" not in html.split("Data Dukung wajib")[1][:200]
    draf.refresh_from_db()
    assert draf.status == StatusPengajuan.DRAF
    unggah(masuk, tambah_url(draf, ktp), foto_gps())
    assert masuk.post(kirim, {"persetujuan": "on"})["Location"] == detail_url(draf)
    draf.refresh_from_db()
    assert draf.status == StatusPengajuan.DIKIRIM


def test_panel_lists_documents_with_badge_and_example(masuk, draf, ktp, layanan):
    from sintren.catalog.tests.factories import DokumenPersyaratanFactory

    contoh = DokumenPersyaratanFactory.create(
        layanan=layanan, nama="Buku Nikah", wajib=False, dengan_contoh=True, urutan=3
    )
    html = masuk.get(detail_url(draf)).content.decode()
    for text in ("Data Dukung", "Nama Dokumen", "Contoh File", "File Dokumen", "wajib", "KTP asli"):
        assert text in html
    assert reverse("catalog:contoh", args=[contoh.pk]) in html
    assert tambah_url(draf, ktp) in html


# --- access and serving (SEC-1, SEC-4) ---------------------------------------------------------
def test_files_are_served_with_safe_headers(masuk, draf, ktp, berkas_root):
    unggah(masuk, tambah_url(draf, ktp), foto_gps())
    berkas = Berkas.objects.get()
    for name, stored in (("berkas", berkas.nama_simpan), ("thumbnail", berkas.thumbnail)):
        response = masuk.get(reverse(f"documents:{name}", args=[draf.kode, berkas.pk]))
        assert response.status_code == 200
        assert response.content == (berkas_root / stored).read_bytes()
        assert response["Content-Type"] == "image/jpeg"
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Content-Disposition"] == 'inline; filename="dokumen.jpg"'
        # The view sets "private, no-store"; NoStoreMiddleware adds more.
        directives = {d.strip() for d in response["Cache-Control"].split(",")}
        assert {"private", "no-store"} <= directives


def test_another_applicant_gets_404(client, masuk, pemohon_lain, draf, ktp, layanan):  # noqa: PLR0917
    unggah(masuk, tambah_url(draf, ktp), foto_gps())
    berkas = Berkas.objects.get()
    link = DataDukung.objects.get()
    client.force_login(pemohon_lain.user)
    urls = [
        tambah_url(draf, ktp),
        reverse("documents:hapus", args=[draf.kode, link.pk]),
        reverse("documents:berkas", args=[draf.kode, berkas.pk]),
        reverse("documents:thumbnail", args=[draf.kode, berkas.pk]),
    ]
    # B's own request does not open A's file either.
    milik_b = PengajuanFactory.create(
        pemohon=pemohon_lain, layanan=layanan, data_tambahan={"nama_bayi": "X"}
    )
    urls += [
        reverse("documents:berkas", args=[milik_b.kode, berkas.pk]),
        reverse("documents:thumbnail", args=[milik_b.kode, berkas.pk]),
    ]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert client.post(urls[1]).status_code == 404
    assert client.post(urls[0], {"aksi": "pilih", "berkas": berkas.pk}).status_code == 404
    refused = client.post(tambah_url(milik_b, ktp), {"aksi": "pilih", "berkas": berkas.pk})
    assert refused.status_code == 200
    assert DataDukung.objects.count() == 1


def test_files_are_not_under_a_public_url(masuk, draf, ktp):
    unggah(masuk, tambah_url(draf, ktp), foto_gps())
    berkas = Berkas.objects.get()
    default_root = (settings.DATA_DIR / "berkas").resolve()
    for public_root in (settings.MEDIA_ROOT, settings.STATIC_ROOT):
        assert not default_root.is_relative_to(Path(public_root).resolve())
    with pytest.raises(NotImplementedError):
        private_storage().url(berkas.nama_simpan)
    for prefix in (settings.MEDIA_URL, settings.STATIC_URL, "/"):
        assert masuk.get(f"{prefix}{berkas.nama_simpan}").status_code == 404


# --- the orphan sweeper ---------------------------------------------------------------------
def test_orphan_sweep_deletes_only_unreferenced_files(masuk, draf, ktp, berkas_root):
    unggah(masuk, tambah_url(draf, ktp), foto_gps())
    storage = private_storage()
    orphan = store_atomically(storage, random_name("jpg"), b"sisa")
    # Files aged by the clock the sweep reads (frozen on a working day), not by their
    # real time, which the frozen clock may lie before.
    age_files(berkas_root, timedelta(minutes=10))
    assert berkas_orphan_sweep(older_than=timedelta(hours=1)) == 0  # too new
    age_files(berkas_root, timedelta(days=2))
    assert berkas_orphan_sweep(older_than=timedelta(hours=1)) == 1
    assert not (berkas_root / orphan).exists()
    assert len(files_in(berkas_root)) == 2
