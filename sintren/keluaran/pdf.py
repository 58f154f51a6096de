"""Checks of an uploaded PDF (OUT-1): a real, complete, readable PDF within the size
limit, refused otherwise with a message that names the problem and the fix.

Pure: bytes in, a :class:`PdfDiperiksa` or a :class:`PdfDitolak` out. The content is
parsed with pyHanko's own reader, the one that later signs and validates it, so what
passes here can be signed.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import gettext
from pyhanko.pdf_utils.reader import PdfFileReader

logger = logging.getLogger(__name__)

DEFAULT_UKURAN_MAKS = 10 * 1024 * 1024
# PDF 1.7 (ISO 32000-1, 7.5.2) lets readers find the header in the first 1024 bytes.
_HEADER_WINDOW = 1024
_EOF_WINDOW = 2048


class PdfDitolak(Exception):  # noqa: N818 (a refusal, not an error of ours)
    """The upload is not an acceptable PDF; ``args[0]`` is the message for the user."""

    def __init__(self, pesan: str, kode: str) -> None:
        super().__init__(pesan)
        self.pesan = pesan
        self.kode = kode


@dataclass(frozen=True)
class PdfDiperiksa:
    """A PDF that passed: its page count and how many signatures it already carries."""

    halaman: int
    jumlah_tanda_tangan: int


def ukuran_maks() -> int:
    """The largest PDF accepted, in bytes (``KELUARAN_UKURAN_MAKS``)."""
    return int(getattr(settings, "KELUARAN_UKURAN_MAKS", DEFAULT_UKURAN_MAKS))


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.0f}"


def periksa_pdf(data: bytes) -> PdfDiperiksa:
    """Check ``data``; raise :class:`PdfDitolak` with an Indonesian message if refused."""
    if not data:
        raise PdfDitolak(gettext("Berkas kosong. Pilih berkas PDF dokumen jadi."), "kosong")
    if len(data) > ukuran_maks():
        raise PdfDitolak(
            gettext(
                "Berkas terlalu besar (%(ukuran)s MB; paling besar %(maks)s MB). Simpan ulang "
                "PDF dengan resolusi gambar lebih rendah."
            )
            % {"ukuran": f"{len(data) / (1024 * 1024):.1f}", "maks": _mb(ukuran_maks())},
            "ukuran",
        )
    if b"%PDF-" not in data[:_HEADER_WINDOW]:
        raise PdfDitolak(
            gettext(
                "Berkas ini bukan PDF (isinya tidak sesuai dengan ekstensi .pdf). Unggah "
                "dokumen jadi dalam format PDF."
            ),
            "bukan_pdf",
        )
    if b"%%EOF" not in data[-_EOF_WINDOW:]:
        raise PdfDitolak(_rusak(), "terpotong")
    return _parse(data)


def _rusak() -> str:
    return gettext(
        "PDF rusak atau tidak lengkap (mungkin terpotong saat diunduh atau disalin). "
        "Simpan ulang PDF dari aplikasi asalnya, lalu unggah kembali."
    )


def _parse(data: bytes) -> PdfDiperiksa:
    try:
        reader = PdfFileReader(io.BytesIO(data), strict=True)
        if reader.encrypted:
            raise PdfDitolak(
                gettext("PDF dikunci dengan kata sandi. Unggah PDF tanpa kata sandi."),
                "terkunci",
            )
        halaman = int(reader.root["/Pages"]["/Count"])
        tanda_tangan = len(reader.embedded_signatures)
    except PdfDitolak:
        raise
    except Exception as exc:  # any parse error of a malformed file: refuse, never a 500
        logger.info("PDF refused: %s", type(exc).__name__)
        raise PdfDitolak(_rusak(), "rusak") from exc
    if halaman < 1:
        raise PdfDitolak(gettext("PDF tidak memiliki halaman."), "kosong")
    return PdfDiperiksa(halaman=halaman, jumlah_tanda_tangan=tanda_tangan)
