"""The receipt of a sent request (*Bukti Pengajuan*, X-5): its data, QR code and PDF.

Pure: nothing here reads the database, the clock or the request.
:func:`sintren.pengajuan.selectors.bukti_data` gathers a :class:`BuktiPengajuan` once;
the HTML page and :func:`bukti_pdf` show the same data. The QR code encodes the absolute
address of the request's detail page (its tracking page) and is built once by
:func:`qr_code`: :func:`qr_svg` draws it for the page as inline SVG (qrcode's SVG path
factory: no image request), :func:`bukti_pdf` draws the same modules with ReportLab.

The PDF is one A4 page whatever the data: a long list of documents is cut with a line
saying how many more there are. Its bytes are deterministic (ReportLab's *invariant*
mode), so the same receipt downloads the same file.
"""

from __future__ import annotations

import io
import textwrap
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING

import qrcode
import qrcode.constants
from django.utils import formats
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _
from qrcode.image.svg import SvgPathImage

from sintren.pengajuan.availability import ZONA

if TYPE_CHECKING:
    from reportlab.pdfgen.canvas import Canvas

QR_BORDER = 4  # modules of quiet zone around the code, as scanners expect
MARGIN = 50.0
LABEL_X = MARGIN
VALUE_X = MARGIN + 150
LINE = 17.0
QR_SIZE = 130.0  # points, about 4.6 cm: easy to scan from paper
QR_BAWAH = MARGIN + 80  # the lowest the QR code goes: its address and the note below


@dataclass(frozen=True)
class DokumenTerlampir:
    """One required document of the service and how many files are attached to it."""

    nama: str
    jumlah: int


@dataclass(frozen=True)
class BuktiPengajuan:
    """Everything a receipt shows; ``subjek_nik`` is already masked."""

    kantor: str
    aplikasi: str
    kode: str
    layanan: str
    subjek_nama: str
    subjek_nik: str
    dikirim_pada: datetime
    perkiraan_selesai: date
    target_hari_kerja: int
    pilihan_dokumen: str
    dokumen: tuple[DokumenTerlampir, ...]
    url_lacak: str


# --- shown as text, the same on the page and in the PDF ------------------------------------
def tanggal_teks(value: date) -> str:
    """A date as the site writes it: ``2 Desember 2026``."""
    return formats.date_format(value, "j F Y")


def waktu_teks(value: datetime) -> str:
    """An instant in office time as the site writes it: ``2 Desember 2026, 10.00 WIB``."""
    lokal = value.astimezone(ZONA)
    return f"{formats.date_format(lokal, 'j F Y')}, {lokal:%H.%M} WIB"


def jumlah_berkas_teks(jumlah: int) -> str:
    """``1 berkas``, ``3 berkas``."""
    return _("%(jumlah)d berkas") % {"jumlah": jumlah}


# --- QR code --------------------------------------------------------------------------------
def qr_code(url: str) -> qrcode.QRCode[SvgPathImage]:
    """The QR code of ``url``: smallest version that fits, medium error correction."""
    code: qrcode.QRCode[SvgPathImage] = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        border=QR_BORDER,
        image_factory=SvgPathImage,
    )
    code.add_data(url)
    code.make(fit=True)
    return code


def qr_matrix(url: str) -> list[list[bool]]:
    """The modules of ``url``'s QR code, quiet zone included, row by row (``True``: dark)."""
    return [list(row) for row in qr_code(url).get_matrix()]


def qr_svg(url: str, *, label: str) -> SafeString:
    """``url``'s QR code as an inline ``<svg>`` element, sized by CSS, named ``label``.

    Drawn from :func:`qr_matrix`, one unit square per dark module (``M x,y H V H z``), so
    it depends on no image factory (qrcode's SVG factories change with lxml installed).
    No size (the page sizes it) and no id (it could clash); a ``<title>`` and
    ``role="img"`` name it for screen readers. ``format_html`` escapes the label in the
    attribute and the text; the rest is numbers.
    """
    matrix = qr_matrix(url)
    path = "".join(
        f"M{x},{y}H{x + 1}V{y + 1}H{x}z"
        for y, row in enumerate(matrix)
        for x, dark in enumerate(row)
        if dark
    )
    return format_html(
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {n} {n}" '
        'class="bukti-qr-gambar" role="img" aria-label="{label}" focusable="false">'
        '<title>{label}</title><path d="{path}" fill="#000"/></svg>',
        n=len(matrix),
        label=label,
        path=path,
    )


# --- PDF ------------------------------------------------------------------------------------
def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, width) or [""]


def _draw_qr(canvas: Canvas, url: str, *, x: float, y: float, size: float) -> None:
    """Draw ``url``'s QR code as filled squares, lower-left corner at (``x``, ``y``)."""
    matrix = qr_matrix(url)
    step = size / len(matrix)
    canvas.setFillColorRGB(0, 0, 0)
    for row_number, row in enumerate(matrix):
        top = y + size - (row_number + 1) * step
        for column, dark in enumerate(row):
            if dark:
                canvas.rect(x + column * step, top, step, step, stroke=0, fill=1)


