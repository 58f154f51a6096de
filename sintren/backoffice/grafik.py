"""Charts of the dashboard as inline SVG, drawn on the server (BO-5).

No chart library and no script: the functions here turn figures into rectangles and
label positions in a fixed ``viewBox``; the templates ``backoffice/partials/grafik_*``
write the SVG (``role="img"`` with a title and a description) and, beside it, the same
figures as a table for screen readers and for copying. The SVG scales with its box.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from sintren.backoffice.selectors_laporan import Laporan

# Column chart (requests per day): viewBox size and margins, in SVG units.
KOLOM_LEBAR, KOLOM_TINGGI = 600, 240
KOLOM_KIRI, KOLOM_BAWAH, KOLOM_ATAS = 44, 30, 12
# Bar chart (one bar per row, its label above it).
BARIS_LEBAR, BARIS_TINGGI_SATU = 400, 40
BARIS_LABEL = 16  # the label's line above the bar
BARIS_BATANG = 16
BARIS_RUANG_ANGKA = 56  # room right of the longest bar for its number


def _skala_atas(maks: int) -> int:
    """A round top of the value axis at or above ``maks`` (1, 2, 5, 10, 20, 50, …)."""
    if maks <= 0:
        return 1
    langkah = 1
    while True:
        for kali in (1, 2, 5):
            if langkah * kali >= maks:
                return langkah * kali
        langkah *= 10


@dataclass(frozen=True)
class Kolom:
    """One column: its rectangle, its value and what it stands for."""

    x: float
    y: float
    lebar: float
    tinggi: float
    nilai: int
    label: str


@dataclass(frozen=True)
class GrafikKolom:
    """A column chart: columns, the value axis' top and the x labels to print."""

    lebar: int
    tinggi: int
    kolom: list[Kolom]
    sumbu_atas: int
    y_atas: float
    y_tengah: float
    y_dasar: float
    x_kiri: float
    label_x: list[tuple[float, str]]

    @property
    def x_angka(self) -> float:
        """Where the value axis' numbers end (right-aligned left of the axis)."""
        return self.x_kiri - 6

    @property
    def y_label_atas(self) -> float:
        """The baseline of the axis' top number."""
        return self.y_atas + 6

    @property
    def y_label_x(self) -> float:
        """The baseline of the day labels under the columns."""
        return self.tinggi - 6


def grafik_per_hari(data: list[tuple[date, int]]) -> GrafikKolom:
    """Requests per day as columns; the first, middle and last days are labelled."""
    atas = _skala_atas(max((n for _, n in data), default=0))
    lebar_isi = KOLOM_LEBAR - KOLOM_KIRI - 28  # room for half of the last day's label
    tinggi_isi = KOLOM_TINGGI - KOLOM_BAWAH - KOLOM_ATAS
    langkah = lebar_isi / max(1, len(data))
    dasar = KOLOM_TINGGI - KOLOM_BAWAH
    kolom = []
    for i, (hari, n) in enumerate(data):
        tinggi = tinggi_isi * n / atas
        kolom.append(
            Kolom(
                x=round(KOLOM_KIRI + i * langkah + langkah * 0.15, 2),
                y=round(dasar - tinggi, 2),
                lebar=round(langkah * 0.7, 2),
                tinggi=round(tinggi, 2),
                nilai=n,
                label=f"{hari:%d-%m-%Y}",
            )
        )
    pilih = sorted({0, len(data) // 2, len(data) - 1}) if data else []
    label_x = [(round(KOLOM_KIRI + (i + 0.5) * langkah, 2), f"{data[i][0]:%d/%m}") for i in pilih]
    return GrafikKolom(
        lebar=KOLOM_LEBAR,
        tinggi=KOLOM_TINGGI,
        kolom=kolom,
        sumbu_atas=atas,
        y_atas=KOLOM_ATAS,
        y_tengah=KOLOM_ATAS + tinggi_isi / 2,
        y_dasar=dasar,
        x_kiri=KOLOM_KIRI,
        label_x=label_x,
    )


@dataclass(frozen=True)
class Baris:
    """One bar of a bar chart, with its label line above it."""

    label: str
    nilai: int
    y_label: float
    y: float
    lebar: float
    x_angka: float

    @property
    def y_angka(self) -> float:
        """The baseline of the number right of the bar."""
        return self.y + 13


@dataclass(frozen=True)
class GrafikBaris:
    """A bar chart: one labelled bar per row."""

    lebar: int
    tinggi: int
    batang_tinggi: int
    baris: list[Baris]


def grafik_baris(data: list[tuple[str, int]]) -> GrafikBaris:
    """One bar per ``(label, value)``, scaled to the largest value."""
    maks = max((n for _, n in data), default=0) or 1
    ruang = BARIS_LEBAR - BARIS_RUANG_ANGKA
    baris = []
    for i, (label, n) in enumerate(data):
        atas = i * BARIS_TINGGI_SATU
        lebar = round(ruang * n / maks, 2)
        baris.append(
            Baris(
                label=label,
                nilai=n,
                y_label=atas + BARIS_LABEL - 3,
                y=atas + BARIS_LABEL,
                lebar=lebar,
                x_angka=lebar + 6,
            )
        )
    return GrafikBaris(
        lebar=BARIS_LEBAR,
        tinggi=max(1, len(data)) * BARIS_TINGGI_SATU,
        batang_tinggi=BARIS_BATANG,
        baris=baris,
    )


def grafik_laporan(laporan: Laporan) -> dict[str, Any]:
    """The charts of a report, for the template: per day, by status, ratings."""
    return {
        "grafik_hari": grafik_per_hari(laporan.per_hari),
        "grafik_status": grafik_baris([(label, n) for _, label, n in laporan.per_status]),
        "grafik_nilai": grafik_baris(
            [(f"{nilai} bintang", n) for nilai, n in reversed(laporan.nilai_sebaran)]
        ),
    }
