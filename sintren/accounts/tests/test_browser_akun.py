"""Manual B.4-B.7 in Chromium against the real server: mode, phone, password, reset.

B.4 uses the demo group member (``sintren.accounts.demo_grup.DEMO_ANGGOTA``), whose
state it does not change; B.5-B.7 change an account, so each works on a fresh applicant
registered, approved and activated through the UI first.
"""

from __future__ import annotations

import re
import secrets

import pytest

from sintren.accounts.demo_grup import DEMO_ANGGOTA, DEMO_GRUP_NAMA
from sintren.accounts.tests.browser_steps import (
    KATA_KUNCI,
    active_applicant,
    answer_captcha,
    logged_in,
    login,
    outbox_item,
)

pytestmark = pytest.mark.browser
KATA_KUNCI_BARU = "Karangsari2025"
_KODE_RE = re.compile(r"\*(\d{6})\*")


def test_b4_switch_mode(page, e2e_server, axe_violations):
    logged_in(page, e2e_server, DEMO_ANGGOTA["nik"], DEMO_ANGGOTA["password"])
    mode_line = page.locator("#mode-aktif")
    assert mode_line.inner_text().endswith("Pemohon")
    label = f"{DEMO_GRUP_NAMA} \N{EN DASH} Karangsari"
    page.get_by_role("button", name=label).click()
    page.get_by_text(f"Mode aktif: {label}.").wait_for()
    assert label in page.locator("#mode-aktif").inner_text()
    assert axe_violations(page) == []
    page.get_by_role("button", name="Pemohon Pribadi").click()
    page.get_by_text("Mode aktif: Pemohon Pribadi.").wait_for()
    assert page.locator("#mode-aktif").inner_text().endswith("Pemohon")
    assert page.get_by_role("button", name=label).count() == 1


def test_b5_change_phone(page, browser, e2e_server, axe_violations):
    data = active_applicant(page, browser, e2e_server)
    logged_in(page, e2e_server, data["nik"], KATA_KUNCI)
    page.get_by_role("link", name="Ganti Nomor HP").first.click()
    assert axe_violations(page) == []
    baru = f"08133{secrets.randbelow(10**7):07d}"
    page.get_by_label("Nomor HP Baru", exact=True).fill(baru)
    page.get_by_role("button", name="Kirim Kode").click()
    page.get_by_label("Kode Aktivasi", exact=True).wait_for()
    kode_url = page.url

    match = _KODE_RE.search(outbox_item(page, e2e_server, baru[-6:], "Kode").inner_text())
    assert match is not None, "no code in the outbox"
    page.goto(kode_url)
    # Asking again at once is refused with the seconds left.
    page.get_by_role("button", name="Kirim Ulang Kode").click()
    page.get_by_text(re.compile(r"tunggu \d+ detik lagi")).wait_for()
    page.get_by_label("Kode Aktivasi", exact=True).fill(match[1])
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Nomor HP berhasil disimpan.").wait_for()
    assert "+62" + baru[1:] in page.content()
    # The old number is told.
    item = outbox_item(page, e2e_server, "+62" + data["hp"][1:], "diganti")
    assert item.count() == 1


def test_b6_change_password(page, browser, e2e_server, axe_violations):
    data = active_applicant(page, browser, e2e_server)
    logged_in(page, e2e_server, data["nik"], KATA_KUNCI)
    page.get_by_role("link", name="Ganti Password").first.click()
    assert page.get_by_text("Ketentuan Kata Kunci").count() == 1
    assert axe_violations(page) == []
    page.get_by_label("Kata Kunci Lama", exact=True).fill(KATA_KUNCI)
    page.get_by_label("Kata Kunci Baru", exact=True).fill(KATA_KUNCI_BARU)
    page.get_by_label("Ulangi Kata Kunci Baru", exact=True).fill(KATA_KUNCI_BARU)
    page.get_by_role("button", name="Simpan").click()
    page.get_by_text("Kata kunci berhasil diganti. Silakan login kembali.").wait_for()
    assert "/pemohon/login/" in page.url

    login(page, e2e_server, data["nik"], KATA_KUNCI)
    page.get_by_text("NIK atau Kata Kunci salah.").wait_for()
    logged_in(page, e2e_server, data["nik"], KATA_KUNCI_BARU)


def test_b7_forgot_password(page, browser, e2e_server, axe_violations):
    data = active_applicant(page, browser, e2e_server)
    page.goto(e2e_server + "/pemohon/login/")
    page.get_by_role("link", name="Lupa Password").first.click()
    assert axe_violations(page) == []
    page.get_by_label("NIK", exact=True).fill(data["nik"])
    page.get_by_label("Nama Lengkap", exact=True).fill(data["nama"].lower())
    page.get_by_label("Nomor HP", exact=True).fill(data["hp"])
    answer_captcha(page)
    page.get_by_role("button", name="Proses").click()
    page.get_by_text("link reset password telah dikirim ke nomor WhatsApp Anda").wait_for()

    item = outbox_item(page, e2e_server, data["hp"][-6:], "reset password")
    item.locator("a[href*='/pemohon/reset/']").first.click()
    page.get_by_role("heading", name="Reset Password").wait_for()
    link = page.url
    assert axe_violations(page) == []
    page.get_by_label("Nomor KK", exact=True).fill(data["kk"])
    page.get_by_label("Kata Kunci Baru", exact=True).fill(KATA_KUNCI_BARU)
    page.get_by_label("Ulangi Kata Kunci Baru", exact=True).fill(KATA_KUNCI_BARU)
    page.get_by_role("button", name="Ganti Password").click()
    page.get_by_text("Kata kunci berhasil diganti").wait_for()
    logged_in(page, e2e_server, data["nik"], KATA_KUNCI_BARU)

    # The link was single-use.
    response = page.goto(link)
    assert response is not None
    assert response.status == 400
    page.get_by_role("heading", name="Link reset password tidak berlaku").wait_for()
