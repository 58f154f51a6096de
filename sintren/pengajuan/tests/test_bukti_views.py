"""The receipt pages (X-5) through HTTP: *Bukti Pengajuan* and its PDF, for a sent
request of the applicant only, and the receipt's place on the detail page."""

from __future__ import annotations

import re
from typing import Any

import pytest
import qrcode
import qrcode.constants
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from sintren.accounts.tests.factories import nik_for
from sintren.catalog.models import HariTutup, Layanan
from sintren.catalog.tests.factories import DokumenPersyaratanFactory, PilihanDokumenJadiFactory
from sintren.documents.models import Berkas, DataDukung
from sintren.pengajuan.bukti import QR_BORDER
from sintren.pengajuan.choices import StatusPengajuan
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.tests import pdfbaca
from sintren.pengajuan.tests.factories import PengajuanFactory
from sintren.pengajuan.tests.helpers import form_pengajuan

# The clock: Wednesday 2 December 2026, 10.00 WIB. With the default target of 3 working
# days a request sent now is expected on Friday 4 December.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("hari_kerja")]
SELESAI = "4 Desember 2026"


@pytest.fixture
def masuk(client: Client, pemohon: Any) -> Client:
    client.force_login(pemohon.user)
    return client


def bukti_url(pengajuan: Pengajuan) -> str:
    return reverse("pengajuan:bukti", args=[pengajuan.kode])


def pdf_url(pengajuan: Pengajuan) -> str:
    return reverse("pengajuan:bukti_pdf", args=[pengajuan.kode])


_berkas_nomor = iter(range(1, 10_000))


def lampirkan(pengajuan: Pengajuan, dokumen: Any, jumlah: int = 1) -> None:
    """Attach ``jumlah`` files of the applicant to ``dokumen`` of the request."""
    for _ in range(jumlah):
        n = next(_berkas_nomor)
        berkas = Berkas.objects.create(
            pemohon=pengajuan.pemohon,
            nama_simpan=f"aa/bb/{n}.jpg",
            thumbnail=f"aa/bb/{n}-t.jpg",
            sha256=f"{n:064d}",
            width=1200,
            height=900,
        )
        DataDukung.objects.create(pengajuan=pengajuan, dokumen=dokumen, berkas=berkas)


@pytest.fixture
def terkirim(pemohon: Any, layanan: Layanan) -> Pengajuan:
    """A sent request of ``pemohon`` with two documents attached (one of them twice)."""
    pengajuan = PengajuanFactory.create(
        pemohon=pemohon,
        layanan=layanan,
        dikirim=True,
        subjek_nik=nik_for(4321),
        subjek_nama="Sari Rahayu",
    )
    ktp = DokumenPersyaratanFactory.create(layanan=layanan, nama="KTP-el ayah", urutan=2)
    surat = DokumenPersyaratanFactory.create(layanan=layanan, nama="Surat kelahiran", urutan=1)
    DokumenPersyaratanFactory.create(layanan=layanan, nama="Buku nikah", urutan=3, wajib=False)
    lampirkan(pengajuan, ktp, 2)
    lampirkan(pengajuan, surat, 1)
    return pengajuan


def qr_modules_of(url: str) -> set[tuple[int, int]]:
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QR_BORDER)
    code.add_data(url)
    code.make(fit=True)
    return {(r, c) for r, row in enumerate(code.get_matrix()) for c, on in enumerate(row) if on}


def svg_in(html: str) -> str:
    match = re.search(r"<svg\b.*?</svg>", html, re.S)
    assert match, "no inline SVG in the page"
    return match[0]


def svg_modules(svg: str) -> set[tuple[int, int]]:
    (d,) = re.findall(r'<path d="([^"]+)"', svg)
    return {(int(y), int(x)) for x, y in re.findall(r"M(\d+),(\d+)H", d)}


def no_store(response: Any) -> bool:
    return "no-store" in {d.strip() for d in response["Cache-Control"].split(",")}


