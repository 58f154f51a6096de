"""Item-level correction (X-2, REQ-8) through HTTP, as the applicant meets it: the
*Perlu Perbaikan* panel, only the marked field and document open, forged posts changing
nothing, replacing the marked document, *Kirim Ulang*; another applicant gets 404s.

The request is sent back by the verifier through the service (their buttons come with
the back office); everything the applicant does goes through the pages.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from sintren.catalog.models import DokumenPersyaratan, Layanan
from sintren.documents.models import Berkas, DataDukung
from sintren.notifications.models import Notifikasi
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import ItemPerbaikan, Pengajuan
from sintren.pengajuan.perbaikan import ItemDiminta
from sintren.pengajuan.services import pengajuan_minta_perbaikan
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.pengajuan.tests.perbaikan_setup import (
    CATATAN_KTP,
    CATATAN_NAMA_BAYI,
    berkas_root_in,
    dikembalikan,
    diproses,
    dokumen_layanan,
    scan,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_kerja")]
Status = StatusPengajuan
BELUM_DIGANTI = (
    "Data Dukung KTP Ayah belum diganti. Unggah dokumen pengganti melalui Tambah Dokumen."
)


@pytest.fixture(autouse=True)
def berkas_root(settings: Any, tmp_path: Path) -> Path:
    return berkas_root_in(settings, tmp_path)


@pytest.fixture
def dokumen(layanan: Layanan) -> tuple[DokumenPersyaratan, DokumenPersyaratan]:
    return dokumen_layanan(layanan)


@pytest.fixture
def ktp(dokumen: tuple[DokumenPersyaratan, DokumenPersyaratan]) -> DokumenPersyaratan:
    return dokumen[0]


@pytest.fixture
def surat(dokumen: tuple[DokumenPersyaratan, DokumenPersyaratan]) -> DokumenPersyaratan:
    return dokumen[1]


@pytest.fixture
def perbaikan(pemohon, layanan, ktp, verifikator) -> Pengajuan:
    return dikembalikan(pemohon, layanan, verifikator, ktp)


@pytest.fixture
def masuk(client: Client, pemohon: Any) -> Client:
    client.force_login(pemohon.user)
    return client


def _url(name: str, pengajuan: Pengajuan) -> str:
    return reverse(f"pengajuan:{name}", args=[pengajuan.kode])


def _tambah(pengajuan: Pengajuan, dokumen: DokumenPersyaratan) -> str:
    return reverse("documents:tambah", args=[pengajuan.kode, dokumen.pk])


def _hapus(pengajuan: Pengajuan, dokumen: DokumenPersyaratan) -> str:
    link = DataDukung.objects.filter(pengajuan=pengajuan, dokumen=dokumen).first()
    assert link is not None
    return reverse("documents:hapus", args=[pengajuan.kode, link.pk])


def _html(response: Any) -> str:
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def _tag(html: str, name: str) -> str:
    """The opening tag of the input (or textarea, select) named ``name``."""
    match = re.search(rf'<(?:input|textarea|select)\b[^>]*\bname="{name}"[^>]*>', html)
    assert match is not None, name
    return match[0]


def _unggah(client: Client, url: str, seed: int) -> Any:
    upload = SimpleUploadedFile(f"ganti{seed}.jpg", scan(seed), content_type="image/jpeg")
    return client.post(
        url,
        {"aksi": "unggah", "berkas": upload, "tanggal_dokumen": "2026-12-01", "lembar": "1"},
    )


def _form_edit(**overrides: str) -> dict[str, str]:
    data = {
        "subjek_nik": "",
        "subjek_nama": "Bayi Ny. Sari",
        "detail": "Permohonan untuk pengujian.",
        "tambahan_nama_bayi": "Bayi Ny. Sari",
        "tambahan_berat_bayi": "3100",
    }
    data.update(overrides)
    return data


# --- the detail page -------------------------------------------------------------------------
def test_detail_shows_what_to_fix_and_opens_only_the_marked_rows(masuk, perbaikan, ktp, surat):
    html = _html(masuk.get(_url("detail", perbaikan)))
    panel = html[html.index('id="perlu-perbaikan"') : html.index('class="data-list"')]
    assert "<h2>Perlu Perbaikan</h2>" in panel
    assert "Data Dukung KTP Ayah" in panel
    assert CATATAN_KTP in panel
    assert "Nama bayi" in panel
    assert CATATAN_NAMA_BAYI in panel
    assert "belum diganti" in panel
    assert f'href="#dokumen-{ktp.pk}"' in panel
    assert f'href="{_url("edit", perbaikan)}#id_tambahan_nama_bayi"' in panel
    assert "Surat Keterangan Lahir" not in panel
    # The marked Data Dukung row is highlighted with its note; only it may change.
    assert f'<tr id="dokumen-{ktp.pk}" class="baris-perbaikan">' in html
    assert f'<tr id="dokumen-{surat.pk}">' in html
    assert f"Perlu diperbaiki: {CATATAN_KTP}" in html
    assert _tambah(perbaikan, ktp) in html
    assert _hapus(perbaikan, ktp) in html
    assert _tambah(perbaikan, surat) not in html
    assert _hapus(perbaikan, surat) not in html
    # Kirim Ulang instead of the first sending's form; Edit Pengajuan for the field.
    assert f'action="{_url("kirim_ulang", perbaikan)}#kirim-ulang"' in html
    assert f'action="{_url("kirim", perbaikan)}"' not in html
    assert 'href="' + _url("edit", perbaikan) + '"' in html
    assert "Perlu Perbaikan</span>" in html  # the status badge, the manual's label


def test_a_draft_has_no_correction_panel_and_keeps_kirim_pengajuan(masuk, pemohon, layanan, surat):
    draf = PengajuanFactory.create(pemohon=pemohon, layanan=layanan)
    html = _html(masuk.get(_url("detail", draf)))
    assert 'id="perlu-perbaikan"' not in html
    assert 'id="kirim-ulang"' not in html
    assert f'action="{_url("kirim", draf)}"' in html
    assert _tambah(draf, surat) in html


# --- editing only the marked field -----------------------------------------------------------
def test_edit_page_opens_only_the_marked_field(masuk, perbaikan):
    html = _html(masuk.get(_url("edit", perbaikan)))
    assert " disabled" not in _tag(html, "tambahan_nama_bayi")
    assert 'id="id_tambahan_nama_bayi"' in html
    for name in ("subjek_nik", "subjek_nama", "detail", "tambahan_berat_bayi", "nomor_hp"):
        assert " disabled" in _tag(html, name), name
    assert f"Perlu diperbaiki: {CATATAN_NAMA_BAYI}" in html
    assert "hanya data yang ditandai Verifikator Dinas yang dapat diubah" in html


def test_forged_post_changes_only_the_marked_field(masuk, perbaikan):
    before = Pengajuan.objects.get(pk=perbaikan.pk)
    forged = _form_edit(
        subjek_nik="3326071708900001",
        subjek_nama="Orang Lain",
        detail="Diubah diam-diam",
        tambahan_nama_bayi="Bayi Ny. Sari Rahayu",
        tambahan_berat_bayi="9999",
        nomor_hp="081200000000",
    )
    response = masuk.post(_url("edit", perbaikan), forged)
    assert response["Location"] == _url("detail", perbaikan)
    after = Pengajuan.objects.get(pk=perbaikan.pk)
    assert after.data_tambahan == {"nama_bayi": "Bayi Ny. Sari Rahayu", "berat_bayi": "3100"}
    for field in ("subjek_nik", "subjek_nama", "detail", "nomor_hp", "subjek_kunci", "status"):
        assert getattr(after, field) == getattr(before, field), field


def test_edit_is_closed_when_only_documents_are_marked(masuk, pemohon, layanan, ktp, verifikator):
    pengajuan = diproses(pemohon, layanan, verifikator)
    pengajuan_minta_perbaikan(
        actor=verifikator, pengajuan=pengajuan, items=[ItemDiminta.untuk_dokumen(ktp.pk, "Buram")]
    )
    response = masuk.post(_url("edit", pengajuan), _form_edit(detail="Diubah"), follow=True)
    assert response.redirect_chain == [(_url("detail", pengajuan), 302)]
    assert "perbaiki Data Dukung yang ditandai" in response.content.decode()
    assert Pengajuan.objects.get(pk=pengajuan.pk).detail == "Permohonan untuk pengujian."
    assert 'href="' + _url("edit", pengajuan) + '"' not in response.content.decode()


# --- documents -------------------------------------------------------------------------------
def test_unmarked_document_cannot_be_changed_even_by_a_forged_post(masuk, perbaikan, surat):
    links = list(DataDukung.objects.filter(pengajuan=perbaikan).values_list("pk", "berkas_id"))
    berkas = Berkas.objects.count()
    tambah = _tambah(perbaikan, surat)
    response = masuk.get(tambah, follow=True)
    assert response.redirect_chain == [(_url("detail", perbaikan), 302)]
    assert "tidak ditandai untuk diperbaiki" in response.content.decode()
    assert _unggah(masuk, tambah, 50)["Location"] == _url("detail", perbaikan)
    lama = Berkas.objects.filter(pemohon=perbaikan.pemohon).first()
    assert lama is not None
    assert masuk.post(tambah, {"aksi": "pilih", "berkas": lama.pk})["Location"] == _url(
        "detail", perbaikan
    )
    assert masuk.post(_hapus(perbaikan, surat))["Location"] == _url("detail", perbaikan)
    assert list(DataDukung.objects.filter(pengajuan=perbaikan).values_list("pk", "berkas_id")) == (
        links
    )
    assert Berkas.objects.count() == berkas  # the forged upload was not even stored


# --- Kirim Ulang -----------------------------------------------------------------------------
def test_kirim_ulang_flow(masuk, perbaikan, ktp):
    kirim_ulang = _url("kirim_ulang", perbaikan)
    # Refused while the marked document has not been replaced, with what is missing.
    html = _html(masuk.post(kirim_ulang))
    assert BELUM_DIGANTI in html
    assert Pengajuan.objects.get(pk=perbaikan.pk).status == Status.PERBAIKAN
    # Replace it: a new scan, then the old one removed (allowed for the marked row).
    assert _unggah(masuk, _tambah(perbaikan, ktp), 51)["Location"] == _url("detail", perbaikan)
    lama = DataDukung.objects.filter(pengajuan=perbaikan, dokumen=ktp).order_by("pk").first()
    assert lama is not None
    hapus = reverse("documents:hapus", args=[perbaikan.kode, lama.pk])
    assert masuk.post(hapus)["Location"] == _url("detail", perbaikan)
    assert "sudah diganti" in _html(masuk.get(_url("detail", perbaikan)))
    # And the field.
    masuk.post(_url("edit", perbaikan), _form_edit(tambahan_nama_bayi="Bayi Ny. Sari Rahayu"))
    response = masuk.post(kirim_ulang, follow=True)
    assert response.redirect_chain == [(_url("detail", perbaikan), 302)]
    html = response.content.decode()
    assert "Perbaikan pengajuan berhasil dikirim" in html
    timeline = html[html.index('id="riwayat-status"') :]
    assert timeline.rindex("Pengajuan Dikirim") > timeline.index("Perlu Perbaikan")
    assert "Dikirim ulang setelah perbaikan." in timeline
    assert 'id="perlu-perbaikan"' not in html
    assert 'id="kirim-ulang"' not in html
    assert "Tambah Dokumen" not in html
    perbaikan.refresh_from_db()
    assert perbaikan.status == Status.DIKIRIM
    assert perbaikan.data_tambahan["nama_bayi"] == "Bayi Ny. Sari Rahayu"
    assert not ItemPerbaikan.objects.filter(selesai_pada__isnull=True).exists()
    assert Notifikasi.objects.filter(event="pengajuan_dikirim_ulang").exists()
    # A second press finds it sent: a message, no second transition.
    again = masuk.post(kirim_ulang, follow=True)
    assert "tindakan ini tidak dapat dilakukan" in again.content.decode()
    assert perbaikan.riwayat.filter(status=Status.DIKIRIM).count() == 2  # first + resend


def test_kirim_ulang_takes_only_post(masuk, perbaikan):
    assert masuk.get(_url("kirim_ulang", perbaikan)).status_code == 405


def test_another_applicant_gets_404_and_changes_nothing(client, pemohon_lain, perbaikan, ktp):
    client.force_login(pemohon_lain.user)
    links = DataDukung.objects.filter(pengajuan=perbaikan).count()
    answers = [
        client.get(_url("detail", perbaikan)).status_code,
        client.get(_url("edit", perbaikan)).status_code,
        client.post(_url("edit", perbaikan), _form_edit(tambahan_nama_bayi="X")).status_code,
        client.post(_url("kirim_ulang", perbaikan)).status_code,
        client.get(_tambah(perbaikan, ktp)).status_code,
        _unggah(client, _tambah(perbaikan, ktp), 52).status_code,
        client.post(_hapus(perbaikan, ktp)).status_code,
    ]
    assert set(answers) == {404}
    perbaikan.refresh_from_db()
    assert perbaikan.status == Status.PERBAIKAN
    assert perbaikan.data_tambahan["nama_bayi"] == "Bayi Ny. Sari"
    assert DataDukung.objects.filter(pengajuan=perbaikan).count() == links
