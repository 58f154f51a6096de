"""Rating a finished request and the dashboard, in Chromium at 360 and 1280 px (BO-5, X-9).

An applicant's request is made, sent, processed and finished on the served instance
through the services (``browser_data.py``); the applicant rates it with the stars on
the phone, and the demo verifier (who handles every service) finds the rating on the
dashboard on a phone and on a desktop. Every page passes axe-core, without sideways
scroll at 360 px.
"""

from __future__ import annotations

from typing import Any

import pytest

from sintren.accounts.tests.browser_steps import A11yAudit, logged_in
from sintren.pengajuan.tests.test_browser_c2 import AKL, Dinas

pytestmark = pytest.mark.browser

DEMO_VERIFIKATOR = ("verifikator", "sintren-demo")
KOMENTAR = "Petugas ramah, dokumen cepat jadi."


@pytest.fixture(scope="module")
def dinas(sintren_served: Any) -> Dinas:
    run = Dinas(sintren_served)
    closed = {slug: why for slug, why in run("buka", slugs=[AKL]).items() if why}
    if closed:
        pytest.skip(f"the service cannot open today: {closed}")
    return run


def _staff_login(page: Any, base: str) -> None:
    page.goto(f"{base}/backoffice/login/")
    page.get_by_label("Nama Pengguna").fill(DEMO_VERIFIKATOR[0])
    page.get_by_label("Kata Sandi").fill(DEMO_VERIFIKATOR[1])
    page.get_by_role("button", name="Login").click()
    page.get_by_role("heading", name="Dasbor", exact=True).wait_for()


def test_applicant_rates_and_the_dashboard_shows_it(
    mobile_page: Any, page: Any, sintren_served: Any, dinas: Dinas, axe_violations: Any
) -> None:
    base = sintren_served.base_url
    pemohon = dinas("pemohon")
    (kode,) = dinas(
        "pengajuan",
        nik=pemohon["nik"],
        daftar=[{"slug": AKL, "nama": "Bayi Ny. Lestari", "kirim": True}],
    )
    assert dinas("petugas", kode=kode, ke="diproses") == "diproses"
    assert dinas("petugas", kode=kode, ke="selesai") == "selesai"

    # The applicant, on a phone: five labelled stars, keyboard-reachable radios.
    phone = A11yAudit(mobile_page, axe_violations)
    logged_in(mobile_page, base, pemohon["nik"], pemohon["password"])
    mobile_page.goto(f"{base}/pemohon/pengajuan/{kode}/")
    panel = mobile_page.get_by_role("region", name="Penilaian Layanan")
    panel.wait_for()
    phone.check("detail, rating form")
    stars = panel.get_by_role("radio")
    assert stars.count() == 5
    panel.get_by_role("button", name="Kirim Penilaian").click()  # no star chosen yet
    mobile_page.get_by_text("Pilih nilai 1 sampai 5 bintang.").wait_for()
    panel = mobile_page.get_by_role("region", name="Penilaian Layanan")
    panel.locator("label", has_text="4 dari 5 bintang: Puas").click()  # the 4th star
    assert panel.get_by_label("4 dari 5 bintang: Puas").is_checked()
    panel.get_by_label("Komentar (tidak wajib)").fill(KOMENTAR)
    panel.get_by_role("button", name="Kirim Penilaian").click()
    mobile_page.get_by_text("Terima kasih, penilaian Anda sudah kami terima.").wait_for()
    panel = mobile_page.get_by_role("region", name="Penilaian Layanan")
    assert "4 dari 5 bintang" in panel.inner_text()
    assert panel.get_by_role("radio").count() == 0
    phone.check("detail, rated")
    phone.assert_clean()

    # The verifier, on a phone and on a desktop: charts with tables, the comment.
    for label, browser_page in (("360 px", mobile_page), ("1280 px", page)):
        audit = A11yAudit(browser_page, axe_violations)
        browser_page.context.clear_cookies()
        _staff_login(browser_page, base)
        assert browser_page.locator("svg[role=img]").count() == 3
        comments = browser_page.get_by_role("region", name="Kepuasan pemohon")
        assert KOMENTAR in comments.inner_text()
        browser_page.get_by_text("Tabel data per hari").click()
        assert browser_page.get_by_role("table", name="Pengajuan dibuat per hari").is_visible()
        audit.check(f"dashboard {label}")
        browser_page.get_by_role("link", name="Laporan", exact=True).click()
        browser_page.get_by_role("heading", name="Laporan Pelayanan").wait_for()
        assert "Unduhan CSV hanya untuk admin." in browser_page.content()
        audit.check(f"report {label}")
        audit.assert_clean()
