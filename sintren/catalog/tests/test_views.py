"""Public downloads of blank forms and example images."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.test import Client
from django.urls import reverse

from sintren.catalog.tests.factories import (
    PDF_KECIL,
    DokumenPersyaratanFactory,
    FormulirFactory,
    LayananFactory,
)

pytestmark = pytest.mark.django_db


def body(response: object) -> bytes:
    return b"".join(response.streaming_content)  # type: ignore[attr-defined]


def test_formulir_download_is_an_attachment_pdf(client: Client) -> None:
    formulir = FormulirFactory.create(kode="F-1.01", judul="Formulir Biodata Penduduk")
    response = client.get(reverse("catalog:formulir_download", args=[formulir.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        'attachment; filename="F-1.01 formulir-biodata-penduduk.pdf"'
    )
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "max-age=" in response["Cache-Control"]
    assert body(response) == PDF_KECIL


def test_formulir_download_unknown_or_missing_file_is_404(client: Client, media_root: Path) -> None:
    assert client.get(reverse("catalog:formulir_download", args=[999999])).status_code == 404
    formulir = FormulirFactory.create()
    (media_root / str(formulir.berkas.name)).unlink()
    response = client.get(reverse("catalog:formulir_download", args=[formulir.pk]))
    assert response.status_code == 404


def test_formulir_download_refuses_post(client: Client) -> None:
    formulir = FormulirFactory.create()
    response = client.post(reverse("catalog:formulir_download", args=[formulir.pk]))
    assert response.status_code == 405


def test_contoh_serves_the_example_image_inline(client: Client) -> None:
    dokumen = DokumenPersyaratanFactory.create(dengan_contoh=True)
    response = client.get(reverse("catalog:contoh", args=[dokumen.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert body(response).startswith(b"\x89PNG")


def test_contoh_404_without_image_unknown_or_inactive_service(client: Client) -> None:
    tanpa = DokumenPersyaratanFactory.create()
    nonaktif = DokumenPersyaratanFactory.create(
        dengan_contoh=True, layanan=LayananFactory.create(nonaktif=True)
    )
    for pk in (tanpa.pk, nonaktif.pk, 999999):
        assert client.get(reverse("catalog:contoh", args=[pk])).status_code == 404


def test_contoh_never_serves_a_non_image_file(client: Client, media_root: Path) -> None:
    dokumen = DokumenPersyaratanFactory.create()
    (media_root / "contoh").mkdir(parents=True, exist_ok=True)
    (media_root / "contoh" / "jahat.html").write_text("<script>alert(1)</script>")
    dokumen.contoh.name = "contoh/jahat.html"
    dokumen.save()
    assert client.get(reverse("catalog:contoh", args=[dokumen.pk])).status_code == 404