# --- the page -------------------------------------------------------------------------------
def test_receipt_page_shows_the_request(masuk, terkirim, settings):
    response = masuk.get(bukti_url(terkirim))
    assert response.status_code == 200
    assert no_store(response)
    html = response.content.decode()
    assert "<h1" in html
    assert "Bukti Pengajuan</h1>" in html
    assert settings.SINTREN["OFFICE_NAME"] in html
    assert f'id="kode-pengajuan">{terkirim.kode}<' in html
    assert terkirim.layanan.nama in html
    assert "Sari Rahayu" in html
    assert terkirim.subjek_nik not in html  # masked
    assert f"{terkirim.subjek_nik[:6]}******{terkirim.subjek_nik[-4:]}" in html
    assert "2 Desember 2026, 10.00 WIB" in html
    assert "Perkiraan Selesai" in html
    assert f">{SELESAI}</time>" in html
    assert "target 3 hari kerja" in html
    assert "Otomatis" in html
    documents = re.findall(r"<li><span>(.*?)</span> <span[^>]*>(\d+) berkas</span></li>", html)
    assert documents == [("Surat kelahiran", "1"), ("KTP-el ayah", "2")]  # catalogue order
    assert "Buku nikah" not in html  # nothing attached: not on the receipt
    assert f'href="{pdf_url(terkirim)}"' in html
    assert "Unduh PDF" in html


def test_receipt_qr_code_points_to_the_detail_page_on_site_url(masuk, terkirim, settings):
    settings.SITE_URL = "https://sintren.pekalongankab.go.id"
    html = masuk.get(bukti_url(terkirim)).content.decode()
    url = f"https://sintren.pekalongankab.go.id/pemohon/pengajuan/{terkirim.kode}/"
    assert f'<a href="{url}">{url}</a>' in html  # printed under the code
    assert svg_modules(svg_in(html)) == qr_modules_of(url)
    assert "<img" not in html.split('id="bukti-qr"')[1].split("</figure>")[0]  # inline


def test_chosen_output_option_is_named(masuk, terkirim, layanan):
    pilihan = PilihanDokumenJadiFactory.create(layanan=layanan, nama="Ambil di kantor Dinas")
    Pengajuan.objects.filter(pk=terkirim.pk).update(pilihan_dokumen=pilihan)
    html = masuk.get(bukti_url(terkirim)).content.decode()
    assert "Ambil di kantor Dinas" in html
    assert "Otomatis" not in html


def test_closure_day_moves_the_expected_date(masuk, terkirim):
    HariTutup.objects.create(tanggal="2026-12-03", keterangan="Pemeliharaan SIAK")
    html = masuk.get(bukti_url(terkirim)).content.decode()
    assert ">7 Desember 2026</time>" in html  # Wed, (Thu), Fri, Mon


# --- the PDF --------------------------------------------------------------------------------
def test_pdf_download(masuk, terkirim, settings):
    response = masuk.get(pdf_url(terkirim))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="bukti-{terkirim.kode}.pdf"'
    assert no_store(response)
    pdf = response.content
    assert pdfbaca.halaman(pdf) == 1
    text = pdfbaca.teks(pdf)
    assert terkirim.kode in text
    assert f"{SELESAI} (target 3 hari kerja)" in text
    assert terkirim.subjek_nik not in text
    url = settings.SITE_URL + reverse("pengajuan:detail", args=[terkirim.kode])
    assert pdfbaca.modul_qr(pdfbaca.kotak_terisi(pdf), border=QR_BORDER) == qr_modules_of(url)


# --- who and when ---------------------------------------------------------------------------
@pytest.mark.parametrize("status", [StatusPengajuan.DRAF, StatusPengajuan.DIHAPUS])
def test_no_receipt_before_sending(masuk, pemohon, layanan, status):
    pengajuan = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, status=status)
    assert masuk.get(bukti_url(pengajuan)).status_code == 404
    assert masuk.get(pdf_url(pengajuan)).status_code == 404
    html = masuk.get(reverse("pengajuan:detail", args=[pengajuan.kode]))
    if status == StatusPengajuan.DRAF:
        assert bukti_url(pengajuan) not in html.content.decode()


