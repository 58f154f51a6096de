"""Manual C.1-C.2 in Chromium at 360 px against the real server, as the demo applicant
Budi reads it: *Baru* on the home card, fill, *Proses Pengajuan*, the *Kode Pengajuan*,
*Edit Pengajuan*, *Kirim Pengajuan*, then *Pengajuan Dikirim* in the list and the
timeline; every page passes axe-core with no sideways scroll.

The seed catalogue takes new requests in office hours only; the test first opens *Akta
Kelahiran* around the clock (``manage.py pengajuan_buka_layanan``) on the served
instance, so it runs at any hour. On a national holiday or an office closure day the
service stays closed, and the test is skipped.
"""

from __future__ import annotations

import io
import secrets
from typing import Any

import pytest
from PIL import Image, ImageDraw

from sintren.accounts.demo_pemohon import DEMO_PEMOHON, demo_nomor_kk
from sintren.accounts.tests.browser_steps import A11yAudit, logged_in

pytestmark = pytest.mark.browser

BUDI = next(entry for entry in DEMO_PEMOHON if entry["nama"] == "Budi Santoso")
SLUG = "akta-kelahiran"


def _photo(seed: int) -> bytes:
    """A readable 1200 x 900 'scan' (text lines on white), different for every ``seed``."""
    image = Image.new("RGB", (1200, 900), "white")
    draw = ImageDraw.Draw(image)
    for line in range(20):
        draw.text((40, 30 + line * 40), f"Dokumen {seed} baris {line} " * 4, fill="black")
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()


def _fill_akta_kelahiran(page: Any, nama_bayi: str) -> None:
    """The subject (a newborn without a NIK) and the service's extra fields."""
    page.get_by_label("Nama Lengkap", exact=True).fill(nama_bayi)
    page.get_by_label("Detail Permohonan", exact=True).fill(
        "Pengajuan Akta Kelahiran Baru Belum Memiliki NIK"
    )
    page.get_by_label("Nama bayi", exact=True).fill(nama_bayi)
    page.get_by_label("Tanggal lahir bayi", exact=True).fill("01-12-2026")
    page.get_by_label("Tempat lahir", exact=True).fill("Pekalongan")
    page.get_by_label("Tempat dilahirkan", exact=True).select_option("Puskesmas")
    page.get_by_label("Jenis kelamin", exact=True).select_option("Perempuan")
    page.get_by_label("Anak ke-", exact=True).fill("1")
    page.get_by_label("Jenis kelahiran", exact=True).select_option("Tunggal")
    page.get_by_label("Berat bayi (gram)", exact=True).fill("3100")
    page.get_by_label("Penolong kelahiran", exact=True).select_option("Bidan/perawat")
    page.get_by_label("NIK ibu", exact=True).fill("3326074404930006")


def test_c1_c2_new_request_edit_send_and_list(mobile_page, sintren_served, axe_violations):
    opened = sintren_served.buka_layanan(SLUG)
    if "belum tersedia" in opened:
        pytest.skip(f"the service cannot open today: {opened.strip()}")
    base, page = sintren_served.base_url, mobile_page
    audit = A11yAudit(page, axe_violations)
    nama_bayi = "Bayi Ny. Uji " + "".join(secrets.choice("ABCDEFGHJKLMNPRSTUWY") for _ in range(5))

    # C.1.a: Baru on the home card, after login.
    logged_in(page, base, BUDI["nik"], BUDI["password"])
    page.goto(base + "/")
    page.get_by_role("link", name="Baru Akta Kelahiran").click()
    page.get_by_role("heading", name="Pengajuan Baru Akta Kelahiran").wait_for()
    kk = page.get_by_label("Nomor KK", exact=True)
    assert kk.input_value() == demo_nomor_kk(BUDI)
    assert kk.is_disabled()  # personal mode: the family card is the applicant's own
    audit.check("form pengajuan baru")

    # A refused submission names the missing field and keeps the rest.
    page.get_by_label("Nama Lengkap", exact=True).fill(nama_bayi)
    page.get_by_role("button", name="Proses Pengajuan").click()
    page.locator(".error-summary").wait_for()
    assert "Nama bayi wajib diisi." in page.locator(".error-summary").inner_text()
    audit.check("form pengajuan dengan kesalahan")

    _fill_akta_kelahiran(page, nama_bayi)
    page.get_by_role("button", name="Proses Pengajuan").click()
    page.get_by_role("heading", name="Detail Pengajuan Akta Kelahiran").wait_for()
    kode = page.locator("#kode-pengajuan").inner_text()
    assert kode.startswith("AKL3326")
    assert len(kode) == len("AKL33260001")
    assert "Draf" in page.locator("#riwayat-status").inner_text()
    audit.check("detail pengajuan (draf)")

    # Edit Pengajuan.
    page.get_by_role("link", name="Edit Pengajuan").click()
    page.get_by_label("Detail Permohonan", exact=True).fill(
        "Mohon dibuatkan akta kelahiran bayi kami."
    )
    page.get_by_role("button", name="Simpan Perubahan").click()
    page.get_by_text("Perubahan pengajuan tersimpan.").wait_for()
    assert "Mohon dibuatkan akta kelahiran bayi kami." in page.locator("main").inner_text()

    # C.1.c: Kirim Pengajuan without the consent is refused, then with it.
    page.get_by_role("button", name="Kirim Pengajuan").click()
    page.get_by_text("Persetujuan Pengajuan Pelayanan belum dicentang.").first.wait_for()
    audit.check("kirim pengajuan ditolak")
    assert page.get_by_label("Pilihan Dokumen Jadi").input_value() == ""  # Otomatis

    # C.1.b: Tambah Dokumen → Upload Baru for every document of the service.
    detail_url = f"{base}/pemohon/pengajuan/{kode}/"
    links = page.get_by_role("link", name="Tambah Dokumen")
    targets = [links.nth(i).get_attribute("href") for i in range(links.count())]
    assert targets, "the Data Dukung panel offers no Tambah Dokumen"
    for index, href in enumerate(targets):
        page.goto(base + str(href))
        upload = [
            {"name": f"dokumen{index}.jpg", "mimeType": "image/jpeg", "buffer": _photo(index)}
        ]
        page.get_by_label("File Dokumen", exact=True).set_input_files(files=upload)
        page.locator("form:has(input[name=aksi][value=unggah]) button[type=submit]").click()
        page.wait_for_url(detail_url + "*")
    page.get_by_label("Saya menyatakan data yang saya isi benar", exact=False).check()
    page.get_by_role("button", name="Kirim Pengajuan").click()
    page.get_by_text("Pengajuan berhasil dikirim").wait_for()
    assert "Pengajuan Dikirim" in page.locator("#riwayat-status").inner_text()
    assert page.get_by_role("link", name="Edit Pengajuan").count() == 0
    audit.check("detail pengajuan (dikirim)")

    # C.2: the list shows it as sent, with its Detail.
    page.get_by_role("navigation", name="Menu utama").get_by_role("link", name="Pengajuan").click()
    page.get_by_role("heading", name="Cek Pengajuan").wait_for()
    row = page.locator("tr", has_text=kode)
    assert "Pengajuan Dikirim" in row.inner_text()
    assert row.get_by_role("link", name=f"Hapus {kode}").count() == 0
    audit.check("daftar pengajuan")
    row.get_by_role("link", name=f"Detail {kode}").click()
    page.get_by_role("heading", name="Detail Pengajuan Akta Kelahiran").wait_for()
    audit.assert_clean()
