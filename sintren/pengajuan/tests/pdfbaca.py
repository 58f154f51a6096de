"""Read back the PDFs the receipt tests make: pages, text and filled squares.

A small reader for what ReportLab writes (no PDF library is a dependency): the page
objects, the content streams decoded through their filters (ASCII85, Flate), the text
shown with ``Tj`` and the rectangles filled with ``re f``.
"""

from __future__ import annotations

import base64
import re
import zlib

# A stream's dictionary (ReportLab writes no nested one there), then its data.
_STREAM = re.compile(rb"<<(?P<dict>(?:(?!<<|>>).)*)>>\s*stream\r?\n(?P<data>.*?)endstream", re.S)
_PAGE = re.compile(rb"/Type\s*/Page(?![s\w])")
_MEDIABOX = re.compile(rb"/MediaBox\s*\[\s*([\d.\s]+)\]")
_TJ = re.compile(rb"\(((?:\\.|[^\\)])*)\)\s*Tj")
_RECT = re.compile(rb"([-\d.]+) ([-\d.]+) ([-\d.]+) ([-\d.]+) re f\b")
_ESCAPES = {b"n": b"\n", b"r": b"\r", b"t": b"\t", b"(": b"(", b")": b")", b"\\": b"\\"}


def halaman(pdf: bytes) -> int:
    """How many page objects the file has."""
    return len(_PAGE.findall(pdf))


def ukuran_halaman(pdf: bytes) -> list[tuple[float, ...]]:
    """Every ``/MediaBox`` of the file, as numbers."""
    return [tuple(float(n) for n in box.split()) for box in _MEDIABOX.findall(pdf)]


def isi(pdf: bytes) -> list[bytes]:
    """Every stream of the file, decoded through its filters."""
    found = []
    for match in _STREAM.finditer(pdf):
        header, data = match["dict"], match["data"]
        if b"/ASCII85Decode" in header:
            data = base64.a85decode(data.strip(), adobe=True)
        if b"/FlateDecode" in header:
            data = zlib.decompress(data)
        found.append(data)
    return found


def _unescape(raw: bytes) -> bytes:
    """A literal string's bytes: ``\\(``, ``\\n``… and octal codes (``\\226``: an en dash)."""

    def one(match: re.Match[bytes]) -> bytes:
        if match[1].isdigit():
            return bytes([int(match[1], 8)])
        return _ESCAPES.get(match[1], match[1])

    return re.sub(rb"\\([0-7]{1,3}|.)", one, raw)


def teks(pdf: bytes) -> str:
    """The text shown on the pages (``Tj`` strings, WinAnsi), one per line."""
    return "\n".join(
        _unescape(raw).decode("cp1252") for stream in isi(pdf) for raw in _TJ.findall(stream)
    )


def kotak_terisi(pdf: bytes) -> list[tuple[float, float, float, float]]:
    """The filled rectangles (x, y, width, height) drawn on the pages."""
    rects: list[tuple[float, float, float, float]] = []
    for stream in isi(pdf):
        for x, y, w, h in _RECT.findall(stream):
            rects.append((float(x), float(y), float(w), float(h)))
    return rects


def modul_qr(
    rects: list[tuple[float, float, float, float]], *, border: int
) -> set[tuple[int, int]]:
    """The (row, column) of the dark modules of a QR code drawn as equal squares.

    The top-left finder pattern's corner is the leftmost and the topmost dark module,
    at (``border``, ``border``) of the code's matrix.
    """
    size = rects[0][2]
    left = min(x for x, _, _, _ in rects)
    top = max(y + h for _, y, _, h in rects)
    return {
        (round((top - (y + h)) / size) + border, round((x - left) / size) + border)
        for x, y, _, h in rects
    }
