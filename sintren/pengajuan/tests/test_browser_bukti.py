"""X-5 in Chromium at 360 px against the real server: the demo applicant Budi sends a
request, follows *Bukti Pengajuan* from the detail page, sees the receipt with its QR
code (axe-clean, no sideways scroll), prints it on one A4 page and downloads the PDF.

As in ``test_browser.py`` the service is first opened around the clock on the served
instance; on a national holiday or an office closure day it stays closed and the test is
skipped.
"""

from __future__ import annotations

import secrets
from pathlib import Path

import pytest

from sintren.accounts.tests.browser_steps import A11yAudit, logged_in
from sintren.pengajuan.tests import pdfbaca
from sintren.pengajuan.tests.test_browser import BUDI, SLUG, _fill_akta_kelahiran, _photo

pytestmark = pytest.mark.browser

UPLOAD_FORM = "form:has(input[name=aksi][value=unggah])"


def _kirim(page, base: str) -> str:
    """Make a request through the pages, attach every document, send it; its code."""
    nama_bayi = "Bayi Ny. Bukti " + "".join(
        secrets.choice("ABCDEFGHJKLMNPRSTUWY") for _ in range(5)
    )
    page.goto(f"{base}/pemohon/pengajuan/baru/{SLUG}/")
    _fill_akta_kelahiran(page, nama_bayi)
    page.get_by_role("button", name="Proses Pengajuan").click()
    page.get_by_role("heading", name="Detail Pengajuan Akta Kelahiran").wait_for()
    kode = page.locator("#kode-pengajuan").inner_text()
    detail_url = f"{base}/pemohon/pengajuan/{kode}/"
    assert page.get_by_role("link", name="Bukti Pengajuan").count() == 0  # a draft has none
    links = page.get_by_role("link", name="Tambah Dokumen")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert targets
    for index, href in enumerate(targets):
        page.goto(base + str(href))
        upload = [{"name": f"bukti{index}.jpg", "mimeType": "image/jpeg", "buffer": _photo(index)}]
        page.get_by_label("File Dokumen", exact=True).set_input_files(files=upload)
        page.locator(f"{UPLOAD_FORM} button[type=submit]").click()
        page.locator(".msg-success").wait_for()
        assert page.url.startswith(detail_url)
    page.get_by_label("Saya menyatakan data yang saya isi benar", exact=False).check()
    page.get_by_role("button", name="Kirim Pengajuan").click()
    message = page.locator(".msg-success", has_text="Pengajuan berhasil dikirim")
    message.wait_for()
    assert "Bukti Pengajuan" in message.inner_text()
    return kode


def test_receipt_after_sending_at_360_px(mobile_page, sintren_served, axe_violations, tmp_path):
    opened = sintren_served.buka_layanan(SLUG)
    if "belum tersedia" in opened:
        pytest.skip(f"the service cannot open today: {opened.strip()}")
    base, page = sintren_served.base_url, mobile_page
    audit = A11yAudit(page, axe_violations)
    logged_in(page, base, BUDI["nik"], BUDI["password"])
    kode = _kirim(page, base)
    assert page.locator("#perkiraan-selesai").inner_text().strip()
    audit.check("detail pengajuan dengan tautan bukti")

    page.get_by_role("link", name="Bukti Pengajuan").click()
    page.get_by_role("heading", name="Bukti Pengajuan", exact=True).wait_for()
    assert page.locator("#kode-pengajuan").inner_text() == kode
    assert page.locator("#perkiraan-selesai").inner_text().strip()
    assert page.locator("#bukti-dokumen li").count() >= 1
    qr = page.get_by_role("img", name=f"Kode QR halaman Detail Pengajuan {kode}")
    assert qr.is_visible()
    box = qr.bounding_box()
    assert box is not None
    assert box["width"] >= 120
    assert box["height"] >= 120
    assert box["x"] >= 0
    assert box["x"] + box["width"] <= 360
    tracking = f"{base}/pemohon/pengajuan/{kode}/"
    assert page.get_by_role("link", name=tracking).is_visible()
    audit.check("bukti pengajuan")

    # Printed: the site's header and footer go, the receipt fits one A4 page.
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert not page.get_by_role("link", name="Unduh PDF").is_visible()
    printed = page.pdf(format="A4", print_background=True)
    assert pdfbaca.halaman(printed) == 1
    page.emulate_media(media="screen")

    # Unduh PDF: a file named after the code, one page, with the code in it.
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Unduh PDF").click()
    download = download_info.value
    assert download.suggested_filename == f"bukti-{kode}.pdf"
    saved = Path(tmp_path) / download.suggested_filename
    download.save_as(saved)
    pdf = saved.read_bytes()
    assert pdfbaca.halaman(pdf) == 1
    assert kode in pdfbaca.teks(pdf)
    assert tracking in pdfbaca.teks(pdf)
    audit.assert_clean()
