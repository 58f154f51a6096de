"""Browser tests of the public site (manual A.1 to A.4, A11Y-1, PERF-1) in real Chromium."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

PUBLIC_PATHS = [
    "/",
    "/persyaratan/",
    "/persyaratan/akta-kelahiran/",
    "/formulir/",
    "/formulir/akta-kelahiran/",
    "/informasi/",
    "/panduan/",
    "/panduan/menu-utama/",
    "/panduan/pemohon/",
    "/panduan/pengajuan/",
    "/panduan/solusi-permasalahan/",
    "/halaman-tidak-ada/",
]
HOME_BUDGET_BYTES = 60 * 1024
HOME_JS_BUDGET_BYTES = 20 * 1024
SCREENSHOT_DIR = Path(os.environ.get("SINTREN_SCREENSHOT_DIR", "var/screenshots"))


def _same_host_only(pg: Any, base_url: str) -> list[str]:
    """Record every request that goes anywhere but the site itself."""
    host = urlsplit(base_url).netloc
    foreign: list[str] = []

    def check(request: Any) -> None:
        url = urlsplit(request.url)
        if url.scheme in {"http", "https"} and url.netloc != host:
            foreign.append(request.url)

    pg.on("request", check)
    return foreign


def _assert_no_axe_violations(pg: Any, axe_violations: Any) -> None:
    violations = axe_violations(pg)
    summary = [(v["id"], [n["target"] for n in v["nodes"]][:3]) for v in violations]
    assert not violations, f"{pg.url}: {summary}"


@pytest.mark.parametrize("viewport", ["mobile", "desktop"])
def test_every_public_page_has_no_axe_violations_and_no_foreign_request(
    e2e_server: str, page: Any, mobile_page: Any, axe_violations: Any, viewport: str
) -> None:
    pg = mobile_page if viewport == "mobile" else page
    foreign = _same_host_only(pg, e2e_server)
    for path in [*PUBLIC_PATHS, _first_informasi_path(pg, e2e_server)]:
        response = pg.goto(e2e_server + path)
        assert response is not None
        assert response.status == (404 if "tidak-ada" in path else 200), path
        _assert_no_axe_violations(pg, axe_violations)
    assert not foreign


def _first_informasi_path(pg: Any, base_url: str) -> str:
    pg.goto(base_url + "/informasi/")
    href = pg.get_by_role("link", name="Detail").first.get_attribute("href")
    assert href
    return str(href)


def test_manual_a1_to_a4_by_clicking(e2e_server: str, page: Any) -> None:
    foreign = _same_host_only(page, e2e_server)
    page.goto(e2e_server + "/")
    # A.1 Home: name, login button, menu, informasi, Jenis Layanan, groups, footer
    assert page.get_by_text("SINTREN KABUPATEN PEKALONGAN").is_visible()
    assert page.get_by_role("link", name="Daftar / Login Pemohon").is_visible()
    nav = page.get_by_role("navigation", name="Menu utama")
    for label in ["Home", "Pemohon", "Persyaratan", "Formulir", "Informasi", "Panduan"]:
        assert nav.get_by_role("link", name=label, exact=True).is_visible()
    assert page.get_by_role("heading", name="Jenis Layanan").is_visible()
    assert page.get_by_role("heading", name="Kelompok Pelayanan Lainnya").is_visible()
    assert page.locator("footer").inner_text().startswith("©")

    # A.2 Persyaratan: choose a service in the side menu
    nav.get_by_role("link", name="Persyaratan").click()
    page.wait_for_url("**/persyaratan/")
    side = page.get_by_role("navigation", name="Jenis layanan")
    side.get_by_role("link", name="Akta Kematian").click()
    page.wait_for_url("**/persyaratan/akta-kematian/")
    assert page.get_by_role("heading", name="Persyaratan: Akta Kematian").is_visible()
    assert side.get_by_role("link", name="Akta Kematian").get_attribute("aria-current") == "page"

    # A.3 Formulir: filter by service, download a form, it is a PDF
    nav.get_by_role("link", name="Formulir").click()
    page.wait_for_url("**/formulir/")
    page.get_by_role("navigation", name="Jenis layanan").get_by_role(
        "link", name="Akta Kelahiran"
    ).click()
    page.wait_for_url("**/formulir/akta-kelahiran/")
    with page.expect_download() as info:
        page.get_by_role("link", name="Unduh").first.click()
    download = info.value
    path = download.path()
    assert path is not None
    assert Path(path).read_bytes().startswith(b"%PDF-")
    assert download.suggested_filename.lower().endswith(".pdf")

    # A.4 Informasi: Detail, then Kembali back to the list
    nav.get_by_role("link", name="Informasi").click()
    page.wait_for_url("**/informasi/")
    page.get_by_role("link", name="Detail").first.click()
    page.wait_for_url("**/informasi/*/")
    page.get_by_role("link", name="Kembali").click()
    page.wait_for_url("**/informasi/")

    nav.get_by_role("link", name="Panduan").click()
    page.wait_for_url("**/panduan/")
    assert page.get_by_role("heading", name="Panduan Pemohon").is_visible()
    assert not foreign


def test_no_horizontal_scroll_at_320_px(e2e_server: str, browser: Any) -> None:
    context = browser.new_context(viewport={"width": 320, "height": 640})
    pg = context.new_page()
    try:
        for path in PUBLIC_PATHS:
            pg.goto(e2e_server + path)
            width = pg.evaluate("document.documentElement.scrollWidth")
            assert width <= 320, f"{path} is {width} px wide at 320 px"
    finally:
        context.close()


def test_home_transfer_is_within_the_size_budget(e2e_server: str, page: Any) -> None:
    """Bytes on the wire (compressed as the browser receives them), by resource type."""
    responses: list[Any] = []

    def record(response: Any) -> None:  # Playwright cannot wrap a builtin method
        responses.append(response)

    page.on("response", record)
    page.goto(e2e_server + "/", wait_until="networkidle")
    by_type: dict[str, int] = {}
    for response in responses:
        sizes = response.request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        kind = response.request.resource_type
        by_type[kind] = by_type.get(kind, 0) + size
    html = next(r for r in responses if r.request.resource_type == "document")
    assert html.headers.get("content-encoding") == "gzip"
    total = sum(by_type.values())
    assert total <= HOME_BUDGET_BYTES, by_type
    assert by_type.get("script", 0) <= HOME_JS_BUDGET_BYTES, by_type


@pytest.mark.parametrize("viewport", ["mobile", "desktop"])
def test_home_screenshot(e2e_server: str, page: Any, mobile_page: Any, viewport: str) -> None:
    pg = mobile_page if viewport == "mobile" else page
    pg.goto(e2e_server + "/")
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    target = SCREENSHOT_DIR / f"home-{viewport}.png"
    pg.screenshot(path=str(target), full_page=True)
    assert target.stat().st_size > 0
