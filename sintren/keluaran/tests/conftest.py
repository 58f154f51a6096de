"""Fixtures of the issued-documents tests: private storage and the demo certificate in
temporary directories, a request being processed by an assigned verifier, PDFs."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from sintren.backoffice.models import PenugasanLayanan
from sintren.keluaran.signing import sertifikat_demo_buat
from sintren.pengajuan.models import Pengajuan
from sintren.pengajuan.tests.factories import PengajuanFactory


def pdf_bytes(text: str = "AKTA KELAHIRAN - dokumen uji", pages: int = 1) -> bytes:
    """A small real PDF, as the office's registration system would print one."""
    buffer = io.BytesIO()
    page = canvas.Canvas(buffer, pagesize=A4)
    for number in range(pages):
        page.drawString(72, 760, f"{text} ({number + 1})")
        page.showPage()
    page.save()
    return buffer.getvalue()


@pytest.fixture(scope="session")
def demo_tte(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One demo CA and signer certificate for the whole run."""
    folder = tmp_path_factory.mktemp("tte")
    sertifikat_demo_buat(folder)
    return folder


@pytest.fixture(autouse=True)
def keluaran_settings(settings: Any, tmp_path: Path, demo_tte: Path) -> Path:
    """Issued files under a temporary root; the portal signs with the demo certificate."""
    settings.SINTREN_KELUARAN_ROOT = tmp_path / "keluaran"
    settings.SIGNING_DEMO_DIR = demo_tte
    settings.SIGNING_PKCS12_PATH = ""
    settings.SIGNING_TRUST_ROOTS = []
    return tmp_path / "keluaran"


@pytest.fixture
def pdf() -> bytes:
    """A one-page unsigned PDF."""
    return pdf_bytes()


@pytest.fixture
def pengajuan(pemohon: Any, verifikator: Any) -> Pengajuan:
    """A request of ``pemohon`` being processed; ``verifikator`` handles its service."""
    item = PengajuanFactory.create(pemohon=pemohon, diproses=True)
    PenugasanLayanan.objects.create(petugas=verifikator, layanan=item.layanan)
    return item
