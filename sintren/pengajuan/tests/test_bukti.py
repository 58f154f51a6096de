"""The receipt's PDF and QR code (X-5), from plain data: one A4 page with the code, the
dates and the documents, and a QR code that encodes the request's tracking address."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest
import qrcode
import qrcode.constants
from django.utils import translation

from sintren.pengajuan.bukti import (
    QR_BORDER,
    BuktiPengajuan,
    DokumenTerlampir,
    bukti_pdf,
    qr_svg,
)
from sintren.pengajuan.tests import pdfbaca

URL = "http://sintren.example/pemohon/pengajuan/AKL33260001/"
A4 = (0.0, 0.0, 595.2756, 841.8898)
SVG = "http://www.w3.org/2000/svg"


@pytest.fixture(autouse=True)
def _bahasa_indonesia():
    with translation.override("id"):
        yield


def data(**overrides: object) -> BuktiPengajuan:
    values: dict[str, object] = {
        "kantor": "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Pekalongan",
        "aplikasi": "SINTREN – Sistem Informasi Pelayanan Online",
        "kode": "AKL33260001",
        "layanan": "Akta Kelahiran",
        "subjek_nama": "Bayi Ny. Sari",
        "subjek_nik": "332607******0006",
        "dikirim_pada": dt.datetime(2026, 12, 30, 3, 0, tzinfo=dt.UTC),  # 10.00 WIB
        "perkiraan_selesai": dt.date(2027, 1, 6),
        "target_hari_kerja": 3,
        "pilihan_dokumen": "Otomatis",
        "dokumen": (
            DokumenTerlampir("Surat keterangan kelahiran", 1),
            DokumenTerlampir("Kartu Keluarga (KK)", 2),
        ),
        "url_lacak": URL,
    }
    values.update(overrides)
    return BuktiPengajuan(**values)  # type: ignore[arg-type]


def expected_matrix(url: str) -> list[list[bool]]:
    """The QR code of ``url`` made here, independently of the module under test."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=QR_BORDER)
    code.add_data(url)
    code.make(fit=True)
    return code.get_matrix()


def dark(matrix: list[list[bool]]) -> set[tuple[int, int]]:
    return {(r, c) for r, row in enumerate(matrix) for c, on in enumerate(row) if on}


# --- PDF ------------------------------------------------------------------------------------
def test_pdf_is_one_a4_page_with_the_receipt_text():
    pdf = bukti_pdf(data())
    assert pdf.startswith(b"%PDF-")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert pdfbaca.halaman(pdf) == 1
    assert pdfbaca.ukuran_halaman(pdf) == [A4]
    text = pdfbaca.teks(pdf)
    assert "AKL33260001" in text
    assert "BUKTI PENGAJUAN" in text
    assert "DINAS KEPENDUDUKAN DAN PENCATATAN SIPIL KABUPATEN PEKALONGAN" in text
    assert "30 Desember 2026, 10.00 WIB" in text
    assert "6 Januari 2027 (target 3 hari kerja)" in text
    assert "332607******0006" in text
    assert "Otomatis" in text
    assert "Surat keterangan kelahiran" in text
    assert "Kartu Keluarga (KK)" in text
    assert "2 berkas" in text
    assert URL in text


def test_pdf_is_the_same_file_every_time():
    assert bukti_pdf(data()) == bukti_pdf(data())


def test_many_documents_still_fit_one_page():
    many = tuple(DokumenTerlampir(f"Dokumen persyaratan nomor {n}", 1) for n in range(1, 61))
    pdf = bukti_pdf(data(dokumen=many))
    assert pdfbaca.halaman(pdf) == 1
    text = pdfbaca.teks(pdf)
    assert "Dokumen persyaratan nomor 1\n" in text
    shown = len(re.findall(r"^Dokumen persyaratan nomor \d+$", text, re.M))
    assert 5 < shown < 60
    assert f"… dan {60 - shown} dokumen lain (lihat Detail Pengajuan)" in text
    # The QR code is still whole below the list.
    assert pdfbaca.modul_qr(pdfbaca.kotak_terisi(pdf), border=QR_BORDER) == dark(
        expected_matrix(URL)
    )


def test_no_documents_is_said():
    text = pdfbaca.teks(bukti_pdf(data(dokumen=())))
    assert "Tidak ada data dukung yang dilampirkan." in text


def test_pdf_qr_code_encodes_the_tracking_address():
    rects = pdfbaca.kotak_terisi(bukti_pdf(data()))
    assert rects
    assert len({(round(w, 3), round(h, 3)) for _, _, w, h in rects}) == 1  # equal squares
    drawn = pdfbaca.modul_qr(rects, border=QR_BORDER)
    assert drawn == dark(expected_matrix(URL))
    assert drawn != dark(expected_matrix(URL.replace("0001", "0002")))


# --- SVG ------------------------------------------------------------------------------------
def svg_modules(svg: str) -> set[tuple[int, int]]:
    """The dark modules of the factory's path: one ``M x,y H.. V.. H.. z`` per module."""
    (d,) = re.findall(r'<path d="([^"]+)"', svg)
    return {(int(y), int(x)) for x, y in re.findall(r"M(\d+),(\d+)H", d)}


def test_svg_qr_code_encodes_the_tracking_address():
    svg = qr_svg(URL, label="Kode QR")
    assert svg_modules(svg) == dark(expected_matrix(URL))
    assert svg_modules(svg) != dark(expected_matrix(URL + "x"))


def test_svg_is_inline_sized_by_css_and_named():
    svg = qr_svg(URL, label='QR <script>alert("x")</script>')
    root = ET.fromstring(svg)  # noqa: S314 (our own output, parsed to check it)
    assert root.tag == f"{{{SVG}}}svg"  # the default namespace: an HTML parser's inline SVG
    assert "width" not in root.attrib
    assert "height" not in root.attrib
    assert root.get("class") == "bukti-qr-gambar"
    assert root.get("role") == "img"
    assert root.get("aria-label") == 'QR <script>alert("x")</script>'
    assert root[0].tag == f"{{{SVG}}}title"
    assert root[0].text == 'QR <script>alert("x")</script>'
    assert "<script>" not in svg  # escaped, in the attribute and in the title
    assert 'id="' not in svg
    assert "http" not in svg.replace('xmlns="http://www.w3.org/2000/svg"', "")  # no link out