class _Halaman:
    """A cursor down the single A4 page."""

    def __init__(self, canvas: Canvas, width: float, height: float) -> None:
        self.canvas, self.width, self.height = canvas, width, height
        self.y = height - MARGIN

    def centred(self, text: str, font: str, size: float, gap: float) -> None:
        self.canvas.setFont(font, size)
        self.canvas.drawCentredString(self.width / 2, self.y, text)
        self.y -= gap

    def row(self, label: str, value: str, *, bold: bool = False) -> None:
        c = self.canvas
        c.setFont("Helvetica", 10)
        c.drawString(LABEL_X, self.y, label)
        c.drawString(VALUE_X - 10, self.y, ":")
        c.setFont("Helvetica-Bold" if bold else "Helvetica", 10)
        for line in _wrap(value, 62):
            c.drawString(VALUE_X, self.y, line)
            self.y -= LINE
        self.y -= 2

    def rule(self, width: float = 0.75) -> None:
        self.canvas.setLineWidth(width)
        self.canvas.line(MARGIN, self.y, self.width - MARGIN, self.y)


def _kop(page: _Halaman, data: BuktiPengajuan) -> None:
    for line in _wrap(data.kantor.upper(), 60):
        page.centred(line, "Helvetica-Bold", 13, 16)
    page.centred(data.aplikasi, "Helvetica", 10, 10)
    page.rule(1.5)
    page.y -= 34
    page.centred(_("BUKTI PENGAJUAN"), "Helvetica-Bold", 16, 30)


def _kode(page: _Halaman, data: BuktiPengajuan) -> None:
    page.centred(_("Kode Pengajuan"), "Helvetica", 10, 22)
    page.centred(data.kode, "Helvetica-Bold", 22, 30)


def _rincian(page: _Halaman, data: BuktiPengajuan) -> None:
    page.row(_("Layanan"), data.layanan)
    page.row(_("Nama Lengkap"), data.subjek_nama)
    page.row(_("NIK"), data.subjek_nik)
    page.row(_("Dikirim"), waktu_teks(data.dikirim_pada))
    target = _("target %(hari)d hari kerja") % {"hari": data.target_hari_kerja}
    page.row(
        _("Perkiraan Selesai"), f"{tanggal_teks(data.perkiraan_selesai)} ({target})", bold=True
    )
    page.row(_("Pilihan Dokumen Jadi"), data.pilihan_dokumen)


def _dokumen(page: _Halaman, data: BuktiPengajuan, *, bottom: float) -> None:
    """The attached documents, as many as fit above ``bottom``."""
    c = page.canvas
    page.y -= 8
    c.setFont("Helvetica-Bold", 11)
    c.drawString(MARGIN, page.y, _("Data Dukung"))
    page.y -= LINE + 2
    c.setFont("Helvetica", 10)
    if not data.dokumen:
        c.drawString(MARGIN, page.y, _("Tidak ada data dukung yang dilampirkan."))
        page.y -= LINE
        return
    rows = list(data.dokumen)
    room = max(1, int((page.y - bottom) // LINE))
    shown = rows if len(rows) <= room else rows[: room - 1]
    for number, item in enumerate(shown, start=1):
        c.drawString(MARGIN, page.y, f"{number}.")
        c.drawString(MARGIN + 20, page.y, _wrap(item.nama, 70)[0])
        c.drawRightString(page.width - MARGIN, page.y, jumlah_berkas_teks(item.jumlah))
        page.y -= LINE
    if len(shown) < len(rows):
        more = _("… dan %(n)d dokumen lain (lihat Detail Pengajuan)") % {
            "n": len(rows) - len(shown)
        }
        c.drawString(MARGIN + 20, page.y, more)
        page.y -= LINE


def _qr_dan_catatan(page: _Halaman, data: BuktiPengajuan) -> None:
    c = page.canvas
    x = (page.width - QR_SIZE) / 2
    y = max(QR_BAWAH, page.y - 16 - QR_SIZE)  # under the documents, above the note
    _draw_qr(c, data.url_lacak, x=x, y=y, size=QR_SIZE)
    c.setFont("Helvetica", 9)
    c.drawCentredString(page.width / 2, y - 12, _("Pindai untuk melihat status pengajuan:"))
    c.setFont("Helvetica", 8)
    for number, line in enumerate(_wrap(data.url_lacak, 90)):
        c.drawCentredString(page.width / 2, y - 24 - number * 10, line)
    c.setFont("Helvetica-Oblique", 8)
    note = _(
        "Perkiraan selesai dihitung dalam hari kerja (Senin–Jumat, di luar libur nasional "
        "dan hari tutup kantor) dan dapat berubah bila Verifikator Dinas meminta perbaikan. "
        "Simpan bukti ini; sebutkan Kode Pengajuan saat menghubungi Dinas."
    )
    for number, line in enumerate(_wrap(note, 120)):
        c.drawString(MARGIN, MARGIN + 12 - number * 10, line)


def bukti_pdf(data: BuktiPengajuan) -> bytes:
    """The receipt as a one-page A4 PDF."""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas as pdfcanvas

    buffer = io.BytesIO()
    width, height = A4
    c = pdfcanvas.Canvas(buffer, pagesize=A4, invariant=1)
    c.setTitle(f"{_('Bukti Pengajuan')} {data.kode}")
    c.setAuthor(data.kantor)
    page = _Halaman(c, width, height)
    _kop(page, data)
    _kode(page, data)
    _rincian(page, data)
    _dokumen(page, data, bottom=QR_BAWAH + QR_SIZE + 20)
    _qr_dan_catatan(page, data)
    c.showPage()
    c.save()
    return buffer.getvalue()
