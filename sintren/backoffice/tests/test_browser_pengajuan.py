"""The verifier's request work (BO-3, X-1, X-2) in Chromium at 360 px and 1280 px
against the real server.

A fresh applicant sends a request with its documents on the served instance (through
the services, ``sintren.pengajuan.tests.browser_data``). The demo verifier, who is
assigned every service by the demo data, logs in, opens *Pengajuan*, opens the request,
looks at a document in the viewer (zoom, rotate, next), takes it (*Diproses*) and asks
for a correction of one document with a note; the request is then *Perlu Perbaikan*
for the applicant. Every page passes axe-core; at 360 px nothing scrolls sideways.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from typing import Any

import pytest
from playwright.sync_api import expect

from sintren.accounts.tests.browser_steps import A11yAudit

pytestmark = pytest.mark.browser

AKL = "akta-kelahiran"
DEMO_VERIFIKATOR = ("verifikator", "sintren-demo")
VIEWPORTS = {"360": {"width": 360, "height": 740}, "1280": {"width": 1280, "height": 900}}
CATATAN = "Foto dokumen buram, mohon foto ulang seluruh halaman."


class Dinas:
    """Runs :mod:`sintren.pengajuan.tests.browser_data` on the served instance."""

    def __init__(self, served: Any) -> None:
        self.served = served

    def __call__(self, perintah: str, **argumen: Any) -> Any:
        code = (
            "from sintren.pengajuan.tests.browser_data import jalankan; "
            f"jalankan({perintah!r}, {json.dumps(argumen)!r})"
        )
        return json.loads(self._shell(code).strip().splitlines()[-1])

    def status(self, kode: str) -> str:
        code = (
            "from sintren.pengajuan.models import Pengajuan; "
            f"p = Pengajuan.objects.get(kode={kode!r}); "
            "print(p.status, p.petugas.username if p.petugas else '-', "
            "p.item_perbaikan.count())"
        )
        return self._shell(code).strip().splitlines()[-1]

    def _shell(self, code: str) -> str:
        try:
            return str(self.served.manage("shell", "--no-imports", "-c", code))
        except subprocess.CalledProcessError as exc:
            raise AssertionError(exc.stderr[-3000:]) from None


@pytest.fixture(scope="module")
def dinas(sintren_served: Any) -> Dinas:
    run = Dinas(sintren_served)
    closed = {slug: why for slug, why in run("buka", slugs=[AKL]).items() if why}
    if closed:
        pytest.skip(f"the service cannot open today: {closed}")
    return run


@pytest.fixture(params=sorted(VIEWPORTS))
def halaman(request: pytest.FixtureRequest, browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport=VIEWPORTS[request.param], locale="id-ID")
    context.set_default_timeout(15_000)
    yield context.new_page()
    context.close()


def _login(page: Any, base: str) -> None:
    page.goto(f"{base}/backoffice/login/")
    page.get_by_label("Nama Pengguna").fill(DEMO_VERIFIKATOR[0])
    page.get_by_label("Kata Sandi").fill(DEMO_VERIFIKATOR[1])
    page.get_by_role("button", name="Login").click()
    page.get_by_role("heading", name="Dasbor").wait_for()


def test_verifier_views_a_document_takes_the_request_and_asks_for_a_correction(
    halaman: Any, sintren_served: Any, dinas: Dinas, axe_violations: Any
) -> None:
    page, base = halaman, sintren_served.base_url
    pemohon = dinas("pemohon")
    [kode] = dinas(
        "pengajuan",
        nik=pemohon["nik"],
        daftar=[{"slug": AKL, "nama": "Bayi Ny. Antrean", "kirim": True}],
    )
    audit = A11yAudit(page, axe_violations)

    _login(page, base)
    page.get_by_role("link", name="Pengajuan", exact=True).click()
    page.get_by_role("heading", name="Antrean Pengajuan").wait_for()
    row = page.locator("table tbody tr", has_text=kode)
    assert "Pengajuan Dikirim" in row.inner_text()
    audit.check("antrean pengajuan")

    with page.expect_navigation():
        row.get_by_role("link", name=kode).click()
    page.get_by_role("heading", name=kode).wait_for()
    assert "Bayi Ny. Antrean" in page.locator("#judul-data + dl").inner_text()
    assert page.locator("#jatuh-tempo").inner_text().strip()
    audit.check("detail pengajuan (dikirim)")

    # The viewer: a thumbnail opens the image in the dialog; zoom, rotate, next.
    thumbs = page.locator("a[data-penampil]")
    assert thumbs.count() >= 2
    thumbs.first.click()
    dialog = page.locator("dialog#penampil")
    dialog.wait_for(state="visible")
    gambar = dialog.locator("img.bo-penampil-gambar")
    info = dialog.locator(".bo-penampil-info")
    expect(info).to_have_text(re.compile(r"^1 / \d+ · 100%$"))  # written once the image loaded
    assert gambar.evaluate("img => img.naturalWidth") > 0
    lebar = gambar.evaluate("img => img.getBoundingClientRect().width")
    dialog.get_by_role("button", name="Perbesar").click()
    assert gambar.evaluate("img => img.getBoundingClientRect().width") > lebar
    dialog.get_by_role("button", name="Putar").click()
    assert "rotate(90deg)" in str(gambar.evaluate("img => img.style.transform"))
    audit.check("penampil dokumen")
    dialog.get_by_role("button", name="Berikutnya").click()
    expect(info).to_have_text(re.compile(r"^2 / "))
    dialog.get_by_role("button", name="Tutup").click()
    dialog.wait_for(state="hidden")

    # Diproses: the verifier takes it.
    with page.expect_navigation():
        page.get_by_role("button", name="Diproses", exact=True).click()
    page.get_by_text("sekarang Anda tangani").wait_for()
    assert page.locator("#petugas-pengajuan").inner_text() == "Verifikator Dinas"
    audit.check("detail pengajuan (diproses)")

    # Perlu Perbaikan: one document marked with a note.
    form = page.locator("section#perbaikan")
    dokumen = form.locator("input[type=checkbox][name^=tandai_dokumen_]").first
    kunci = str(dokumen.get_attribute("name")).removeprefix("tandai_")
    dokumen.check()
    form.locator(f"input[name=catatan_{kunci}]").fill(CATATAN)
    with page.expect_navigation():
        form.get_by_role("button", name="Kirim Permintaan Perbaikan").click()
    page.get_by_text("dikembalikan ke pemohon").wait_for()
    assert "Perlu Perbaikan" in page.locator("h1").inner_text()
    assert CATATAN in page.locator("#riwayat-status").inner_text()
    audit.check("detail pengajuan (perlu perbaikan)")
    audit.assert_clean()

    assert dinas.status(kode) == "perbaikan verifikator 1"
