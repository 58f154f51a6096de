"""Draw a blank form (PUB-3) as a PDF with ReportLab, from the data in ``seed_formulir``.

The output is deterministic (ReportLab's *invariant* mode), so loading the seed twice
produces identical bytes and the stored file is left alone.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

PAGE_MARGIN = 50
LINE = 20
LABEL_WIDTH = 178


class _Writer:
    """A cursor over A4 pages that starts a new page when the current one is full."""

    def __init__(self, kop: tuple[str, str], kode: str) -> None:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen import canvas

        self.buffer = io.BytesIO()
        self.width, self.height = A4
        self.canvas = canvas.Canvas(self.buffer, pagesize=A4, invariant=1, pageCompression=0)
        self.kop, self.kode = kop, kode
        self.y = 0.0
        self._heading()

    def _heading(self) -> None:
        c, w = self.canvas, self.width
        top = self.height - PAGE_MARGIN
        c.setFont("Helvetica-Bold", 9)
        c.drawRightString(w - PAGE_MARGIN, top + 18, self.kode)
        c.setFont("Helvetica-Bold", 13)
        c.drawCentredString(w / 2, top, self.kop[0].upper())
        c.setFont("Helvetica", 11)
        c.drawCentredString(w / 2, top - 15, self.kop[1].upper())
        c.setLineWidth(1.5)
        c.line(PAGE_MARGIN, top - 24, w - PAGE_MARGIN, top - 24)
        self.y = top - 50

    def need(self, space: float) -> None:
        if self.y - space < PAGE_MARGIN:
            self.canvas.showPage()
            self._heading()

    def title(self, text: str) -> None:
        self.canvas.setFont("Helvetica-Bold", 12)
        for line in textwrap.wrap(text.upper(), 70):
            self.canvas.drawCentredString(self.width / 2, self.y, line)
            self.y -= 16
        self.y -= 10

    def section(self, text: str) -> None:
        self.need(LINE * 3)
        self.canvas.setFont("Helvetica-Bold", 10)
        self.canvas.drawString(PAGE_MARGIN, self.y, text.upper())
        self.y -= LINE

    def paragraph(self, text: str) -> None:
        lines = textwrap.wrap(text, 95)
        self.need(14 * len(lines) + 10)
        self.canvas.setFont("Helvetica", 10)
        for line in lines:
            self.canvas.drawString(PAGE_MARGIN, self.y, line)
            self.y -= 14
        self.y -= 10

    def field(self, spec: tuple[Any, ...]) -> None:
        self.need(LINE)
        c = self.canvas
        kind, label = spec[0], spec[1]
        size = 10.0
        while c.stringWidth(label, "Helvetica", size) > LABEL_WIDTH and size > 6:
            size -= 0.5
        c.setFont("Helvetica", size)
        c.drawString(PAGE_MARGIN + 10, self.y, label)
        c.setFont("Helvetica", 10)
        x: float = PAGE_MARGIN + 200
        c.drawString(x - 10, self.y, ":")
        if kind == "kotak":
            for i in range(spec[2]):
                c.rect(x + i * 15, self.y - 4, 13, 15)
        elif kind == "pilih":
            for option in spec[2]:
                step = 22 + c.stringWidth(option, "Helvetica", 10)
                if x + step > self.width - PAGE_MARGIN:
                    x = PAGE_MARGIN + 200
                    self.y -= LINE * 0.8
                c.rect(x, self.y - 1, 9, 9)
                c.drawString(x + 13, self.y, option)
                x += step
        else:
            c.setDash(1, 2)
            c.line(x, self.y - 2, self.width - PAGE_MARGIN, self.y - 2)
            c.setDash()
        self.y -= LINE

    def signatures(self, roles: list[str], meterai: bool) -> None:
        self.need(130)
        c = self.canvas
        c.setFont("Helvetica", 10)
        right = self.width - PAGE_MARGIN
        c.drawRightString(right, self.y, "............................, ...... - ...... - 20......")
        self.y -= 24
        span = (self.width - 2 * PAGE_MARGIN) / len(roles)
        for i, role in enumerate(roles):
            centre = PAGE_MARGIN + span * (i + 0.5)
            c.drawCentredString(centre, self.y, role)
            c.drawCentredString(centre, self.y - 80, "(................................)")
        if meterai:
            c.setDash(2, 2)
            c.rect(right - 100, self.y - 68, 50, 45)
            c.setDash()
            c.setFont("Helvetica", 7)
            c.drawCentredString(right - 75, self.y - 48, "METERAI")
        self.y -= 100

    def finish(self) -> bytes:
        self.canvas.setFont("Helvetica-Oblique", 8)
        self.canvas.drawString(PAGE_MARGIN, PAGE_MARGIN - 20, "Formulir ini tidak dipungut biaya.")
        self.canvas.showPage()
        self.canvas.save()
        return self.buffer.getvalue()


def formulir_pdf(spec: dict[str, Any], *, kantor: str, wilayah: str) -> bytes:
    """Return the PDF bytes of one blank form described by ``spec`` (see seed_formulir)."""
    writer = _Writer((f"Pemerintah {wilayah}", kantor), spec["kode"])
    writer.canvas.setTitle(f"{spec['kode']} {spec['judul']}")
    writer.canvas.setAuthor(kantor)
    writer.title(spec["judul"])
    for judul_bagian, fields in spec["bagian"]:
        writer.section(judul_bagian)
        for field in fields:
            writer.field(field)
        writer.y -= 6
    if spec.get("pernyataan"):
        writer.paragraph(spec["pernyataan"])
    writer.signatures(spec.get("ttd", ["Pemohon"]), bool(spec.get("meterai")))
    return writer.finish()