@pytest.mark.parametrize(
    "status", [StatusPengajuan.DIPROSES, StatusPengajuan.PERBAIKAN, StatusPengajuan.SELESAI]
)
def test_receipt_stays_after_sending(masuk, terkirim, status):
    Pengajuan.objects.filter(pk=terkirim.pk).update(status=status)
    assert masuk.get(bukti_url(terkirim)).status_code == 200
    assert masuk.get(pdf_url(terkirim)).status_code == 200


def test_another_applicant_gets_404(client, terkirim, pemohon_lain):
    client.force_login(pemohon_lain.user)
    assert client.get(bukti_url(terkirim)).status_code == 404
    assert client.get(pdf_url(terkirim)).status_code == 404


def test_staff_get_404(client, terkirim, verifikator):
    client.force_login(verifikator)
    assert client.get(bukti_url(terkirim)).status_code == 404
    assert client.get(pdf_url(terkirim)).status_code == 404


def test_anonymous_goes_to_login(client, terkirim):
    for url in (bukti_url(terkirim), pdf_url(terkirim)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:login"))
        assert "next=" in response["Location"]
        assert terkirim.kode not in response.content.decode()


def test_only_get(masuk, terkirim):
    assert masuk.post(bukti_url(terkirim)).status_code == 405
    assert masuk.post(pdf_url(terkirim)).status_code == 405


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def test_query_count_does_not_grow_with_documents(masuk, pemohon, layanan):
    satu = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, dikirim=True)
    lima = PengajuanFactory.create(pemohon=pemohon, layanan=layanan, dikirim=True)
    dokumen = [DokumenPersyaratanFactory.create(layanan=layanan) for _ in range(5)]
    lampirkan(satu, dokumen[0])
    for item in dokumen:
        lampirkan(lima, item, 2)
    for url_of in (bukti_url, pdf_url):
        masuk.get(url_of(satu))  # warm up the session and caches
        assert _queries(masuk, url_of(satu)) == _queries(masuk, url_of(lima))
    assert len(re.findall(r"2 berkas", masuk.get(bukti_url(lima)).content.decode())) == 5


# --- the detail page and sending ------------------------------------------------------------
def test_detail_of_a_sent_request_links_the_receipt_and_shows_the_expected_date(masuk, terkirim):
    html = masuk.get(reverse("pengajuan:detail", args=[terkirim.kode])).content.decode()
    assert f'href="{bukti_url(terkirim)}"' in html
    assert "Perkiraan Selesai" in html
    assert f'id="perkiraan-selesai">{SELESAI}<' in html


def test_detail_shows_no_expected_date_once_finished(masuk, terkirim):
    Pengajuan.objects.filter(pk=terkirim.pk).update(status=StatusPengajuan.SELESAI)
    html = masuk.get(reverse("pengajuan:detail", args=[terkirim.kode])).content.decode()
    assert "Perkiraan Selesai" not in html
    assert f'href="{bukti_url(terkirim)}"' in html  # the receipt stays


def test_sending_says_where_the_receipt_is(masuk, pemohon, layanan):
    response = masuk.post(
        reverse("pengajuan:baru", args=["akta-kelahiran"]), form_pengajuan(pemohon)
    )
    kode = response["Location"].rstrip("/").rsplit("/", 1)[-1]
    draft_html = masuk.get(response["Location"]).content.decode()
    assert "Perkiraan Selesai" not in draft_html
    response = masuk.post(
        reverse("pengajuan:kirim", args=[kode]), {"persetujuan": "on"}, follow=True
    )
    html = response.content.decode()
    assert "Pengajuan berhasil dikirim" in html
    assert "Bukti Pengajuan" in html.split('class="messages"')[1].split("</div>")[0]
    assert f'href="{reverse("pengajuan:bukti", args=[kode])}"' in html
    assert f'id="perkiraan-selesai">{SELESAI}<' in html
