"""Item-level correction (X-2, REQ-8) in Chromium at 360 px against the real server.

The demo applicant Budi has a request that the demo verifier sent back for correction,
marking one document and the *Detail Permohonan* (made on the served instance through
the services: ``perbaikan_browser_data.py``). Budi sees the *Perlu Perbaikan* panel,
replaces the marked document by uploading a real JPEG, corrects the marked field (the
others stay locked), presses *Kirim Ulang* and sees *Pengajuan Dikirim* in the timeline.
Every page passes axe-core with no sideways scroll.
"""

from __future__ import annotations

import io
import json
import subprocess
from typing import Any

import pytest
from PIL import Image, ImageDraw

from sintren.accounts.demo_pemohon import DEMO_PEMOHON
from sintren.accounts.tests.browser_steps import A11yAudit, logged_in
from sintren.pengajuan.tests.perbaikan_browser_data import CATATAN_DETAIL, CATATAN_DOKUMEN

pytestmark = pytest.mark.browser

BUDI = next(entry for entry in DEMO_PEMOHON if entry["nama"] == "Budi Santoso")
SLUG = "akta-kelahiran"
DETAIL_BARU = "Akta kelahiran untuk anak pertama kami, lahir di Puskesmas Karanganyar."


def _jpeg() -> bytes:
    """A readable 1200 x 900 photo of a page (text lines on white)."""
    image = Image.new("RGB", (1200, 900), "white")
    draw = ImageDraw.Draw(image)
    for line in range(20):
        draw.text((40, 30 + line * 40), f"Dokumen pengganti baris {line} " * 4, fill="black")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def _siapkan(served: Any) -> dict[str, Any]:
    code = (
        "from sintren.pengajuan.tests.perbaikan_browser_data import jalankan; "
        f"jalankan({json.dumps(json.dumps({'nik': BUDI['nik'], 'slug': SLUG}))})"
    )
    try:
        out = served.manage("shell", "--no-imports", "-c", code)
    except subprocess.CalledProcessError as exc:
        raise AssertionError(exc.stderr[-3000:]) from None
    return dict(json.loads(out.strip().splitlines()[-1]))


def test_applicant_fixes_the_marked_items_and_sends_again(
    mobile_page, sintren_served, axe_violations
):
    data = _siapkan(sintren_served)
    if "lewati" in data:
        pytest.skip(f"the service cannot open today: {data['lewati']}")
    base, page = sintren_served.base_url, mobile_page
    audit = A11yAudit(page, axe_violations)
    detail_url = f"{base}/pemohon/pengajuan/{data['kode']}/"

    logged_in(page, base, BUDI["nik"], BUDI["password"])
    page.goto(detail_url)
    panel = page.locator("#perlu-perbaikan")
    panel.get_by_role("heading", name="Perlu Perbaikan").wait_for()
    text = panel.inner_text()
    assert f"Data Dukung {data['dokumen']}" in text
    assert CATATAN_DOKUMEN in text
    assert "Detail Permohonan" in text
    assert CATATAN_DETAIL in text
    row = page.locator(f"#dokumen-{data['dokumen_id']}")
    assert "baris-perbaikan" in str(row.get_attribute("class"))
    # Only the marked row may change.
    assert page.locator("#data-dukung").get_by_role("link", name="Tambah Dokumen").count() == 1
    audit.check("detail pengajuan (perlu perbaikan)")

    # Replace the marked document: Ganti dokumen → its row → Tambah Dokumen → Upload Baru.
    panel.get_by_role("link", name=f"Ganti dokumen Data Dukung {data['dokumen']}").click()
    row.get_by_role("link", name="Tambah Dokumen").click()
    page.get_by_label("File Dokumen", exact=True).set_input_files(
        files=[{"name": "pengganti.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}]
    )
    audit.check("tambah dokumen pengganti")
    page.locator("form:has(input[name=aksi][value=unggah]) button[type=submit]").click()
    page.wait_for_url(detail_url + "*")
    page.locator("#perlu-perbaikan").get_by_text("sudah diganti").wait_for()

    # Correct the marked field; the others stay locked.
    page.locator("#perlu-perbaikan").get_by_role(
        "link", name="Perbaiki data Detail Permohonan"
    ).click()
    page.get_by_role("heading", name="Edit Pengajuan Akta Kelahiran").wait_for()
    assert page.get_by_label("Nama Lengkap", exact=True).is_disabled()
    assert page.get_by_label("Nama bayi", exact=True).is_disabled()
    detail = page.get_by_label("Detail Permohonan", exact=True)
    assert detail.is_enabled()
    detail.fill(DETAIL_BARU)
    audit.check("edit pengajuan (perbaikan)")
    page.get_by_role("button", name="Simpan Perubahan").click()
    page.get_by_text("Perubahan pengajuan tersimpan.").wait_for()
    assert DETAIL_BARU in page.locator("main").inner_text()

    # Kirim Ulang.
    page.get_by_role("button", name="Kirim Ulang").click()
    page.get_by_text("Perbaikan pengajuan berhasil dikirim").wait_for()
    langkah = page.locator("#riwayat-status > li")
    assert "Pengajuan Dikirim" in langkah.last.inner_text()
    assert "Perlu Perbaikan" in langkah.nth(langkah.count() - 2).inner_text()
    assert page.locator("#perlu-perbaikan").count() == 0
    assert page.get_by_role("button", name="Kirim Ulang").count() == 0
    assert page.get_by_role("link", name="Tambah Dokumen").count() == 0
    audit.check("detail pengajuan (dikirim ulang)")
    audit.assert_clean()
