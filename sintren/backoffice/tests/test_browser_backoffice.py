"""The back office in a real browser: a verifikator approves and rejects registrations.

Each test registers its own applicant over HTTP on the public registration form (as a
citizen's browser would post it), so it never depends on which demo registrations
other tests have already decided.
"""

from __future__ import annotations

import http.cookiejar
import random
import re
import urllib.parse
import urllib.request
from typing import Any

import pytest

from sintren.accounts.tests.factories import nik_for
from sintren.accounts.tests.helpers import registrasi_data
from sintren.core.tests.utils import captcha_post_data

pytestmark = pytest.mark.browser

DEMO_VERIFIKATOR = ("verifikator", "sintren-demo")
_CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def _register(base_url: str, nama: str) -> str:
    """Register a pending applicant through the public form; return its NIK."""
    nik = nik_for(random.randint(5000, 9999))
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    url = f"{base_url}/pemohon/daftar/"
    page = opener.open(url, timeout=20).read().decode()
    csrf = _CSRF.search(page)
    assert csrf is not None
    data = {
        **registrasi_data(nik=nik, nama_lengkap=nama, nomor_hp="0812" + nik[-8:]),
        **captcha_post_data(page),
        "csrfmiddlewaretoken": csrf[1],
    }
    request = urllib.request.Request(
        url, data=urllib.parse.urlencode(data).encode(), headers={"Referer": url}
    )
    with opener.open(request, timeout=20) as response:
        assert "/pemohon/daftar/berhasil/" in response.url, "registration was refused"
    return nik


def _login(page: Any, base_url: str) -> None:
    page.goto(f"{base_url}/backoffice/")
    page.get_by_label("Nama Pengguna").fill(DEMO_VERIFIKATOR[0])
    page.get_by_label("Kata Sandi").fill(DEMO_VERIFIKATOR[1])
    page.get_by_role("button", name="Login").click()
    page.get_by_role("heading", name="Dasbor").wait_for()


def _open_registration(page: Any, base_url: str, nik: str, nama: str) -> None:
    page.get_by_role("link", name="Pendaftaran", exact=True).click()
    page.get_by_role("heading", name="Antrean Pendaftaran Pemohon").wait_for()
    page.get_by_label("Cari NIK atau nama").fill(nik)
    page.get_by_role("button", name="Cari").click()
    assert nik not in page.url
    row = page.get_by_role("row").filter(has_text=nik)
    assert "Menunggu Verifikasi" in row.inner_text()
    row.get_by_role("link", name=nama).click()
    page.get_by_role("heading", name=nama).wait_for()


def test_verifikator_approves_a_pending_registration(
    page: Any, e2e_server: str, axe_violations: Any
) -> None:
    nama = "Rahmat Setujui"
    nik = _register(e2e_server, nama)
    _login(page, e2e_server)
    _open_registration(page, e2e_server, nik, nama)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Setujui", exact=True).click()
    page.get_by_role("button", name="Ya, Setujui").click()
    page.get_by_text("Pendaftaran disetujui.").wait_for()
    assert "Disetujui" in page.locator("h1").inner_text()
    assert page.get_by_role("link", name="Setujui", exact=True).count() == 0
    # The activation message is listed with its delivery status.
    assert (
        "Pendaftaran disetujui (link aktivasi)"
        in page.get_by_role("region", name="Pesan ke Pemohon").inner_text()
    )


def test_verifikator_rejects_with_a_reason(page: Any, e2e_server: str) -> None:
    nama = "Rahmat Tolak"
    nik = _register(e2e_server, nama)
    _login(page, e2e_server)
    _open_registration(page, e2e_server, nik, nama)
    page.get_by_role("button", name="Tolak").click()  # no reason yet
    page.get_by_text("Alasan penolakan wajib diisi.").wait_for()
    assert "Menunggu Verifikasi" in page.locator("h1").inner_text()
    page.get_by_label("Alasan").fill("Foto KK tidak terbaca, mohon daftar ulang.")
    page.get_by_role("button", name="Tolak").click()
    page.get_by_text("Pendaftaran tidak disetujui.").wait_for()
    assert "Tidak Disetujui" in page.locator("h1").inner_text()
    assert "Foto KK tidak terbaca" in page.content()


def test_back_office_pages_pass_axe(page: Any, e2e_server: str, axe_violations: Any) -> None:
    page.goto(f"{e2e_server}/backoffice/login/")
    assert axe_violations(page) == []
    _login(page, e2e_server)
    assert axe_violations(page) == []
    page.get_by_role("link", name="Pendaftaran", exact=True).click()
    assert axe_violations(page) == []
