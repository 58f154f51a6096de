"""Generated example images and blank-form PDFs: real, small and deterministic."""

from __future__ import annotations

import io

from PIL import Image

from sintren.catalog.contoh_gambar import contoh_png
from sintren.catalog.formulir_pdf import formulir_pdf
from sintren.catalog.seed_formulir import FORMULIR
from sintren.catalog.tests.test_seeding import pdf_page_count

KANTOR = "Dinas Kependudukan dan Pencatatan Sipil Kabupaten Pekalongan"


def test_contoh_png_is_a_small_deterministic_png() -> None:
    data = contoh_png("Surat keterangan kehilangan dari kepolisian / KK yang rusak sekali")
    assert data == contoh_png("Surat keterangan kehilangan dari kepolisian / KK yang rusak sekali")
    assert data != contoh_png("KTP-el")
    assert len(data) <= 15 * 1024
    with Image.open(io.BytesIO(data)) as image:
        image.verify()
        assert image.format == "PNG"


def test_every_seed_form_is_a_one_page_pdf_with_its_title() -> None:
    for spec in FORMULIR:
        data = formulir_pdf(spec, kantor=KANTOR, wilayah="Kabupaten Pekalongan")
        assert data.startswith(b"%PDF-")
        assert pdf_page_count(data) == 1, spec["kode"]
        # Uncompressed page streams: the heading and form number are real text.
        assert spec["kode"].encode() in data
        assert b"PEMERINTAH KABUPATEN PEKALONGAN" in data
        assert data == formulir_pdf(spec, kantor=KANTOR, wilayah="Kabupaten Pekalongan")


def test_a_long_form_flows_onto_a_second_page() -> None:
    spec = {
        "kode": "F-X",
        "judul": "Formulir Panjang",
        "bagian": [("Bagian", [("garis", f"Isian {i}") for i in range(40)])],
    }
    data = formulir_pdf(spec, kantor=KANTOR, wilayah="Kabupaten Pekalongan")
    assert pdf_page_count(data) == 2
