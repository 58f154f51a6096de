"""X-10 in a browser: a verifier checks demo registrations against the demo register on a
360 px phone; the answer per field is shown, axe-clean, without sideways scroll."""

from __future__ import annotations

from typing import Any

import pytest

from sintren.accounts.demo_staff import DEMO_PASSWORD
from sintren.accounts.tests.browser_steps import A11yAudit

pytestmark = pytest.mark.browser


def _login(pg: Any, base: str) -> None:
    pg.goto(f"{base}/backoffice/login/")
    pg.get_by_label("Nama Pengguna").fill("verifikator")
    pg.get_by_label("Kata Sandi").fill(DEMO_PASSWORD)
    pg.get_by_role("button", name="Login", exact=True).click()
    pg.get_by_role("heading", name="Dasbor").wait_for()


def _cek(pg: Any, base: str, nama: str, status: str) -> Any:
    pg.goto(f"{base}/backoffice/pendaftaran/?status={status}")
    pg.get_by_role("link", name=nama, exact=True).click()
    pg.get_by_role("heading", name=nama).wait_for()
    pg.get_by_role("button", name="Cek Data Kependudukan", exact=True).click()
    pg.wait_for_load_state()
    return pg.get_by_role("table", name="Hasil cek per data")


def _hasil(tabel: Any, data: str) -> str:
    return str(tabel.get_by_role("row", name=data).locator("td").inner_text()).strip()


def test_verifier_checks_registrations_on_a_phone(
    e2e_server: str, mobile_page: Any, axe_violations: Any
) -> None:
    pg = mobile_page
    audit = A11yAudit(pg, axe_violations)
    _login(pg, e2e_server)

    tabel = _cek(pg, e2e_server, "Agus Salim", "menunggu")
    pg.get_by_text("Semua data cocok dengan data kependudukan.").wait_for()
    assert _hasil(tabel, "Nama Ibu Kandung") == "Cocok"
    audit.check("detail pendaftaran + hasil cek (cocok)")

    tabel = _cek(pg, e2e_server, "Joko Prasetyo", "ditolak")
    assert _hasil(tabel, "Nama Ibu Kandung") == "Tidak cocok"
    assert _hasil(tabel, "NIK") == "Cocok"
    assert "Rahayu" not in pg.content()  # the register's mother's name is never shown
    audit.check("detail pendaftaran + hasil cek (tidak cocok)")
    audit.assert_clean()
