"""A11Y-1 in the back office: every staff page passes axe-core (WCAG 2.1 AA).

The verifier's walk runs once per viewport (360 px, 1280 px). The admin logs in once
(a TOTP code is accepted only once) and every admin page is checked at both widths by
resizing the window. Problems of all pages are collected, then reported together.
"""

from __future__ import annotations

from typing import Any

import pyotp
import pytest

from sintren.accounts.demo_staff import DEMO_PASSWORD
from sintren.accounts.tests.browser_steps import A11yAudit
from sintren.backoffice.demo import DEMO_ADMIN_TOTP_SECRET, DEMO_ADMIN_USERNAME

pytestmark = pytest.mark.browser

MOBILE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}
PENDING = "Agus Salim"  # demo registration waiting for verification
REJECTED = "Joko Prasetyo"  # demo registration rejected with a reason


def _submit(pg: Any, name: str) -> None:
    pg.get_by_role("button", name=name, exact=True).click()
    pg.wait_for_load_state()


def _staff_login(pg: Any, base_url: str, username: str, password: str) -> None:
    pg.get_by_label("Nama Pengguna").fill(username)
    pg.get_by_label("Kata Sandi").fill(password)
    _submit(pg, "Login")


def _open_detail(pg: Any, base_url: str, nama: str, status: str) -> None:
    pg.goto(f"{base_url}/backoffice/pendaftaran/?status={status}")
    pg.get_by_role("link", name=nama, exact=True).click()
    pg.get_by_role("heading", name=nama).wait_for()


@pytest.mark.parametrize("viewport", ["mobile", "desktop"])
def test_verifikator_pages_pass_axe(
    e2e_server: str, page: Any, mobile_page: Any, axe_violations: Any, viewport: str
) -> None:
    pg = mobile_page if viewport == "mobile" else page
    base = e2e_server
    audit = A11yAudit(pg, axe_violations)
    check = audit.check

    pg.goto(f"{base}/backoffice/login/")
    check("login")
    _submit(pg, "Login")
    assert pg.locator("#id_username").get_attribute("aria-invalid") == "true"
    check("login (isian kosong)")
    _staff_login(pg, base, "petugas-tidak-ada", "bukan-sandinya")
    pg.get_by_text("Nama pengguna atau kata sandi salah.").wait_for()
    check("login (sandi salah)")
    _staff_login(pg, base, "verifikator", DEMO_PASSWORD)
    pg.get_by_role("heading", name="Dasbor").wait_for()
    check("dasbor")

    pg.get_by_role("link", name="Pendaftaran", exact=True).click()
    pg.get_by_role("heading", name="Antrean Pendaftaran Pemohon").wait_for()
    check("antrean")
    pg.get_by_label("Cari NIK atau nama").fill(PENDING)
    _submit(pg, "Cari")
    pg.get_by_role("button", name="Hapus pencarian").wait_for()
    check("antrean (pencarian)")
    _submit(pg, "Hapus pencarian")  # the search is kept in the session until cleared

    _open_detail(pg, base, PENDING, "menunggu")
    check("detail (menunggu)")
    pg.get_by_role("link", name="Setujui", exact=True).click()
    pg.get_by_role("heading", name="Setujui pendaftaran ini?").wait_for()
    assert not pg.url.endswith("?")
    check("konfirmasi setujui")
    pg.get_by_role("link", name="Batal").click()
    pg.get_by_role("heading", name=PENDING).wait_for()
    _submit(pg, "Tolak")  # no reason: refused with a message on the field
    pg.get_by_text("Alasan penolakan wajib diisi.").wait_for()
    assert pg.locator("#id_alasan").get_attribute("aria-invalid") == "true"
    check("tolak (alasan kosong)")
    _open_detail(pg, base, REJECTED, "ditolak")
    check("detail (ditolak)")

    pg.get_by_role("link", name="Pesan", exact=True).click()
    pg.get_by_role("heading", name="Status Pengiriman Pesan").wait_for()
    check("pesan")
    response = pg.goto(f"{base}/backoffice/audit/")
    assert response is not None
    assert response.status == 403  # the audit is for admins
    check("audit (403 untuk verifikator)")

    audit.assert_clean()


def test_admin_pages_pass_axe_at_both_widths(
    e2e_server: str, page: Any, axe_violations: Any
) -> None:
    base = e2e_server
    audit = A11yAudit(page, axe_violations)

    def check(label: str) -> None:
        for size in (MOBILE, DESKTOP):
            page.set_viewport_size(size)
            audit.check(f"{label} @{size['width']}")

    page.goto(f"{base}/backoffice/login/")
    _staff_login(page, base, DEMO_ADMIN_USERNAME, DEMO_PASSWORD)
    page.get_by_role("heading", name="Verifikasi Dua Langkah").wait_for()
    check("kode autentikator")
    _submit(page, "Verifikasi")  # empty: a message, no attempt counted
    assert page.locator("#id_kode").get_attribute("aria-invalid") == "true"
    check("kode autentikator (kosong)")
    page.get_by_label("Kode Autentikator").fill(pyotp.TOTP(DEMO_ADMIN_TOTP_SECRET).now())
    _submit(page, "Verifikasi")
    page.get_by_role("heading", name="Dasbor").wait_for()
    check("dasbor (admin)")

    page.get_by_role("link", name="Audit", exact=True).click()
    page.get_by_role("heading", name="Catatan Audit").wait_for()
    check("audit")
    page.goto(f"{base}/backoffice/audit/?dari=kemarin&sampai=2024-13-40")
    page.locator(".errorlist").first.wait_for()
    check("audit (tanggal salah)")
    page.goto(f"{base}/backoffice/pesan/")
    check("pesan (admin)")
    page.goto(f"{base}/backoffice/pendaftaran/")
    check("antrean (admin)")

    audit.assert_clean()
